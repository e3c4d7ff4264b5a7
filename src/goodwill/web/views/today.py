"""Today: the day's short list of who needs you and why, each with its answer one click away."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from goodwill.insight.today import ItemKind, TodayItem
from goodwill.mail import selectors as mail_selectors
from goodwill.network import selectors
from goodwill.network.models import Interaction
from goodwill.rhythm.agenda import Agenda, today_agenda
from goodwill.web.forms import InteractionForm, LoopCloseForm
from goodwill.web.rhythm_forms import TodaySnoozeForm
from goodwill.web.views.common import AuthedRequest, can_acknowledge, wants_partial


@dataclass(frozen=True)
class TodayRow:
    item: TodayItem
    can_acknowledge: bool
    touch_form: InteractionForm
    # Where done, snooze and dismiss are posted for this item.
    action_url: str

    @property
    def is_loop(self) -> bool:
        return self.item.loop_id is not None

    @property
    def today_item(self) -> str:
        """The item as the log form names it, so logging from Today counts for the day."""
        return f"{self.item.kind.value}:{self.item.subject_id}"


@dataclass(frozen=True)
class TodaySection:
    key: str
    title: str
    rows: list[TodayRow]
    more: int
    empty: str


def _action_url(item: TodayItem) -> str:
    from django.urls import reverse

    if item.loop_id is not None:
        return reverse("today_loop_action", args=[item.loop_id])
    if item.kind == ItemKind.FOLLOW_UP:
        return reverse("today_follow_up_action", args=[item.subject_id])
    return reverse("today_contact_action", args=[item.contact_id])


def today_context(
    request: AuthedRequest,
    *,
    touch_form: InteractionForm | None = None,
    touch_contact_id: int | None = None,
    error: str = "",
) -> dict[str, object]:
    """Today's sections; a bound touch form (with its errors) replaces that contact's blank one."""
    show_all = request.GET.get("all") == "1" or request.POST.get("all") == "1"
    agenda = today_agenda(owner=request.user, show_all=show_all)
    loop_ids = [item.loop_id for item in agenda.items if item.loop_id]
    acknowledgeable = {
        pk
        for pk, status, whose, kind in selectors.loops_for_owner(owner=request.user)
        .filter(pk__in=loop_ids)
        .values_list("pk", "status", "whose", "kind")
        if can_acknowledge(status=status, whose=whose, kind=kind)
    }

    def row(item: TodayItem) -> TodayRow:
        form = touch_form if item.contact_id == touch_contact_id else None
        if form is None:
            form = InteractionForm(
                auto_id=f"touch-{item.kind.value}-{item.subject_id}-%s",
                initial={"kind": Interaction.Kind.MESSAGE},
            )
        return TodayRow(item, item.loop_id in acknowledgeable, form, _action_url(item))

    sections = [
        TodaySection(
            section.key,
            section.title,
            [row(item) for item in section.items],
            section.more,
            section.empty,
        )
        for section in agenda.sections
        # Follow-ups appear only when there are events to follow up on.
        if section.total or section.key != "follow-ups"
    ]
    return {
        "today": agenda,
        "sections": sections,
        "close_form": LoopCloseForm(),
        "snooze_form": TodaySnoozeForm(),
        "today_error": error,
        "show_all": show_all,
        # The reply radar: which loops came from mail, and what mail shows beyond loops.
        "mail_loop_ids": mail_selectors.loops_from_mail(owner=request.user, loop_ids=loop_ids),
        "radar": mail_selectors.radar_for_owner(owner=request.user),
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
    agenda: Agenda = today_agenda(owner=request.user, show_all=request.GET.get("all") == "1")
    return JsonResponse(agenda.as_json())
