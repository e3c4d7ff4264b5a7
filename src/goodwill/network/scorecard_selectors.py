"""The scorecard's reads: each side's loops counted in the database, one grouped query, with the
rules of 'waiting on you' and 'met with silence' from selectors.py; insight/scorecard.py turns
the counts into the scorecard."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from goodwill.insight.scorecard import ContactScorecard, Scorecard, SideCounts, scorecard
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


def _aggregates(now: datetime) -> dict[str, Count]:
    return {name: Count("pk", filter=rule) for name, rule in _conditions(now).items()}


def _waits(
    loops: QuerySet[Loop], *, by_contact: bool
) -> dict[tuple[int | None, str], list[timedelta]]:
    """How long each acknowledged ask waited, by contact (or all together) and by whose it was:
    from the ask to the acknowledgement or, failing that, the closing; subtracted in the
    database, which is cheaper than reading thousands of datetimes."""
    waits: dict[tuple[int | None, str], list[timedelta]] = defaultdict(list)
    waited = ExpressionWrapper(
        Coalesce("acknowledged_at", "closed_at") - F("opened_at"), output_field=DurationField()
    )
    for contact_id, whose, wait in (
        loops.filter(Q(kind=ASK) & ACKNOWLEDGED_RULE)
        .exclude(acknowledged_at__isnull=True, closed_at__isnull=True)
        .annotate(wait=waited)
        .values_list("contact_id", "whose", "wait")
        .order_by()
    ):
        key = contact_id if by_contact else None
        waits[(key, whose)].append(max(timedelta(0), wait))
    return waits


def _sides(
    row: dict[str, Any], waits: dict[tuple[int | None, str], list[timedelta]], key: int | None
) -> tuple[SideCounts, SideCounts]:
    you = SideCounts(
        **{name: row[f"y_{name}"] for name in FIELDS},
        acknowledge_waits=tuple(waits[(key, THEIRS)]),
    )
    them = SideCounts(
        **{name: row[f"t_{name}"] for name in FIELDS},
        acknowledge_waits=tuple(waits[(key, MINE)]),
    )
    return you, them


def _card_of_all(loops: QuerySet[Loop], now: datetime, *, their_name: str) -> Scorecard:
    # Grouped by the owner, one row: Django's aggregate() spends longer hashing these conditions
    # than the database spends counting.
    rows = [dict(row) for row in loops.values("owner_id").annotate(**_aggregates(now)).order_by()]
    row = (
        rows[0]
        if rows
        else dict.fromkeys((f"{side}_{name}" for side in "yt" for name in FIELDS), 0)
    )
    you, them = _sides(row, _waits(loops, by_contact=False), None)
    return scorecard(you, them, their_name=their_name)


def scorecard_for_contact(
    *, contact: Contact, now: datetime | None = None, since: datetime | None = None
) -> Scorecard:
    """Both ways with one contact: how you answered their asks and kept your promises to them,
    and how they answered yours; loops opened since `since` when given."""
    loops = _loops(contact.owner_id, since).filter(contact=contact)
    return _card_of_all(loops, now or timezone.now(), their_name=contact.full_name)


def scorecard_overall(
    *, owner: Owner, now: datetime | None = None, since: datetime | None = None
) -> Scorecard:
    """Both ways over every contact: one aggregate over the owner's loops."""
    return _card_of_all(_loops(owner.pk, since), now or timezone.now(), their_name="your contacts")


ASK_COUNTS = ("acknowledged", "waiting", "overdue", "dropped_unanswered")


def _needs_you_first(row: dict[str, Any]) -> tuple[int, int, int, str, int]:
    """The relationships that need the user first: asks left waiting on you or ignored by you,
    then your asks they ignored, then the most asks either way, then by name."""
    return (
        -(row["y_waiting"] + 2 * row["y_overdue"] + row["y_dropped_unanswered"]),
        -(row["t_overdue"] + row["t_dropped_unanswered"]),
        -sum(row[f"{side}_{name}"] for side in "yt" for name in ASK_COUNTS),
        row["contact__full_name"].lower(),
        row["contact_id"],
    )


def scorecards_by_contact(
    *,
    owner: Owner,
    now: datetime | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[ContactScorecard]:
    """Every contact with an ask or a promise either way (the first `limit` of them), the
    relationships that need the user first; one grouped query, and the waits of those chosen."""
    now = now or timezone.now()
    loops = _loops(owner.pk, since)
    grouped = (
        loops.values("contact_id", "contact__full_name").annotate(**_aggregates(now)).order_by()
    )
    # Read with the cursor: Django's per-value converters cost more than the counting, for
    # thousands of rows of fourteen counts. Ordered here rather than in SQL, where ordering by
    # sums of the counts makes Django copy every condition.
    sql, params = grouped.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = sorted(
            (dict(zip(names, row, strict=True)) for row in cursor.fetchall()),
            key=_needs_you_first,
        )
    chosen = rows if limit is None else rows[:limit]
    if limit is not None:
        loops = loops.filter(contact_id__in=[row["contact_id"] for row in chosen])
    waits = _waits(loops, by_contact=True)
    cards = []
    for row in chosen:
        you, them = _sides(row, waits, row["contact_id"])
        name = row["contact__full_name"]
        cards.append(
            ContactScorecard(row["contact_id"], name, scorecard(you, them, their_name=name))
        )
    return cards


def scorecard_contacts_count(*, owner: Owner, since: datetime | None = None) -> int:
    """How many contacts have an ask or a promise either way."""
    return _loops(owner.pk, since).values("contact_id").distinct().count()
