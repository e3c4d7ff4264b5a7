"""Reads for the "second nature" page: habits month by month over the last year.

- the share of interactions that were gives (gives you made ÷ interactions that month);
- the median time to acknowledge others' asks (to acknowledgement or, failing that, closing);
- cadence kept per circle (the share of the circle's contacts within their ideal interval at
  each month's end; contacts counted in the circle they are in now);
- personal shares against broadcasts (an article with a note of its own, sent to fewer than
  three contacts, is personal; the rest are broadcasts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models import Count, Max, Q, Subquery
from django.utils import timezone

from goodwill.insight.habits import KeptFacts, cadence_kept, median_days, share
from goodwill.insight.keep_in_touch import effective_cadence
from goodwill.insight.ledger import months_back
from goodwill.network.models import Contact, Give, Interaction, Loop, Participation, Share
from goodwill.network.services import Owner
from goodwill.rhythm.moments import EpochSeconds, bucket, seconds

HABIT_MONTHS = 12
CACHE_SECONDS = 24 * 3600
# An article sent to this many contacts or more is a broadcast, whatever its notes say.
BROADCAST_RECIPIENTS = 3


@dataclass(frozen=True)
class CircleKept:
    circle_name: str
    ideal_days: int
    contacts: int
    kept: list[float | None]


@dataclass(frozen=True)
class Habits:
    months: list[date]
    interactions: list[int]
    gives: list[int]
    give_share: list[float | None]
    acknowledge_days: list[float | None]
    asks_unanswered: int
    circles: list[CircleKept]
    personal_shares: list[int]
    broadcasts: list[int]


def _month_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def habits_for_owner(*, owner: Owner, now: datetime | None = None) -> Habits:
    """The owner's habits over the last twelve months, this month last."""
    now = now or timezone.now()
    months = months_back(timezone.localdate(now), HABIT_MONTHS)
    starts = [_month_start(month) for month in months]
    ends = [*starts[1:], now]
    start = starts[0]

    def by_month(field: str) -> dict[str, Count]:
        return {
            f"m{index}": Count("pk", filter=Q(**{f"{field}__gte": low, f"{field}__lt": high}))
            for index, (low, high) in enumerate(zip(starts, ends, strict=True))
        }

    # One count a month, each a range of the (owner, occurred_at) index, sent as one query of
    # twelve subqueries: a year of touches is a few hundred thousand rows, and twelve
    # conditional counts over all of them took most of the page's time.
    monthly = {
        f"m{index}": Subquery(
            Interaction.objects.filter(owner=owner, occurred_at__gte=low, occurred_at__lt=high)
            .order_by()
            .values("owner")
            # COUNT(*), not of a column: PostgreSQL can then count from the index alone.
            .annotate(count=Count("*"))
            .values("count")
        )
        for index, (low, high) in enumerate(zip(starts, ends, strict=True))
    }
    counted = User.objects.filter(pk=owner.pk).annotate(**monthly).values(*monthly).first() or {}
    interactions = [counted.get(f"m{index}") or 0 for index in range(len(months))]
    given = Give.objects.filter(owner=owner, direction="out", occurred_at__gte=start).aggregate(
        **by_month("occurred_at")
    )
    gives = [given[f"m{index}"] for index in range(len(months))]

    waits: dict[int, list[timedelta]] = defaultdict(list)
    unanswered = 0
    for opened_at, acknowledged_at, closed_at in Loop.objects.filter(
        owner=owner, whose=Loop.Whose.THEIRS, kind=Loop.Kind.ASK, opened_at__gte=start
    ).values_list("opened_at", "acknowledged_at", "closed_at"):
        answered = acknowledged_at or closed_at
        if answered is None:
            unanswered += 1
            continue
        index = _index_of(opened_at, starts)
        waits[index].append(max(timedelta(0), answered - opened_at))

    personal, broadcasts = _shares(owner, starts)
    return Habits(
        months=months,
        interactions=interactions,
        gives=gives,
        give_share=[share(g, i) for g, i in zip(gives, interactions, strict=True)],
        acknowledge_days=[median_days(waits.get(index, [])) for index in range(len(months))],
        asks_unanswered=unanswered,
        circles=_circles_kept_cached(owner, starts[0], ends, now),
        personal_shares=personal,
        broadcasts=broadcasts,
    )


def _index_of(moment: datetime, starts: list[datetime]) -> int:
    index = 0
    for position, start in enumerate(starts):
        if moment >= start:
            index = position
    return index


