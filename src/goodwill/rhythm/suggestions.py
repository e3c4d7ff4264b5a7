"""Suggested circles for imported contacts, from the history with each of them.

Offered for contacts an import brought (a handle or a name from an import) whose circle nobody
chose yet: once the user accepts a suggestion, keeps the contact where they are, or moves them
by hand, no suggestion is made for them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from goodwill.insight.circles import CircleSuggestion, HistoryFacts, suggest_circle
from goodwill.network.models import Circle, Contact, Direction, Give, Handle, Participation
from goodwill.network.services import Owner

YEAR = timedelta(days=365)


@dataclass(frozen=True)
class SuggestedCircle:
    contact: Contact
    circle: Circle
    reason: str


def suggestion_candidates(*, owner: Owner) -> QuerySet[Contact]:
    """Imported contacts whose circle nobody has chosen."""
    imported_handle = Handle.objects.filter(contact=OuterRef("pk")).exclude(source="manual")
    return (
        Contact.objects.filter(owner=owner)
        .filter(Q(field_sources__has_key="full_name") | Exists(imported_handle))
        .exclude(field_sources__has_key="circle")
        .select_related("circle", "organization")
        .order_by("full_name", "pk")
    )


def circle_suggestions(
    *, owner: Owner, contact_ids: Sequence[int] | None = None, now: datetime | None = None
) -> list[SuggestedCircle]:
    """A circle for each candidate whose history points somewhere other than where they are."""
    now = now or timezone.now()
    candidates = suggestion_candidates(owner=owner)
    if contact_ids is not None:
        candidates = candidates.filter(pk__in=list(contact_ids))
    contacts = list(candidates)
    if not contacts:
        return []
    circles = {circle.name: circle for circle in Circle.objects.filter(owner=owner)}
    ids = [contact.pk for contact in contacts]
    two_years = now - 2 * YEAR
    touches: dict[int, dict[str, Any]] = {
        row["contact_id"]: dict(row)
        for row in Participation.objects.filter(
            owner=owner, contact_id__in=ids, occurred_at__gte=two_years
        )
        .values("contact_id")
        .annotate(
            year=Count("pk", filter=Q(occurred_at__gte=now - YEAR)),
            two=Count("pk"),
            out=Count("pk", filter=Q(interaction__direction=Direction.FROM_ME)),
            into=Count("pk", filter=Q(interaction__direction=Direction.TO_ME)),
            both=Count("pk", filter=Q(interaction__direction=Direction.BOTH)),
        )
    }
    gives = dict(
        Give.objects.filter(owner=owner, contact_id__in=ids, occurred_at__gte=two_years)
        .values("contact_id")
        .annotate(count=Count("pk"))
        .values_list("contact_id", "count")
    )
    suggested = []
    for contact in contacts:
        row = touches.get(contact.pk, {})
        suggestion: CircleSuggestion = suggest_circle(
            HistoryFacts(
                touches_last_year=row.get("year", 0),
                touches_two_years=row.get("two", 0),
                from_you=row.get("out", 0),
                to_you=row.get("into", 0),
                both_ways=row.get("both", 0),
                gives=gives.get(contact.pk, 0),
                last_touch_at=contact.last_touch_at,
            ),
            now=now,
        )
        circle = circles.get(suggestion.circle_name)
        if circle is not None and circle.pk != contact.circle_id:
            suggested.append(SuggestedCircle(contact, circle, suggestion.reason))
    return suggested
