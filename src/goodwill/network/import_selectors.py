"""Reads for imports and duplicates, every one scoped to an owner."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet

from goodwill.network.models import Contact, ImportRun, ImportSkip, MergeSuggestion
from goodwill.network.services import Owner


def import_runs_for_owner(*, owner: Owner) -> QuerySet[ImportRun]:
    """The owner's import runs, newest first."""
    return ImportRun.objects.filter(owner=owner).order_by("-created_at", "-pk")


def import_runs_of_batch(*, owner: Owner, batch: UUID) -> list[ImportRun]:
    """The runs of one upload or one command, in the order the files were given."""
    return list(ImportRun.objects.filter(owner=owner, batch=batch).order_by("pk"))


def import_skips(*, run: ImportRun, limit: int | None = None) -> list[ImportSkip]:
    """What a run left out, in file order."""
    skips = ImportSkip.objects.filter(owner_id=run.owner_id, run=run).order_by("pk")
    return list(skips[:limit] if limit is not None else skips)


@dataclass(frozen=True)
class SuggestedPair:
    """An open merge suggestion with both contacts, for a page or a terminal."""

    suggestion: MergeSuggestion
    first: Contact
    second: Contact


def merge_suggestions_open(*, owner: Owner, limit: int | None = None) -> list[SuggestedPair]:
    """Open suggestions with their contacts, oldest first."""
    suggestions = (
        MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.OPEN)
        .select_related("contact_a__organization", "contact_b__organization")
        .order_by("pk")
    )
    if limit is not None:
        suggestions = suggestions[:limit]
    return [
        SuggestedPair(s, s.contact_a, s.contact_b) for s in suggestions if s.contact_b is not None
    ]


def merge_suggestions_open_count(*, owner: Owner) -> int:
    return MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.OPEN).count()


def merges_done(*, owner: Owner, limit: int | None = None) -> list[MergeSuggestion]:
    """The owner's merges, newest first: the contact kept (contact_a), the absorbed contact's
    name and when."""
    merged = (
        MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.MERGED)
        .select_related("contact_a__organization")
        .order_by("-decided_at", "-pk")
    )
    return list(merged[:limit] if limit is not None else merged)


def merges_done_count(*, owner: Owner) -> int:
    return MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.MERGED).count()
