"""The inline forms on a contact's page: each one writes through a service, then redraws its part.

An htmx request gets the changed sections back; a plain POST is redirected to the contact page
(or to Today, for a touch logged there). Bad input comes back with the form and its errors.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.insight.ledger import AskAdvice
from goodwill.insight.today import ItemKind
from goodwill.network import rhythm_services, selectors, services
from goodwill.network.models import Contact, Loop
from goodwill.rhythm import selectors as rhythm_selectors
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.ledger import ask_advice
from goodwill.rhythm.services import TodaySubject
from goodwill.web.forms import InteractionForm, add_service_errors
from goodwill.web.views.common import (
    AuthedRequest,
    get_contact_for_user,
    returns_to_today,
    wants_partial,
)
from goodwill.web.views.contact_page import (
    circle_form,
    give_form,
    handle_form,
    log_form,
    loop_form,
    render_contact_sections,
)
from goodwill.web.views.today import render_today, today_context

INVALID = 422


def _back_to_contact(contact: Contact, section: str) -> HttpResponse:
    return redirect(f"{reverse('contact_detail', args=[contact.pk])}#{section}")


def _log(request: AuthedRequest, contact: Contact, form: InteractionForm) -> bool:
    """Log the interaction, and its loop if the box was ticked; False with errors on the form."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    with transaction.atomic():
        try:
            interaction = services.interaction_log(
                owner=request.user,
                contacts=[contact],
                kind=data["kind"],
                direction=data["direction"],
                summary=data["summary"],
                details=data["details"],
                occurred_at=form.occurred_at_datetime(),
            )
            if data["has_loop"]:
                services.loop_open(
                    contact=contact,
                    kind=data["loop_kind"],
                    whose=data["loop_whose"],
                    summary=data["loop_summary"] or data["summary"],
                    interaction=interaction,
                    opened_at=interaction.occurred_at,
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
            transaction.set_rollback(True)
            return False
    return True


def _today_subject(request: AuthedRequest, contact: Contact) -> TodaySubject | None:
    """The Today item a touch was logged from ("kind:id"), if it is this contact's own."""
    kind, _, subject_id = request.POST.get("today_item", "").partition(":")
    if not subject_id.isdigit():
        return None
    if kind == ItemKind.DRIFTING and int(subject_id) == contact.pk:
        return rhythm.subject_of_contact(contact)
    if kind in (ItemKind.WAITING_ON_YOU, ItemKind.SILENCE):
        loop = selectors.loops_for_owner(owner=request.user).filter(pk=subject_id).first()
        return rhythm.subject_of_loop(loop) if loop and loop.contact_id == contact.pk else None
    if kind == ItemKind.FOLLOW_UP:
        attendee = rhythm_selectors.attendee_for_owner(
            owner=request.user, attendee_id=int(subject_id)
        )
        if attendee is not None and attendee.contact_id == contact.pk:
            return rhythm.subject_of_attendee(attendee)
    return None


def _log_from_today(request: AuthedRequest, contact: Contact, form: InteractionForm) -> bool:
    """Log from Today: the touch, the loop it settles if that box was ticked, and the item
    counted toward the day's number. All of it or, with errors on the form, none of it."""
    subject = _today_subject(request, contact)
    settles = request.POST.get("settles_loop", "")
    loop = (
        selectors.loops_for_owner(owner=request.user)
        .filter(pk=settles, contact=contact)
        .exclude(status=Loop.Status.CLOSED)
        .first()
        if settles.isdigit()
        else None
    )
    with transaction.atomic():
        if not _log(request, contact, form):
            return False
        if loop is not None:
            services.loop_close(loop=loop, outcome=Loop.Outcome.DONE)
        if subject is not None:
            rhythm.today_logged(subject=subject)
    return True


@login_required
@require_POST
def contact_log_interaction(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    if returns_to_today(request):
        form = InteractionForm(request.POST, auto_id=f"touch-{contact.pk}-%s")
        if _log_from_today(request, contact, form):
            if wants_partial(request):
                return render_today(request, today_context(request))
            return redirect("today")
        context = today_context(request, touch_form=form, touch_contact_id=contact.pk)
        return render_today(request, context, status=INVALID)
    form = log_form(request.POST)
    if form.is_valid() and form.cleaned_data["has_loop"]:
        data = form.cleaned_data
        advice = _ask_advice(request, contact, kind=data["loop_kind"], whose=data["loop_whose"])
        if advice is not None:
            return render_contact_sections(
                request, contact, ["timeline"], bound={"log_form": form, "log_ask_advice": advice}
            )
    if _log(request, contact, form):
        if wants_partial(request):
            return render_contact_sections(
                request, contact, ["timeline", "contact-header", "loops", "ledger"]
            )
        return _back_to_contact(contact, "timeline")
    return render_contact_sections(
        request, contact, ["timeline"], status=INVALID, bound={"log_form": form}
    )


def _ask_advice(
    request: AuthedRequest, contact: Contact, *, kind: str, whose: str
) -> AskAdvice | None:
    """Before the user's own ask of someone they gave nothing to in a year, the advice to lead
    with help; None once they chose to ask anyway, or for anything else."""
    if kind != Loop.Kind.ASK or whose != Loop.Whose.MINE or request.POST.get("ask_anyway"):
        return None
    return ask_advice(contact=contact)


@login_required
@require_POST
def contact_open_loop(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    form = loop_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        advice = _ask_advice(request, contact, kind=data["kind"], whose=data["whose"])
        if advice is not None:
            # Nothing is opened yet: the page says so, with ways to lead with help first.
            return render_contact_sections(
                request, contact, ["loops"], bound={"loop_form": form, "ask_advice": advice}
            )
        try:
            services.loop_open(
                contact=contact, kind=data["kind"], whose=data["whose"], summary=data["summary"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if wants_partial(request):
                return render_contact_sections(request, contact, ["loops", "ledger"])
            return _back_to_contact(contact, "loops")
    return render_contact_sections(
        request, contact, ["loops"], status=INVALID, bound={"loop_form": form}
    )


@login_required
@require_POST
def contact_record_give(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    form = give_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.give_record(
                contact=contact,
                kind=data["kind"],
                direction=data["direction"],
                summary=data["summary"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if wants_partial(request):
                return render_contact_sections(request, contact, ["gives", "ledger"])
            return _back_to_contact(contact, "gives")
    return render_contact_sections(
        request, contact, ["gives"], status=INVALID, bound={"give_form": form}
    )


@login_required
@require_POST
def contact_set_circle(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    form = circle_form(request, contact, request.POST)
    if form.is_valid():
        try:
            rhythm_services.contact_set_keep_in_touch(
                contact=contact,
                circle=form.cleaned_data["circle"],
                cadence_days=form.cleaned_data["cadence_days"],
                max_cadence_days=form.cleaned_data["max_cadence_days"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if wants_partial(request):
                return render_contact_sections(request, contact, ["contact-header"])
            return _back_to_contact(contact, "contact-header")
    return render_contact_sections(
        request, contact, ["contact-header"], status=INVALID, bound={"circle_form": form}
    )


@login_required
@require_POST
def contact_add_handle(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    form = handle_form(request.POST)
    if form.is_valid():
        try:
            services.handle_add(
                contact=contact, kind=form.cleaned_data["kind"], value=form.cleaned_data["value"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if wants_partial(request):
                return render_contact_sections(request, contact, ["handles"])
            return _back_to_contact(contact, "handles")
    return render_contact_sections(
        request, contact, ["handles"], status=INVALID, bound={"handle_form": form}
    )
