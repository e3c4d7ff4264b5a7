"""Reads for a period's review, every one scoped to an owner and counted by the database: a
dozen aggregate queries whatever the network's size. insight/review.py draws the conclusions."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Count, DateField, Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from goodwill.insight.periods import Period
from goodwill.insight.review import (
    LIST_LIMIT,
    CircleMonths,
    GiveFacts,
    LoopFacts,
    MonthCounts,
    Review,
    ReviewFacts,
    ShareFacts,
    SharesFacts,
    SilenceFacts,
    StartFacts,
    TouchFacts,
    WorkSource,
    review,
)
from goodwill.network import selectors
from goodwill.network.models import Give, Interaction, Loop, Participation, Share
from goodwill.network.services import Owner
from goodwill.rhythm.habits import cadence_kept_by_circle
from goodwill.work import selectors as work_selectors

# Topics are read from the latest interactions of the period, at most this many: enough to
# find what mattered, and a year of a busy network stays fast.
TEXTS_READ = 20_000
KEPT_CACHE_SECONDS = 24 * 3600


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def review_for_owner(*, owner: Owner, period: Period, now: datetime | None = None) -> Review:
    """The owner's review of the period (the part of it still to come counts as empty)."""
    return review(review_facts(owner=owner, period=period, now=now))


def review_facts(*, owner: Owner, period: Period, now: datetime | None = None) -> ReviewFacts:
    now = now or timezone.now()
    start, end = _start_of(period.since), _start_of(period.until + timedelta(days=1))
    before = _start_of(period.previous().since)
    starts, known_before = _starts(owner, start)
    return ReviewFacts(
        period=period,
        as_of=timezone.localdate(now),
        gives=_gives(owner, start, end),
        starts=starts,
        known_before=known_before,
        touches=_touches(owner, before, start, end),
        silences=_silences(owner, start, end, now),
        shares=_shares(owner, start, end),
        texts=_texts(owner, start, end),
        months=_months(owner, start, end),
        cadence_kept=_cadence_kept(owner, period, now),
        work=_work(owner, period),
    )


