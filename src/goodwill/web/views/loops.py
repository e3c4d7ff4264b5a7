"""Answering a loop, from Today or from the contact's page: acknowledge it, or close it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.network import services
from goodwill.network.models import Loop
from goodwill.web.views.common import (
    AuthedRequest,
    get_loop_for_user,
    returns_to_today,
    wants_partial,
)
from goodwill.web.views.contact_page import render_contact_sections
from goodwill.web.views.today import render_today, today_context

INVALID = 422


def _answer(request: AuthedRequest, loop: Loop, change: Callable[[], object]) -> HttpResponse:
    """Apply the change, then redraw where the user acted; a refusal is shown there in words."""
    error = ""
    try:
        change()
    except ValidationError as exc:
        error = " ".join(exc.messages)
    status = INVALID if error else 200
    if returns_to_today(request):
        if wants_partial(request):
            return render_today(request, today_context(request, error=error), status=status)
        if error:
            messages.error(request, error)
        return redirect("today")
    if wants_partial(request):
        return render_contact_sections(
            request, loop.contact, ["loops"], status=status, loop_error=error
        )
    if error:
        messages.error(request, error)
    return redirect(f"{reverse('contact_detail', args=[loop.contact_id])}#loops")


@login_required
@require_POST
def loop_acknowledge(request: AuthedRequest, loop_id: int) -> HttpResponse:
    loop = get_loop_for_user(request, loop_id)
    return _answer(request, loop, lambda: services.loop_acknowledge(loop=loop))


@login_required
@require_POST
def loop_close(request: AuthedRequest, loop_id: int) -> HttpResponse:
    loop = get_loop_for_user(request, loop_id)
    # The service names the outcomes it accepts, so a bad one is refused in its words.
    outcome = request.POST.get("outcome", "")
    return _answer(request, loop, lambda: services.loop_close(loop=loop, outcome=outcome))
