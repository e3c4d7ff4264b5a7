"""The scorecard's reads: each side's loops counted in the database, one grouped query, with the
rules of 'waiting on you' and 'met with silence' from selectors.py; insight/scorecard.py turns
the counts into the scorecard."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from goodwill.insight.scorecard import (
    ContactScorecard,
    Scorecard,
    SideCounts,
    scorecard,
    worst_first,
)
from goodwill.network.models import Contact, Loop
from goodwill.network.selectors import silence_rule, waiting_on_you_rule
from goodwill.network.services import Owner

MINE, THEIRS = Loop.Whose.MINE, Loop.Whose.THEIRS
ASK, PROMISE = Loop.Kind.ASK, Loop.Kind.PROMISE
OPEN, ACKNOWLEDGED, CLOSED = Loop.Status.OPEN, Loop.Status.ACKNOWLEDGED, Loop.Status.CLOSED
DONE, DECLINED, DROPPED = Loop.Outcome.DONE, Loop.Outcome.DECLINED, Loop.Outcome.DROPPED

# An answer, even a no, acknowledges an ask.
ACKNOWLEDGED_RULE = ~Q(status=OPEN) & (
    Q(acknowledged_at__isnull=False) | Q(status=ACKNOWLEDGED) | Q(outcome__in=[DONE, DECLINED])
)
DROPPED_UNANSWERED_RULE = Q(status=CLOSED, outcome=DROPPED, acknowledged_at__isnull=True)


def _conditions(now: datetime) -> dict[str, Q]:
    """Each count of the scorecard as a condition on loops: y_ for you, t_ for them."""
    theirs_ask = Q(whose=THEIRS, kind=ASK)
    mine_ask = Q(whose=MINE, kind=ASK)
    waiting_on_you = waiting_on_you_rule()
    silence = silence_rule(now=now)
    return {
        # You, on their asks and your promises.
        "y_acknowledged": theirs_ask & ACKNOWLEDGED_RULE,
        "y_waiting": theirs_ask & waiting_on_you & Q(reply_due_at__gte=now),
        "y_overdue": theirs_ask & waiting_on_you & Q(reply_due_at__lt=now),
        "y_dropped_unanswered": theirs_ask & DROPPED_UNANSWERED_RULE,
        "y_promises_kept": Q(whose=MINE, kind=PROMISE, outcome=DONE),
        "y_promises_dropped": Q(whose=MINE, kind=PROMISE, outcome=DROPPED),
        "y_promises_open": Q(whose=MINE, kind=PROMISE) & waiting_on_you,
        # Them, on your asks and their promises.
        "t_acknowledged": mine_ask & ACKNOWLEDGED_RULE,
        "t_waiting": mine_ask & Q(status=OPEN) & ~silence,
        "t_overdue": silence,
        "t_dropped_unanswered": mine_ask & DROPPED_UNANSWERED_RULE,
        "t_promises_kept": Q(whose=THEIRS, kind=PROMISE, outcome=DONE),
        "t_promises_dropped": Q(whose=THEIRS, kind=PROMISE, outcome=DROPPED),
        "t_promises_open": Q(whose=THEIRS, kind=PROMISE) & ~Q(status=CLOSED),
    }


FIELDS = (
    "acknowledged",
    "waiting",
    "overdue",
    "dropped_unanswered",
    "promises_kept",
    "promises_dropped",
    "promises_open",
)


def _loops(owner_id: int, since: datetime | None) -> QuerySet[Loop]:
    loops = Loop.objects.filter(owner_id=owner_id, kind__in=[ASK, PROMISE])
    if since is not None:
        loops = loops.filter(opened_at__gte=since)
    return loops


def _counts(
    loops: QuerySet[Loop], now: datetime, *, by_contact: bool
) -> dict[int | None, tuple[SideCounts, SideCounts]]:
    """Both sides' counts, per contact or for all loops at once, with the acknowledgement waits."""
    aggregates = {name: Count("pk", filter=rule) for name, rule in _conditions(now).items()}
    rows: list[dict[str, Any]]
    if by_contact:
        rows = [dict(row) for row in loops.values("contact_id").annotate(**aggregates).order_by()]
    else:
        rows = [{"contact_id": None, **loops.aggregate(**aggregates)}]
    waits: dict[tuple[int | None, str], list[timedelta]] = defaultdict(list)
    for contact_id, whose, opened_at, acknowledged_at, closed_at in (
        loops.filter(Q(kind=ASK) & ACKNOWLEDGED_RULE)
        .values_list("contact_id", "whose", "opened_at", "acknowledged_at", "closed_at")
        .order_by()
    ):
        answered = acknowledged_at or closed_at
        if answered is not None:
            key = contact_id if by_contact else None
            waits[(key, whose)].append(max(timedelta(0), answered - opened_at))
    counted: dict[int | None, tuple[SideCounts, SideCounts]] = {}
    for row in rows:
        key = row["contact_id"]
        you = SideCounts(
            **{name: row[f"y_{name}"] for name in FIELDS},
            acknowledge_waits=tuple(waits[(key, THEIRS)]),
        )
        them = SideCounts(
            **{name: row[f"t_{name}"] for name in FIELDS},
            acknowledge_waits=tuple(waits[(key, MINE)]),
        )
        counted[key] = (you, them)
    return counted


def scorecard_for_contact(
    *, contact: Contact, now: datetime | None = None, since: datetime | None = None
) -> Scorecard:
    """Both ways with one contact: how you answered their asks and kept your promises to them,
    and how they answered yours; loops opened since `since` when given."""
    now = now or timezone.now()
    loops = _loops(contact.owner_id, since).filter(contact=contact)
    you, them = _counts(loops, now, by_contact=False)[None]
    return scorecard(you, them, their_name=contact.full_name)


def scorecard_overall(
    *, owner: Owner, now: datetime | None = None, since: datetime | None = None
) -> Scorecard:
    """Both ways over every contact: one aggregate over the owner's loops."""
    now = now or timezone.now()
    you, them = _counts(_loops(owner.pk, since), now, by_contact=False)[None]
    return scorecard(you, them, their_name="your contacts")


def scorecards_by_contact(
    *, owner: Owner, now: datetime | None = None, since: datetime | None = None
) -> list[ContactScorecard]:
    """Every contact with an ask or a promise either way, the relationships that need the user
    first (asks left waiting on you, then your asks they ignored)."""
    now = now or timezone.now()
    counted = _counts(_loops(owner.pk, since), now, by_contact=True)
    names = dict(
        Contact.objects.filter(owner=owner, pk__in=[key for key in counted if key is not None])
        .values_list("pk", "full_name")
        .order_by()
    )
    return worst_first(
        ContactScorecard(
            contact_id=key,
            contact_name=names[key],
            card=scorecard(you, them, their_name=names[key]),
        )
        for key, (you, them) in counted.items()
        if key is not None and key in names
    )
