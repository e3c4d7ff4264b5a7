"""Duplicates: contacts that are probably one person, with the reasons, and the two answers:
merge them (keeping either), or say they are not the same person (never suggested again)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from goodwill.network.duplicates import contact_mark_not_same, duplicates_suggest
from goodwill.network.import_selectors import (
    SuggestedPair,
    merge_suggestions_open,
    merge_suggestions_open_count,
    merges_done,
)
from goodwill.network.merging import contact_merge
from goodwill.network.models import MergeSuggestion
from goodwill.web.views.common import AuthedRequest

SHOWN = 100


def _open_suggestion_for_user(request: AuthedRequest, suggestion_id: int) -> SuggestedPair:
    """The signed-in user's open suggestion with its two contacts, or 404 (another account's
    looks like none)."""
    suggestion = (
        MergeSuggestion.objects.filter(
            owner=request.user, pk=suggestion_id, status=MergeSuggestion.Status.OPEN
        )
        .select_related("contact_a", "contact_b")
        .first()
    )
    if suggestion is None or suggestion.contact_b is None:
        raise Http404("No such suggestion.")
    return SuggestedPair(suggestion, suggestion.contact_a, suggestion.contact_b)


@login_required
@require_GET
def duplicates_page(request: AuthedRequest) -> HttpResponse:
    context = {
        "pairs": merge_suggestions_open(owner=request.user, limit=SHOWN),
        "total": merge_suggestions_open_count(owner=request.user),
        "merges": merges_done(owner=request.user, limit=SHOWN),
    }
    return render(request, "web/duplicates/page.html", context)


@login_required
@require_POST
def duplicates_find(request: AuthedRequest) -> HttpResponse:
    found = duplicates_suggest(owner=request.user)
    messages.info(request, f"Found {found} new possible duplicate{'s' if found != 1 else ''}.")
    return redirect("duplicates_page")


@login_required
@require_POST
def duplicate_merge(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    found = _open_suggestion_for_user(request, suggestion_id)
    pair = {found.first.pk: found.first, found.second.pk: found.second}
    try:
        keep_id = int(request.POST.get("keep", ""))
    except ValueError:
        keep_id = 0
    if keep_id not in pair:
        messages.error(request, "Choose which of the two contacts to keep.")
        return redirect("duplicates_page")
    keep = pair.pop(keep_id)
    [absorb] = pair.values()
    try:
        contact_merge(keep=keep, absorb=absorb)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("duplicates_page")
    messages.success(request, f"Merged {absorb.full_name} into {keep.full_name}.")
    return redirect("duplicates_page")


@login_required
@require_POST
def duplicate_not_same(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    found = _open_suggestion_for_user(request, suggestion_id)
    contact_mark_not_same(first=found.first, second=found.second)
    messages.success(
        request,
        f"{found.first.full_name} and {found.second.full_name} are different "
        "people; they will not be suggested again.",
    )
    return redirect("duplicates_page")
