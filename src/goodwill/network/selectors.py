"""Reads, every one scoped to an owner. Views and commands look things up here, never directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from goodwill.insight.today import (
    DriftFacts,
    LoopFacts,
    TodayItem,
    drifting_item,
    silence_item,
    waiting_item,
)
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

# Enough to act on in one sitting; the rest are counted.
TODAY_SECTION_LIMIT = 10


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


@dataclass(frozen=True)
class Today:
    waiting_on_you: list[TodayItem]
    silence: list[TodayItem]
    drifting: list[TodayItem]
    waiting_on_you_total: int
    silence_total: int
    drifting_total: int

    @property
    def is_empty(self) -> bool:
        return not (self.waiting_on_you or self.silence or self.drifting)

    def as_json(self) -> dict[str, object]:
        def items(section: list[TodayItem]) -> list[dict[str, object]]:
            return [
                {
                    "kind": item.kind.value,
                    "contact_id": item.contact_id,
                    "contact": item.contact_name,
                    "loop_id": item.loop_id,
                    "title": item.title,
                    "reason": item.reason,
                    "since": item.since.isoformat(),
                }
                for item in section
            ]

        return {
            "waiting_on_you": items(self.waiting_on_you),
            "silence": items(self.silence),
            "drifting": items(self.drifting),
            "totals": {
                "waiting_on_you": self.waiting_on_you_total,
                "silence": self.silence_total,
                "drifting": self.drifting_total,
            },
        }


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


def _loop_facts(loop: Loop) -> LoopFacts:
    return LoopFacts(
        loop_id=loop.pk,
        contact_id=loop.contact_id,
        contact_name=loop.contact.full_name,
        kind=loop.kind,
        whose=loop.whose,
        summary=loop.summary,
        opened_at=loop.opened_at,
        reply_due_at=loop.reply_due_at,
    )


def contacts_due_for_touch(*, owner: Owner, now: datetime) -> QuerySet[Contact]:
    """Contacts past their cadence, longest overdue first."""
    return (
        Contact.objects.filter(owner=owner, touch_due_at__lte=now)
        .select_related("circle")
        .order_by("touch_due_at", "pk")
    )


def today_for_owner(
    *, owner: Owner, now: datetime | None = None, limit: int = TODAY_SECTION_LIMIT
) -> Today:
    """Who needs the owner today and why: waiting on you, silence, then drifting contacts."""
    now = now or timezone.now()
    waiting = (
        loops_waiting_on_you(owner=owner).select_related("contact").order_by("opened_at", "pk")
    )
    silent = (
        loops_met_with_silence(owner=owner, now=now)
        .select_related("contact")
        .order_by("opened_at", "pk")
    )
    due = contacts_due_for_touch(owner=owner, now=now)
    drifting = [
        drifting_item(
            DriftFacts(
                contact_id=contact.pk,
                contact_name=contact.full_name,
                circle_name=contact.circle.name,
                cadence_days=contact.cadence_days or contact.circle.cadence_days or 0,
                cadence_overridden=contact.cadence_days is not None,
                last_touch_at=contact.last_touch_at,
                due_at=contact.touch_due_at or now,
            ),
            now=now,
        )
        for contact in due[:limit]
    ]
    return Today(
        waiting_on_you=[waiting_item(_loop_facts(loop), now=now) for loop in waiting[:limit]],
        silence=[silence_item(_loop_facts(loop), now=now) for loop in silent[:limit]],
        drifting=drifting,
        waiting_on_you_total=waiting.count(),
        silence_total=silent.count(),
        drifting_total=due.count(),
    )


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
