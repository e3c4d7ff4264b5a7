"""What every view needs: the signed-in request type and lookups that stay inside one account."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

from goodwill.network import selectors
from goodwill.network.models import Contact, Loop

# Where an action returns to after a plain (non-htmx) POST; anything else means the contact page.
RETURN_TO_TODAY = "today"


class AuthedRequest(HttpRequest):
    """A request that passed login_required, with django-htmx's details attached."""

    user: User
    htmx: HtmxDetails


def get_contact_for_user(request: AuthedRequest, contact_id: int) -> Contact:
    """The signed-in user's contact, or 404: another account's id looks like no contact at all."""
    contact = (
        selectors.contacts_for_owner(owner=request.user)
        .select_related("organization", "circle")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None:
        raise Http404("No such contact.")
    return contact


def get_loop_for_user(request: AuthedRequest, loop_id: int) -> Loop:
    """The signed-in user's loop, or 404, the same way as contacts."""
    loop = (
        selectors.loops_for_owner(owner=request.user)
        .select_related("contact")
        .filter(pk=loop_id)
        .first()
    )
    if loop is None:
        raise Http404("No such loop.")
    return loop


def can_acknowledge(*, status: str, whose: str, kind: str) -> bool:
    """Only an open loop can be acknowledged, and not your own promise: nobody owes you a reply."""
    own_promise = whose == Loop.Whose.MINE and kind == Loop.Kind.PROMISE
    return status == Loop.Status.OPEN and not own_promise


def returns_to_today(request: HttpRequest) -> bool:
    """True when the action was taken from Today, so the answer should be Today again."""
    return request.POST.get("return_to") == RETURN_TO_TODAY


def wants_partial(request: AuthedRequest) -> bool:
    """An htmx request that will swap part of the page (not a history restore of a whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request
