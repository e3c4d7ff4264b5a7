"""Reads, every one scoped to an owner. Views and commands look things up here, never directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from goodwill.network.models import (
    Circle,
    Contact,
    Give,
    Handle,
    Interaction,
    Loop,
    Participation,
)
from goodwill.network.services import Owner


def circles_for_owner(*, owner: Owner) -> QuerySet[Circle]:
    return Circle.objects.filter(owner=owner)


def contacts_for_owner(*, owner: Owner) -> QuerySet[Contact]:
    return Contact.objects.filter(owner=owner)


def loops_for_owner(*, owner: Owner) -> QuerySet[Loop]:
    return Loop.objects.filter(owner=owner)


def contact_search(
    *, owner: Owner, query: str = "", circle_id: int | None = None
) -> QuerySet[Contact]:
    """Contacts whose name, organization or any handle contains the query, by name."""
    contacts = (
        Contact.objects.filter(owner=owner)
        .select_related("organization", "circle")
        .order_by("full_name", "pk")
    )
    if circle_id is not None:
        contacts = contacts.filter(circle_id=circle_id)
    for term in query.split():
        handle_match = Handle.objects.filter(
            owner=owner, contact=OuterRef("pk"), normalized__icontains=term
        )
        contacts = contacts.filter(
            Q(full_name__icontains=term)
            | Q(organization__name__icontains=term)
            | Q(position__icontains=term)
            | Exists(handle_match)
        )
    return contacts


def waiting_on_you_rule() -> Q:
    """The rule of 'waiting on you', as a condition on loops (the scorecard counts with it)."""
    return Q(whose=Loop.Whose.THEIRS, status=Loop.Status.OPEN) | Q(
        whose=Loop.Whose.MINE, kind=Loop.Kind.PROMISE
    ) & ~Q(status=Loop.Status.CLOSED)


def silence_rule(*, now: datetime) -> Q:
    """The rule of 'met with silence', as a condition on loops (the scorecard counts with it)."""
    return Q(
        whose=Loop.Whose.MINE,
        kind=Loop.Kind.ASK,
        status=Loop.Status.OPEN,
        reply_due_at__lt=now,
    )


def loops_waiting_on_you(*, owner: Owner) -> QuerySet[Loop]:
    """Their asks, offers and promises nobody answered yet, and your own promises still to keep."""
    return Loop.objects.filter(owner=owner).filter(waiting_on_you_rule())


def loops_met_with_silence(*, owner: Owner, now: datetime) -> QuerySet[Loop]:
    """Your asks past their reply window with no acknowledgement."""
    return Loop.objects.filter(owner=owner).filter(silence_rule(now=now))


def contact_timeline(
    *, contact: Contact, limit: int = 50, offset: int = 0
) -> QuerySet[Interaction]:
    """The contact's interactions, newest first, with everyone else who took part."""
    # Walk the contact's own timeline index first, then fetch just that page of interactions.
    page = list(
        Participation.objects.filter(owner_id=contact.owner_id, contact=contact)
        .order_by("-occurred_at", "-interaction_id")
        .values_list("interaction_id", flat=True)[offset : offset + limit]
    )
    # The others who took part are shown by name only: their notes and imported fields stay
    # in the database.
    others = Contact.objects.filter(owner_id=contact.owner_id).only("pk", "full_name")
    return (
        Interaction.objects.filter(owner_id=contact.owner_id, pk__in=page)
        .prefetch_related(Prefetch("contacts", queryset=others))
        .order_by("-occurred_at", "-pk")
    )


TIMELINE_PAGE_SIZE = 20


@dataclass(frozen=True)
class TimelinePage:
    """One page of a contact's timeline: page 1 is the newest."""

    interactions: list[Interaction]
    number: int
    has_older: bool

    @property
    def has_newer(self) -> bool:
        return self.number > 1


def contact_timeline_page(
    *, contact: Contact, number: int = 1, size: int = TIMELINE_PAGE_SIZE
) -> TimelinePage:
    """A page of the timeline, and whether older interactions follow it."""
    number = max(1, number)
    # One more than the page holds says whether there is an older page.
    rows = list(contact_timeline(contact=contact, limit=size + 1, offset=(number - 1) * size))
    return TimelinePage(interactions=rows[:size], number=number, has_older=len(rows) > size)


def contact_loops(*, contact: Contact, closed_limit: int = 20) -> list[Loop]:
    """Every open and acknowledged loop, newest first, then the latest closed ones.

    Closed loops are capped so that a contact with years of history still has a short page.
    """
    loops = Loop.objects.filter(owner_id=contact.owner_id, contact=contact)
    still_open = loops.exclude(status=Loop.Status.CLOSED).order_by("-opened_at", "-pk")
    closed = loops.filter(status=Loop.Status.CLOSED).order_by("-closed_at", "-pk")
    return [*still_open, *closed[:closed_limit]]


def contact_gives(*, contact: Contact, limit: int = 20) -> QuerySet[Give]:
    """The latest gives either way, newest first."""
    return Give.objects.filter(owner_id=contact.owner_id, contact=contact).order_by(
        "-occurred_at", "-pk"
    )[:limit]


@dataclass(frozen=True)
class GiveBalance:
    given: int
    received: int


def contact_give_balance(*, contact: Contact) -> GiveBalance:
    gives = Give.objects.filter(owner_id=contact.owner_id, contact=contact)
    return GiveBalance(
        given=gives.filter(direction="out").count(),
        received=gives.filter(direction="in").count(),
    )


def loops_you_answered(*, owner: Owner, start: datetime, end: datetime) -> QuerySet[Loop]:
    """The loops that stopped waiting on you between start and end, by the rule of
    loops_waiting_on_you: theirs when first acknowledged (or closed unacknowledged), your
    promises when closed."""
    theirs_answered = Q(whose=Loop.Whose.THEIRS) & (
        Q(acknowledged_at__gte=start, acknowledged_at__lt=end)
        | Q(acknowledged_at__isnull=True, closed_at__gte=start, closed_at__lt=end)
    )
    promises_kept = Q(
        whose=Loop.Whose.MINE, kind=Loop.Kind.PROMISE, closed_at__gte=start, closed_at__lt=end
    )
    return Loop.objects.filter(owner=owner).filter(theirs_answered | promises_kept)