def _gives(owner: Owner, start: datetime, end: datetime) -> list[GiveFacts]:
    gave, got = Q(direction="out"), Q(direction="in")

    def latest(direction: str) -> Subquery:
        return Subquery(
            Give.objects.filter(
                owner=owner,
                contact=OuterRef("contact_id"),
                direction=direction,
                occurred_at__gte=start,
                occurred_at__lt=end,
            )
            .order_by("-occurred_at", "-pk")
            .values("summary")[:1]
        )

    last_gave_ever = Subquery(
        Give.objects.filter(owner=owner, contact=OuterRef("contact_id"), direction="out")
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    rows = (
        Give.objects.filter(owner=owner, occurred_at__gte=start, occurred_at__lt=end)
        .values("contact_id", "contact__full_name")
        .annotate(
            gave=Count("pk", filter=gave),
            got=Count("pk", filter=got),
            last_gave=Max("occurred_at", filter=gave),
            last_got=Max("occurred_at", filter=got),
            latest_gave=latest("out"),
            latest_got=latest("in"),
            last_gave_ever=last_gave_ever,
        )
        .order_by()
    )
    return [
        GiveFacts(
            contact_id=row["contact_id"],
            contact_name=row["contact__full_name"],
            gave=row["gave"],
            got=row["got"],
            last_gave=row["last_gave"],
            last_got=row["last_got"],
            latest_gave_summary=row["latest_gave"] or "",
            latest_got_summary=row["latest_got"] or "",
            last_gave_ever=row["last_gave_ever"],
        )
        for row in rows
    ]


def _starts(owner: Owner, since: datetime) -> tuple[list[StartFacts], int]:
    """The contacts whose relationship may have started on or after `since` (added or
    connected since), with their first interaction; and how many others there are, whose
    relationship started before (its start is the earliest of the three)."""
    before_day = timezone.localdate(since)
    contacts = selectors.contacts_for_owner(owner=owner)
    maybe_new = Q(created_at__gte=since) & (
        Q(connected_on__isnull=True) | Q(connected_on__gte=before_day)
    )
    first = Subquery(
        Participation.objects.filter(contact=OuterRef("pk"))
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
    rows = (
        contacts.filter(maybe_new)
        .annotate(first_touch=first)
        .values_list("pk", "full_name", "created_at", "connected_on", "first_touch")
        .order_by()
    )
    starts = [
        StartFacts(
            contact_id=pk,
            contact_name=name,
            added_on=timezone.localdate(created_at),
            connected_on=connected_on,
            first_interaction_on=timezone.localdate(first) if first is not None else None,
        )
        for pk, name, created_at, connected_on, first in rows
    ]
    return starts, contacts.exclude(maybe_new).count()


def _touches(owner: Owner, before: datetime, start: datetime, end: datetime) -> list[TouchFacts]:
    # Scoped through the contact, so that each of the owner's contacts' timeline index
    # (contact, time) answers alone, never reading a participation row.
    rows = (
        Participation.objects.filter(
            contact__owner=owner, occurred_at__gte=before, occurred_at__lt=end
        )
        .values("contact_id", "contact__full_name")
        .annotate(
            in_period=Count("pk", filter=Q(occurred_at__gte=start)),
            before=Count("pk", filter=Q(occurred_at__lt=start)),
            last=Max("occurred_at"),
        )
        .order_by()
    )
    return [
        TouchFacts(
            contact_id=row["contact_id"],
            contact_name=row["contact__full_name"],
            in_period=row["in_period"],
            before=row["before"],
            last_touch=row["last"],
        )
        for row in rows
    ]


def _loop_facts(loop: Loop) -> LoopFacts:
    if loop.whose == Loop.Whose.THEIRS:
        answered = loop.acknowledged_at or loop.closed_at
    else:
        answered = loop.closed_at
    return LoopFacts(
        loop_id=loop.pk,
        contact_id=loop.contact_id,
        contact_name=loop.contact.full_name,
        kind=loop.kind,
        whose=loop.whose,
        summary=loop.summary,
        opened_at=loop.opened_at,
        answered_at=answered,
    )


def _silences(owner: Owner, start: datetime, end: datetime, now: datetime) -> SilenceFacts:
    """Loops waiting on the owner that were answered in the period, and those still waiting
    (by the rules of Today, in network/selectors.py)."""
    ended = selectors.loops_you_answered(owner=owner, start=start, end=end).select_related(
        "contact"
    )
    still = (
        selectors.loops_waiting_on_you(owner=owner)
        .filter(opened_at__lt=end)
        .select_related("contact")
    )
    unanswered = selectors.loops_met_with_silence(owner=owner, now=min(now, end)).filter(
        opened_at__lt=end
    )
    return SilenceFacts(
        ended=[_loop_facts(loop) for loop in ended.order_by("-opened_at", "-pk")[:LIST_LIMIT]],
        ended_total=ended.count(),
        still_open=[_loop_facts(loop) for loop in still.order_by("opened_at", "pk")[:LIST_LIMIT]],
        open_total=still.count(),
        your_asks_met_with_silence=unanswered.count(),
    )


def _shares(owner: Owner, start: datetime, end: datetime) -> SharesFacts:
    shares = Share.objects.filter(owner=owner, shared_at__gte=start, shared_at__lt=end)
    totals = shares.aggregate(total=Count("pk"), contacts=Count("contact_id", distinct=True))
    latest = shares.select_related("contact").order_by("-shared_at", "-pk")[:LIST_LIMIT]
    return SharesFacts(
        latest=[
            ShareFacts(
                contact_name=share.contact.full_name,
                title=share.title,
                url=share.url,
                shared_at=share.shared_at,
            )
            for share in latest
        ],
        total=totals["total"],
        contacts=totals["contacts"],
    )


def _texts(owner: Owner, start: datetime, end: datetime) -> list[tuple[str, int]]:
    """What was written in the period, each distinct text once with how often: the subjects of
    the latest interactions (TEXTS_READ at most, read down the (owner, time) index), what was
    given, and the titles of what was shared."""
    subjects = Counter(
        Interaction.objects.filter(owner=owner, occurred_at__gte=start, occurred_at__lt=end)
        .order_by("-occurred_at")
        .values_list("summary", flat=True)[:TEXTS_READ]
    )
    texts = list(subjects.items())
    for model, field, moment in ((Give, "summary", "occurred_at"), (Share, "title", "shared_at")):
        rows = (
            model.objects.filter(owner=owner, **{f"{moment}__gte": start, f"{moment}__lt": end})
            .values_list(field)
            .annotate(repeats=Count("pk"))
            .order_by()
        )
        texts.extend(rows)
    return [(text, repeats) for text, repeats in texts if text]


def _months(owner: Owner, start: datetime, end: datetime) -> list[MonthCounts]:
    month = TruncMonth("occurred_at", output_field=DateField())
    gives = {
        row["month"]: row
        for row in Give.objects.filter(owner=owner, occurred_at__gte=start, occurred_at__lt=end)
        .annotate(month=month)
        .values("month")
        .annotate(
            gave=Count("pk", filter=Q(direction="out")), got=Count("pk", filter=Q(direction="in"))
        )
        .order_by()
    }
    asks = dict(
        Loop.objects.filter(
            owner=owner,
            kind=Loop.Kind.ASK,
            whose=Loop.Whose.MINE,
            opened_at__gte=start,
            opened_at__lt=end,
        )
        .annotate(month=TruncMonth("opened_at", output_field=DateField()))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("month", "count")
    )
    return [
        MonthCounts(
            month=first,
            gave=gives[first]["gave"] if first in gives else 0,
            got=gives[first]["got"] if first in gives else 0,
            asked=asks.get(first, 0),
        )
        for first in sorted({*gives, *asks})
    ]


def _cadence_kept(owner: Owner, period: Period, now: datetime) -> list[CircleMonths]:
    """Each circle's share of contacts within their ideal interval at each month's end (or
    the period's end, or now); months still to come have no figure."""
    months = period.months()
    end_of_period = _start_of(period.until + timedelta(days=1))
    ends = []
    for index, first in enumerate(months):
        if _start_of(first) > now:
            break
        following = _start_of(months[index + 1]) if index + 1 < len(months) else end_of_period
        ends.append(min(following, end_of_period, now))
    if not ends:
        return []
    missing: list[float | None] = [None] * (len(months) - len(ends))
    # A pass over the period's touches per circle and month: kept for the day, like the habits
    # page's, since past months change only when old history is imported.
    key = (
        f"goodwill:review:kept:{owner.pk}:{period.since}:{period.until}:"
        f"{timezone.localdate(now)}:{len(ends)}"
    )
    circles: list[CircleMonths] | None = cache.get(key)
    if circles is None:
        circles = [
            CircleMonths(circle.circle_name, [*circle.kept, *missing])
            for circle in cadence_kept_by_circle(
                owner=owner, start=_start_of(period.since), month_ends=ends
            )
        ]
        cache.set(key, circles, timeout=KEPT_CACHE_SECONDS)
    return circles


def _work(owner: Owner, period: Period) -> list[WorkSource] | None:
    """Work that came in the period by the relationship it came through; None when the owner
    has never recorded any work, so the review leaves the section out."""
    if not work_selectors.work_for_owner(owner=owner).exists():
        return None
    return [
        WorkSource(
            contact_id=source.contact_id,
            contact_name=source.contact_name,
            count=source.count,
            totals=source.totals,
        )
        for source in work_selectors.work_by_source(
            owner=owner, since=period.since, until=period.until
        )
    ]
