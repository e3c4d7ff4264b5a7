"""Today: who needs you and why, with the answer one click away."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from goodwill.insight.today import TodayItem
from goodwill.network import selectors
from goodwill.network.models import Interaction
from goodwill.web.forms import InteractionForm, LoopCloseForm
from goodwill.web.views.common import AuthedRequest, can_acknowledge, wants_partial


@dataclass(frozen=True)
class TodayRow:
    item: TodayItem
    can_acknowledge: bool
    touch_form: InteractionForm | None


@dataclass(frozen=True)
class TodaySection:
    key: str
    title: str
    rows: list[TodayRow]
    more: int
    empty: str


def today_context(
    request: AuthedRequest,
    *,
    touch_form: InteractionForm | None = None,
    touch_contact_id: int | None = None,
    error: str = "",
) -> dict[str, object]:
    """Today's sections; a bound touch form (with its errors) replaces that contact's blank one."""
    today = selectors.today_for_owner(owner=request.user)
    loop_ids = [item.loop_id for item in today.waiting_on_you + today.silence if item.loop_id]
    acknowledgeable = {
        pk
        for pk, status, whose, kind in selectors.loops_for_owner(owner=request.user)
        .filter(pk__in=loop_ids)
        .values_list("pk", "status", "whose", "kind")
        if can_acknowledge(status=status, whose=whose, kind=kind)
    }

    def loop_rows(items: list[TodayItem]) -> list[TodayRow]:
        return [TodayRow(item, item.loop_id in acknowledgeable, None) for item in items]

    def drift_row(item: TodayItem) -> TodayRow:
        form = touch_form if item.contact_id == touch_contact_id else None
        if form is None:
            form = InteractionForm(
                auto_id=f"touch-{item.contact_id}-%s",
                initial={"kind": Interaction.Kind.MESSAGE},
            )
        return TodayRow(item, False, form)

    sections = [
        TodaySection(
            "waiting",
            "Waiting on you",
            loop_rows(today.waiting_on_you),
            today.waiting_on_you_total - len(today.waiting_on_you),
            "Nobody is waiting on you.",
        ),
        TodaySection(
            "silence",
            "Met with silence",
            loop_rows(today.silence),
            today.silence_total - len(today.silence),
            "No ask of yours has gone unanswered.",
        ),
        TodaySection(
            "drifting",
            "Drifting",
            [drift_row(item) for item in today.drifting],
            today.drifting_total - len(today.drifting),
            "Nobody is drifting away.",
        ),
    ]
    return {
        "today": today,
        "sections": sections,
        "close_form": LoopCloseForm(),
        "today_error": error,
    }


def render_today(
    request: AuthedRequest, context: dict[str, object], *, status: int = 200
) -> HttpResponse:
    """The Today sections alone for htmx, else the whole page."""
    template = "web/today/_sections.html" if wants_partial(request) else "web/today/page.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def today(request: AuthedRequest) -> HttpResponse:
    return render_today(request, today_context(request))


@login_required
@require_GET
def today_json(request: AuthedRequest) -> JsonResponse:
    return JsonResponse(selectors.today_for_owner(owner=request.user).as_json())