def _shares(owner: Owner, starts: list[datetime]) -> tuple[list[int], list[int]]:
    # The moment as whole seconds: a datetime per row is not needed to count by month.
    rows = list(
        Share.objects.filter(owner=owner, shared_at__gte=starts[0])
        .order_by()
        .values_list("url", "note", EpochSeconds("shared_at"))
    )
    recipients = Counter(
        dict(
            Share.objects.filter(owner=owner, url__in={url for url, _, _ in rows})
            .order_by()
            .values_list("url")
            .annotate(count=Count("pk"))
            .values_list("url", "count")
        )
    )
    bounds = [seconds(start) for start in starts]
    personal = [0] * len(starts)
    broadcasts = [0] * len(starts)
    for url, note, shared_at in rows:
        index = max(0, bucket(bounds, shared_at))
        if note.strip() and recipients[url] < BROADCAST_RECIPIENTS:
            personal[index] += 1
        else:
            broadcasts[index] += 1
    return personal, broadcasts


def _circles_kept_cached(
    owner: Owner, start: datetime, ends: list[datetime], now: datetime
) -> list[CircleKept]:
    """Past months' figures change only when old history is imported, so they are computed
    once a day (a pass over a year of touches) and kept; this month's come from each contact's
    due date, live."""
    key = f"goodwill:habits:kept:{owner.pk}:{timezone.localdate(now).isoformat()}"
    past: list[CircleKept] | None = cache.get(key)
    if past is None:
        past = _circles_kept(owner, start, ends[:-1])
        cache.set(key, past, timeout=CACHE_SECONDS)
    live = dict(
        Contact.objects.filter(owner=owner, circle__cadence_days__isnull=False)
        .values_list("circle__name")
        .annotate(
            within=Count(
                "pk",
                filter=Q(touch_due_at__gt=now) | Q(snoozed_until__gt=now),
            )
        )
        .values_list("circle__name", "within")
    )
    return [
        CircleKept(
            circle.circle_name,
            circle.ideal_days,
            circle.contacts,
            [*circle.kept, share(live.get(circle.circle_name, 0), circle.contacts)],
        )
        for circle in past
    ]


def cadence_kept_by_circle(
    *, owner: Owner, start: datetime, month_ends: list[datetime]
) -> list[CircleKept]:
    """Each circle's share of contacts within their ideal interval at each of the moments
    (touches read from `start` less the longest cadence); uncached, for the review."""
    return _circles_kept(owner, start, month_ends)


def _circles_kept(owner: Owner, start: datetime, ends: list[datetime]) -> list[CircleKept]:
    contacts = list(
        Contact.objects.filter(owner=owner, circle__cadence_days__isnull=False).values_list(
            "pk",
            "circle__name",
            "circle__position",
            "circle__cadence_days",
            "circle__max_cadence_days",
            "cadence_days",
            "max_cadence_days",
            "created_at",
        )
    )
    if not contacts:
        return []
    longest = max((own or ideal or 0 for _, _, _, ideal, _, own, _, _ in contacts), default=0)
    # The last touch before each month's end, for every contact, in one pass over the year.
    rows: Iterable[Any] = (
        Participation.objects.filter(
            contact__owner=owner,
            occurred_at__gte=start - timedelta(days=longest),
        )
        .values("contact_id")
        .annotate(
            **{
                f"e{index}": Max("occurred_at", filter=Q(occurred_at__lt=end))
                for index, end in enumerate(ends)
            }
        )
    )
    last_touches = {
        row["contact_id"]: [row[f"e{index}"] for index in range(len(ends))] for row in rows
    }
    circles: dict[tuple[int, str], list[KeptFacts]] = defaultdict(list)
    ideals: dict[tuple[int, str], int] = {}
    for pk, name, position, ideal, maximum, own, own_max, created_at in contacts:
        cadence = effective_cadence(
            circle_ideal=ideal, circle_max=maximum, own_ideal=own, own_max=own_max
        )
        key = (position, name)
        ideals[key] = ideal or 0
        circles[key].append(
            KeptFacts(
                ideal_days=cadence.ideal_days or ideal or 0,
                known_since=created_at,
                last_touch_before=last_touches.get(pk, [None] * len(ends)),
            )
        )
    return [
        CircleKept(name, ideals[(position, name)], len(facts), cadence_kept(facts, ends))
        for (position, name), facts in sorted(circles.items())
    ]
