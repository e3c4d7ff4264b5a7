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

from goodwill.network import services
from goodwill.network.models import Contact
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


@login_required
@require_POST
def contact_log_interaction(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    if returns_to_today(request):
        form = InteractionForm(request.POST, auto_id=f"touch-{contact.pk}-%s")
        if _log(request, contact, form):
            if wants_partial(request):
                return render_today(request, today_context(request))
            return redirect("today")
        context = today_context(request, touch_form=form, touch_contact_id=contact.pk)
        return render_today(request, context, status=INVALID)
    form = log_form(request.POST)
    if _log(request, contact, form):
        if wants_partial(request):
            return render_contact_sections(
                request, contact, ["timeline", "contact-header", "loops"]
            )
        return _back_to_contact(contact, "timeline")
    return render_contact_sections(
        request, contact, ["timeline"], status=INVALID, bound={"log_form": form}
    )


@login_required
@require_POST
def contact_open_loop(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    form = loop_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.loop_open(
                contact=contact, kind=data["kind"], whose=data["whose"], summary=data["summary"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if wants_partial(request):
                return render_contact_sections(request, contact, ["loops"])
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
                return render_contact_sections(request, contact, ["gives"])
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
            services.contact_set_circle(
                contact=contact,
                circle=form.cleaned_data["circle"],
                cadence_days=form.cleaned_data["cadence_days"],
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
