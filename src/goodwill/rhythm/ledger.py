"""Reads for the give-and-ask ledger: one contact's, the network's month by month, and the
advice before an ask. A handful of indexed, aggregated queries each, whatever the network's size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from goodwill.insight.ledger import (
    AskAdvice,
    ContactLedger,
    MonthFigures,
    give_share,
    lead_with_help,
    monthly_figures,
    months_back,
)
from goodwill.network.models import Contact, Direction, Give, Loop, Share
from goodwill.network.services import Owner
from goodwill.rhythm.moments import EpochSeconds, bucket, local_start, seconds

YEAR = timedelta(days=365)
LEDGER_MONTHS = 12
# How many contacts each of the network page's short lists names.
TOP_CONTACTS = 5


def contact_ledger(*, contact: Contact, now: datetime | None = None) -> ContactLedger:
    """Gives to and from the contact, asks each way, and open loops."""
    now = now or timezone.now()
    out, into = Direction.FROM_ME.value, Direction.TO_ME.value
    gives = Give.objects.filter(owner_id=contact.owner_id, contact=contact).aggregate(
        gave=Count("pk", filter=Q(direction=out)),
        gave_year=Count("pk", filter=Q(direction=out, occurred_at__gte=now - YEAR)),
        got=Count("pk", filter=Q(direction=into)),
        last_gave=Max("occurred_at", filter=Q(direction=out)),
    )
    still_open = ~Q(status=Loop.Status.CLOSED)
    mine = Q(kind=Loop.Kind.ASK, whose=Loop.Whose.MINE)
    theirs = Q(kind=Loop.Kind.ASK, whose=Loop.Whose.THEIRS)
    loops = Loop.objects.filter(owner_id=contact.owner_id, contact=contact).aggregate(
        asked=Count("pk", filter=mine),
        asked_open=Count("pk", filter=mine & still_open),
        they_asked=Count("pk", filter=theirs),
        they_asked_open=Count("pk", filter=theirs & still_open),
        still_open=Count("pk", filter=still_open),
    )
    return ContactLedger(
        contact_name=contact.full_name,
        gave_them=gives["gave"],
        gave_them_last_year=gives["gave_year"],
        they_gave=gives["got"],
        you_asked=loops["asked"],
        you_asked_open=loops["asked_open"],
        they_asked=loops["they_asked"],
        they_asked_open=loops["they_asked_open"],
        open_loops=loops["still_open"],
        last_gave_them=gives["last_gave"],
    )


def ask_advice(*, contact: Contact, now: datetime | None = None) -> AskAdvice | None:
    """What to say before the user asks this contact for something: None when they gave the
    contact something in the past year."""
    now = now or timezone.now()
    ledger = contact_ledger(contact=contact, now=now)
    if ledger.gave_them_last_year:
        return None
    open_theirs = (
        Loop.objects.filter(owner_id=contact.owner_id, contact=contact, whose=Loop.Whose.THEIRS)
        .exclude(status=Loop.Status.CLOSED)
        .order_by("opened_at", "pk")
        .values_list("kind", "summary")
    )
    asks = [summary for kind, summary in open_theirs if kind == Loop.Kind.ASK]
    offers = [summary for kind, summary in open_theirs if kind == Loop.Kind.OFFER]
    return lead_with_help(
        contact_name=contact.full_name,
        given_last_year=ledger.gave_them_last_year,
        last_gave=ledger.last_gave_them,
        their_open_asks=asks,
        their_open_offers=offers,
        share_ideas=share_ideas_for(contact=contact),
        now=now,
    )


def share_ideas_for(*, contact: Contact, limit: int = 2) -> list[str]:
    """Articles the user shared lately with people at the contact's organization or in their
    circle, and never with the contact: a stand-in until feeds rank articles for each contact."""
    already = Share.objects.filter(owner_id=contact.owner_id, contact=contact).values("url")
    near = Q(contact__circle_id=contact.circle_id)
    if contact.organization_id is not None:
        near |= Q(contact__organization_id=contact.organization_id)
    titles: list[str] = []
    for title, url in (
        Share.objects.filter(owner_id=contact.owner_id)
        .filter(near)
        .exclude(contact=contact)
        .exclude(url__in=already)
        .order_by("-shared_at", "-pk")
        .values_list("title", "url")[:20]
    ):
        label = title or url
        if label not in titles:
            titles.append(label)
        if len(titles) >= limit:
            break
    return titles


@dataclass(frozen=True)
class ContactCount:
    contact_id: int
    contact_name: str
    count: int


@dataclass(frozen=True)
class NetworkLedger:
    months: list[MonthFigures]
    given: int
    received: int
    asked: int
    they_asked: int
    # Who gave you the most in the year while you gave them nothing back.
    owed: list[ContactCount]
    # Who you asked the most in the year without giving them anything.
    leaned_on: list[ContactCount]

    @property
    def share(self) -> float | None:
        return give_share(self.given, self.received, self.asked)


def network_ledger(*, owner: Owner, now: datetime | None = None) -> NetworkLedger:
    """The give share month by month over the last year, its totals, and the contacts where
    the balance leans furthest toward taking."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    firsts = months_back(today, LEDGER_MONTHS)
    # Each month's local start, as seconds: rows come back as integers and are placed in their
    # month by bisection (no datetime built, no time zone conversion per row).
    starts = [local_start(first) for first in firsts]
    year_ago = seconds(now - YEAR)
    # The months shown, and the year the short lists look at (which starts a few days earlier).
    since = datetime.fromtimestamp(min(starts[0], year_ago), UTC)
    gives = list(
        Give.objects.filter(owner=owner, occurred_at__gte=since)
        .annotate(at=EpochSeconds("occurred_at"))
        .values_list("at", "direction", "contact_id")
    )
    asks = list(
        Loop.objects.filter(owner=owner, kind=Loop.Kind.ASK, opened_at__gte=since)
        .annotate(at=EpochSeconds("opened_at"))
        .values_list("at", "whose", "contact_id")
    )
    months = monthly_figures(
        today=today,
        months=LEDGER_MONTHS,
        gives=[
            (firsts[bucket(starts, at)], direction) for at, direction, _ in gives if at >= starts[0]
        ],
        asks=[(firsts[bucket(starts, at)], whose) for at, whose, _ in asks if at >= starts[0]],
    )
    gave_to = {pk for at, direction, pk in gives if direction == "out" and at >= year_ago}
    received: dict[int, int] = {}
    for at, direction, pk in gives:
        if direction == "in" and at >= year_ago and pk not in gave_to:
            received[pk] = received.get(pk, 0) + 1
    asked: dict[int, int] = {}
    for at, whose, pk in asks:
        if whose == "mine" and at >= year_ago and pk not in gave_to:
            asked[pk] = asked.get(pk, 0) + 1
    return NetworkLedger(
        months=months,
        given=sum(month.given for month in months),
        received=sum(month.received for month in months),
        asked=sum(month.asked for month in months),
        they_asked=sum(month.they_asked for month in months),
        owed=_named(owner, received),
        leaned_on=_named(owner, asked),
    )


def _named(owner: Owner, counts: dict[int, int]) -> list[ContactCount]:
    top = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_CONTACTS]
    names = dict(
        Contact.objects.filter(owner=owner, pk__in=[pk for pk, _ in top]).values_list(
            "pk", "full_name"
        )
    )
    return [ContactCount(pk, names[pk], count) for pk, count in top if pk in names]
