"""Mail pages: a message as it was stored, what the imports read and left out, suggested
contacts, and the radar's actions (dismiss; acknowledge and close are the loops' own)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from goodwill.mail import selectors, services
from goodwill.mail.models import Message, RadarItem
from goodwill.web.views.common import AuthedRequest


def _message(request: AuthedRequest, message_id: int) -> Message:
    message = selectors.message_for_owner(owner=request.user, message_id=message_id)
    if message is None:
        raise Http404("No such message.")
    return message


def _back(request: AuthedRequest, fallback: str) -> HttpResponse:
    # Back to the page the action was taken on, if it is one of ours.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_GET
def mail_overview(request: AuthedRequest) -> HttpResponse:
    owner = request.user
    return render(
        request,
        "web/mail/overview.html",
        {
            "imports": selectors.imports_for_owner(owner=owner),
            "accounts": selectors.accounts_for_owner(owner=owner),
            "own_addresses": selectors.own_addresses_for_owner(owner=owner),
            "suggestions": selectors.suggestions_for_owner(owner=owner),
        },
    )


@login_required
@require_GET
def mail_message(request: AuthedRequest, message_id: int) -> HttpResponse:
    message = _message(request, message_id)
    thread = (
        list(selectors.thread_messages_for(thread=message.thread)) if message.thread else [message]
    )
    items = RadarItem.objects.filter(owner=request.user, message=message).select_related("loop")
    return render(
        request,
        "web/mail/message.html",
        {"message": message, "thread": thread, "radar_items": items},
    )


@login_required
@require_GET
def mail_interaction_thread(request: AuthedRequest, interaction_id: int) -> HttpResponse:
    thread = selectors.thread_for_interaction(owner=request.user, interaction_id=interaction_id)
    latest = selectors.thread_messages_for(thread=thread).last() if thread else None
    if latest is None:
        raise Http404("No mail thread for this interaction.")
    return redirect("mail_message", latest.pk)


@login_required
@require_GET
def mail_loop_message(request: AuthedRequest, loop_id: int) -> HttpResponse:
    item = selectors.radar_item_for_loop(owner=request.user, loop_id=loop_id)
    if item is None:
        raise Http404("This loop did not come from mail.")
    return redirect("mail_message", item.message_id)


def _dismiss(request: AuthedRequest, item: RadarItem | None) -> HttpResponse:
    if item is None:
        raise Http404("No such radar item.")
    try:
        services.radar_item_dismiss(item=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Dismissed. Later syncs will leave it dismissed.")
    return _back(request, reverse("mail_message", args=[item.message_id]))


@login_required
@require_POST
def mail_radar_dismiss(request: AuthedRequest, item_id: int) -> HttpResponse:
    return _dismiss(request, selectors.radar_item_for_owner(owner=request.user, item_id=item_id))


@login_required
@require_POST
def mail_loop_dismiss(request: AuthedRequest, loop_id: int) -> HttpResponse:
    return _dismiss(request, selectors.radar_item_for_loop(owner=request.user, loop_id=loop_id))


@login_required
@require_POST
def mail_suggestion_accept(request: AuthedRequest, correspondent_id: int) -> HttpResponse:
    found = selectors.correspondent_for_owner(owner=request.user, correspondent_id=correspondent_id)
    if found is None:
        raise Http404("No such suggestion.")
    try:
        contact = services.suggestion_accept(
            correspondent=found, full_name=request.POST.get("full_name", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mail_overview")
    return redirect("contact_detail", contact.pk)


@login_required
@require_POST
def mail_suggestion_ignore(request: AuthedRequest, correspondent_id: int) -> HttpResponse:
    found = selectors.correspondent_for_owner(owner=request.user, correspondent_id=correspondent_id)
    if found is None:
        raise Http404("No such suggestion.")
    services.suggestion_ignore(correspondent=found)
    return _back(request, reverse("mail_overview"))
