"""Done, snooze and dismiss for Today's items: a loop, a contact past their cadence, or someone
met at an event. Each redraws Today (or returns to it), and a refusal is said there in words."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from goodwill.network.models import Loop
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.selectors import attendee_for_owner
from goodwill.web.rhythm_forms import TodaySnoozeForm
from goodwill.web.views.common import (
    AuthedRequest,
    get_contact_for_user,
    get_loop_for_user,
    wants_partial,
)
from goodwill.web.views.today import render_today, today_context

INVALID = 422


def _apply(request: AuthedRequest, subject: rhythm.TodaySubject, loop: Loop | None) -> None:
    action = request.POST.get("action", "")
    if action == "done":
        rhythm.today_done(subject=subject, loop=loop)
    elif action == "dismiss":
        rhythm.today_dismiss(subject=subject)
    elif action == "snooze":
        form = TodaySnoozeForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Choose how long to snooze: a day, 3 days, a week or a month.")
        rhythm.today_snooze(subject=subject, until=form.until())
    else:
        raise ValidationError(f"{action or 'Nothing'!r} is not one of done, snooze or dismiss.")


def _act(
    request: AuthedRequest, subject: rhythm.TodaySubject, loop: Loop | None = None
) -> HttpResponse:
    error = ""
    try:
        _apply(request, subject, loop)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if wants_partial(request):
        return render_today(
            request, today_context(request, error=error), status=INVALID if error else 200
        )
    if error:
        messages.error(request, error)
    return redirect("today")


@login_required
@require_POST
def today_loop_action(request: AuthedRequest, loop_id: int) -> HttpResponse:
    loop = get_loop_for_user(request, loop_id)
    return _act(request, rhythm.subject_of_loop(loop), loop)


@login_required
@require_POST
def today_contact_action(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    return _act(request, rhythm.subject_of_contact(contact))


@login_required
@require_POST
def today_follow_up_action(request: AuthedRequest, attendee_id: int) -> HttpResponse:
    attendee = attendee_for_owner(owner=request.user, attendee_id=attendee_id)
    if attendee is None:
        raise Http404("No such follow-up.")
    return _act(request, rhythm.subject_of_attendee(attendee))
