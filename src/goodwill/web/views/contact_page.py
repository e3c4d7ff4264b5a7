"""The contact page and its sections, so each inline form can redraw just the part it changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from goodwill.insight.keep_in_touch import effective_cadence
from goodwill.mail import selectors as mail_selectors
from goodwill.network import selectors
from goodwill.network.models import Contact, Interaction, Loop
from goodwill.network.scorecard_selectors import scorecard_for_contact
from goodwill.rhythm.ledger import contact_ledger
from goodwill.web.forms import (
    CircleForm,
    GiveForm,
    HandleForm,
    InteractionForm,
    LoopCloseForm,
    LoopForm,
)
from goodwill.web.rhythm_forms import ContactSnoozeForm
from goodwill.web.views.common import AuthedRequest, can_acknowledge, wants_partial
from goodwill.work.selectors import work_for_contact

# Section name -> its template; each template's root element has the id of the same name.
SECTIONS = {
    "contact-header": "web/contact/_header.html",
    "handles": "web/contact/_handles.html",
    "timeline": "web/contact/_timeline.html",
    "loops": "web/contact/_loops.html",
    "gives": "web/contact/_gives.html",
    "ledger": "web/contact/_ledger.html",
}


@dataclass(frozen=True)
class LoopRow:
    loop: Loop
    can_acknowledge: bool


# Each inline form gets ids of its own, since several forms on the page share field names.
def circle_form(
    request: AuthedRequest, contact: Contact, data: QueryDict | None = None
) -> CircleForm:
    initial = {
        "circle": contact.circle_id,
        "cadence_days": contact.cadence_days,
        "max_cadence_days": contact.max_cadence_days,
    }
    return CircleForm(data, owner=request.user, auto_id="circle-%s", initial=initial)


def handle_form(data: QueryDict | None = None) -> HandleForm:
    return HandleForm(data, auto_id="handle-%s")


def log_form(data: QueryDict | None = None) -> InteractionForm:
    return InteractionForm(data, auto_id="log-%s", initial={"kind": Interaction.Kind.MEETING})


def loop_form(data: QueryDict | None = None) -> LoopForm:
    return LoopForm(data, auto_id="loop-%s")


def give_form(data: QueryDict | None = None) -> GiveForm:
    return GiveForm(data, auto_id="give-%s")


def _page_number(value: str | None) -> int:
    """A page number from the query string; anything else is the first page."""
    if value and value.isdigit() and len(value) < 7:
        return max(1, int(value))
    return 1


def contact_page_context(
    request: AuthedRequest,
    contact: Contact,
    *,
    bound: dict[str, object] | None = None,
    loop_error: str = "",
) -> dict[str, object]:
    """Everything the contact page shows; `bound` carries forms the user just sent, with errors."""
    bound = bound or {}
    cadence = contact.cadence_days or contact.circle.cadence_days
    now = timezone.now()
    ledger = contact_ledger(contact=contact, now=now)
    context: dict[str, object] = {
        "contact": contact,
        "cadence_days": cadence,
        "cadence": effective_cadence(
            circle_ideal=contact.circle.cadence_days,
            circle_max=contact.circle.max_cadence_days,
            own_ideal=contact.cadence_days,
            own_max=contact.max_cadence_days,
        ),
        "snoozed": contact.snoozed_until is not None and contact.snoozed_until > now,
        "snooze_form": ContactSnoozeForm(auto_id="snooze-%s"),
        "snooze_error": "",
        "handles": contact.handles.all(),
        # ?timeline=N pages back through the history, 20 interactions a page.
        "timeline_page": selectors.contact_timeline_page(
            contact=contact, number=_page_number(request.GET.get("timeline"))
        ),
        "loop_rows": [
            LoopRow(loop, can_acknowledge(status=loop.status, whose=loop.whose, kind=loop.kind))
            for loop in selectors.contact_loops(contact=contact)
        ],
        "gives": selectors.contact_gives(contact=contact),
        "ledger": ledger,
        # The same counts as selectors.contact_give_balance, read with the ledger's query.
        "balance": selectors.GiveBalance(given=ledger.gave_them, received=ledger.they_gave),
        "loop_error": loop_error,
        "close_form": LoopCloseForm(),
        "circle_form": circle_form(request, contact),
        "handle_form": handle_form(),
        "log_form": log_form(),
        "loop_form": loop_form(),
        "give_form": give_form(),
        # The reply radar: which loops came from mail, and the offers mail shows.
        "mail_loop_ids": mail_selectors.contact_loops_from_mail(contact=contact),
        "mail_offers": mail_selectors.radar_for_contact(contact=contact, now=now),
        # Where work comes from, and the scorecard both ways.
        "contact_work": work_for_contact(contact=contact),
        "scorecard": scorecard_for_contact(contact=contact, now=now),
    }
    context.update(bound)
    return context


def render_contact_sections(
    request: AuthedRequest,
    contact: Contact,
    sections: Sequence[str],
    *,
    status: int = 200,
    bound: dict[str, object] | None = None,
    loop_error: str = "",
) -> HttpResponse:
    """For htmx, the first section to swap in place and the others out of band; else the page."""
    context = contact_page_context(request, contact, bound=bound, loop_error=loop_error)
    if not wants_partial(request):
        return render(request, "web/contact/page.html", context, status=status)
    html = "".join(
        render_to_string(SECTIONS[name], {**context, "oob": index > 0}, request=request)
        for index, name in enumerate(sections)
    )
    return HttpResponse(html, status=status)
