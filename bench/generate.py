"""A synthetic network for the benchmark: many contacts, a long tail of interactions, loops, gives.

This is test data, so it is written with bulk_create in one transaction rather than row by row
through services.py, which would take hours at benchmark size. It still leaves every denormalised
field as services.py would (Contact.last_touch_at and touch_due_at, Participation.occurred_at,
Loop.reply_due_at); tests/bench/test_generate.py holds it to that, so the benchmark never measures
data the application could not have written.

The same seed and the same `now` give the same network.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from goodwill.insight.cadence import touch_due_at
from goodwill.network import services
from goodwill.network.models import (
    Circle,
    Contact,
    Direction,
    Give,
    Handle,
    Interaction,
    Loop,
    Organization,
    Participation,
    Share,
)
from goodwill.sources.handles import normalize_handle

BATCH_SIZE = 5_000
HISTORY = timedelta(days=5 * 365)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Aaron Abigail Adam Adrian Aisha Alan Albert Alex Alice Amanda Amir Ana Andrea Andrew Angela "
    "Anna Anne Anthony Antonio Ben Benjamin Brian Bruno Camille Carla Carlos Carmen Caroline "
    "Catherine Charles Charlotte Chen Chloe Chris Claire Daniel David Deborah Diana Dmitri Elena "
    "Elias Elif Elizabeth Emily Emma Eric Eva Fatima Felix Fiona Francesca Frank Gabriel George "
    "Grace Hannah Harper Hassan Helen Henry Hiroshi Ines Isabel Ivan Jack James Jan Jane Javier "
    "Jennifer Jessica Joanna John Jonas Jordan Jose Joseph Julia Julian Karen Karim Kate Kenji "
    "Laura Leo Liam Lina Lori Lucas Lucia Luis Maria Mark Marta Martin Mary Matteo Maya Mei "
    "Michael Mina Mohammed Nadia Naomi Nathan Nicole Nina Noah Olivia Omar Oscar Pablo Paul "
    "Pedro Peter Priya Rachel Rafael Rahul Rebecca Robert Rosa Ruth Sam Samuel Sara Sarah Sean "
    "Sofia Sophie Stefan Susan Thomas Tom Valentina Victor Wei William Yara Yusuf Zoe"
)
LAST_NAMES = _words(
    "Abbott Adams Ahmed Alvarez Andersen Anderson Baker Banerjee Becker Bennett Bianchi Brown "
    "Campbell Carter Castro Chen Clarke Cohen Collins Cooper Costa Davies Davis Diaz Dubois "
    "Edwards Evans Fernandez Ferrari Fischer Garcia Gomez Green Gupta Hall Hansen Harris "
    "Hoffmann Hughes Ito Jackson Jansen Johansson Johnson Jones Kaur Kelly Khan Kim Klein Kowalski "
    "Kumar Larsen Lee Lewis Lopez Martin Martinez Meyer Miller Mitchell Moore Morales Morgan "
    "Muller Murphy Nakamura Nguyen Nielsen Novak Olsen Ortiz Park Patel Perez Peters Petrov Price "
    "Quinn Ramos Reyes Richardson Rivera Roberts Robinson Rossi Ruiz Russo Sanchez Santos Sato "
    "Schmidt Schneider Scott Silva Singh Smith Sorensen Stewart Suzuki Tanaka Taylor Thomas "
    "Thompson Torres Turner Walker Wang Watson Weber White Williams Wilson Wood Wright Yamamoto "
    "Young Zhang Zimmermann"
)
ORGANIZATION_WORDS = _words(
    "Acme Apex Atlas Aurora Beacon Birch Blue Bright Cedar Cobalt Coral Crest Delta Ember Fable "
    "Falcon Fern Harbor Horizon Indigo Iron Juniper Kite Lantern Linden Maple Meridian Nimbus "
    "North Northwind Oak Orbit Pine Pioneer Quartz River Sage Silver Sparrow Summit Tidal Union "
    "Vertex Willow Zenith"
)
ORGANIZATION_KINDS = _words(
    "Design Studio Labs Consulting Partners Ventures Media Analytics Works Group Agency Capital "
    "Health Foods Logistics Software Architects Legal Collective"
)
JOB_TITLES = (
    "Founder",
    "Art director",
    "Product manager",
    "Software engineer",
    "Marketing lead",
    "Head of sales",
    "Designer",
    "Consultant",
    "Freelance writer",
    "Accountant",
    "Recruiter",
    "CTO",
    "Operations manager",
    "Photographer",
    "Lawyer",
    "",
    "",
    "",
)
MAIL_DOMAINS = ("gmail.com", "outlook.com", "fastmail.com", "proton.me", "icloud.com")
TOPICS = (
    "the website relaunch",
    "a referral",
    "the Q3 proposal",
    "an introduction",
    "coffee next week",
    "the conference",
    "their new role",
    "the invoice",
    "a podcast episode",
    "the workshop",
    "a job opening",
    "the book you recommended",
    "pricing",
    "the design review",
    "a partnership idea",
)
# Weights of each kind of one-to-one interaction; group interactions are meetings and events.
SOLO_KINDS = (
    (Interaction.Kind.EMAIL, 60),
    (Interaction.Kind.MESSAGE, 15),
    (Interaction.Kind.CALL, 8),
    (Interaction.Kind.MEETING, 8),
    (Interaction.Kind.SOCIAL, 5),
    (Interaction.Kind.NOTE, 4),
)
# Share of contacts in each default circle, busiest contacts first.
CIRCLE_SHARES = (("Inner", 0.02), ("Close", 0.08), ("Network", 0.60), ("Dormant", 0.30))
OWN_CADENCES = (7, 21, 45, 60, 180)


@dataclass(frozen=True)
class NetworkSize:
    """How many rows of each kind the generator wrote."""

    contacts: int
    organizations: int
    handles: int
    interactions: int
    participations: int
    loops: int
    gives: int
    shares: int


@dataclass(frozen=True)
class _PlannedInteraction:
    kind: str
    direction: str
    occurred_at: datetime
    contact_indexes: tuple[int, ...]


def generate_network(
    *,
    owner: User,
    contacts: int = 10_000,
    interactions: int = 500_000,
    loops: int = 5_000,
    gives: int = 5_000,
    shares: int = 2_000,
    seed: int = 2026,
    now: datetime | None = None,
) -> NetworkSize:
    """Write a network for one owner: a few very busy contacts, most with a handful of touches."""
    if contacts < 1:
        raise ValueError("The network needs at least one contact.")
    now = now or timezone.now()
    rng = random.Random(seed)
    circles = {circle.name: circle for circle in services.circles_ensure_defaults(owner=owner)}

    # Activity is log-normal: at full size the median contact takes part in 16 interactions
    # and the busiest in about 12,700 (a client you write to several times a day).
    activity = [rng.lognormvariate(0, 2) for _ in range(contacts)]
    cumulative = list(itertools.accumulate(activity))
    plan = _plan_interactions(rng, cumulative, interactions, now)
    last_touch: dict[int, datetime] = {}
    for planned in plan:
        for index in planned.contact_indexes:
            if index not in last_touch or last_touch[index] < planned.occurred_at:
                last_touch[index] = planned.occurred_at

    with transaction.atomic():
        organizations = _create_organizations(rng, owner, max(1, contacts // 6))
        contact_rows = _create_contacts(
            rng, owner, activity, circles, organizations, last_touch, now
        )
        handle_count = _create_handles(rng, owner, contact_rows)
        participation_count = _create_interactions(owner, contact_rows, plan)
        loop_count = _create_loops(rng, owner, contact_rows, cumulative, loops, now)
        give_count = _create_gives(rng, owner, contact_rows, cumulative, gives, now)
        share_count = _create_shares(rng, owner, contact_rows, cumulative, shares, now)

    return NetworkSize(
        contacts=len(contact_rows),
        organizations=len(organizations),
        handles=handle_count,
        interactions=len(plan),
        participations=participation_count,
        loops=loop_count,
        gives=give_count,
        shares=share_count,
    )


def _pick(rng: random.Random, cumulative: Sequence[float]) -> int:
    return bisect_right(cumulative, rng.random() * cumulative[-1], hi=len(cumulative) - 1)


def _recent(rng: random.Random, now: datetime, span: timedelta, bias: float) -> datetime:
    # bias > 1 crowds times towards now, as real histories grow denser lately.
    return now - span * rng.random() ** bias - timedelta(seconds=1)


def _plan_interactions(
    rng: random.Random, cumulative: Sequence[float], count: int, now: datetime
) -> list[_PlannedInteraction]:
    solo_kinds = [kind for kind, _ in SOLO_KINDS]
    solo_weights = list(itertools.accumulate(weight for _, weight in SOLO_KINDS))
    contacts = len(cumulative)
    plan = []
    for _ in range(count):
        roll = rng.random()
        group_size = 1 if roll < 0.88 else 2 if roll < 0.96 else 3 if roll < 0.99 else 5
        group_size = min(group_size, contacts)
        indexes = {_pick(rng, cumulative)}
        while len(indexes) < group_size:
            indexes.add(rng.randrange(contacts))
        if group_size == 1:
            kind = rng.choices(solo_kinds, cum_weights=solo_weights)[0]
            direction = rng.choice((Direction.FROM_ME, Direction.TO_ME, Direction.TO_ME))
        else:
            kind = rng.choice((Interaction.Kind.MEETING, Interaction.Kind.EVENT))
            direction = Direction.BOTH
        plan.append(
            _PlannedInteraction(
                kind=kind,
                direction=direction,
                occurred_at=_recent(rng, now, HISTORY, 1.5),
                contact_indexes=tuple(sorted(indexes)),
            )
        )
    return plan


def _batches[T](rows: Iterator[T] | Sequence[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _create_organizations(rng: random.Random, owner: User, count: int) -> list[Organization]:
    pairs = [f"{a} {b}" for a in ORGANIZATION_WORDS for b in ORGANIZATION_KINDS]
    rng.shuffle(pairs)
    # Past the word pairs, a number keeps every organization's name distinct: "Acme Labs 2".
    names = [
        pairs[n % len(pairs)] + (f" {n // len(pairs) + 1}" if n >= len(pairs) else "")
        for n in range(count)
    ]
    organizations = [Organization(owner=owner, name=name) for name in names]
    return Organization.objects.bulk_create(organizations, batch_size=BATCH_SIZE)


def _create_contacts(
    rng: random.Random,
    owner: User,
    activity: Sequence[float],
    circles: dict[str, Circle],
    organizations: Sequence[Organization],
    last_touch: dict[int, datetime],
    now: datetime,
) -> list[Contact]:
    # The busiest contacts sit in the closest circles, with some noise so it is not a clean cut.
    by_activity = sorted(range(len(activity)), key=lambda i: activity[i] * rng.uniform(0.5, 2))
    by_activity.reverse()
    circle_of: dict[int, Circle] = {}
    start = 0
    for name, share in CIRCLE_SHARES:
        end = (
            len(by_activity)
            if name == CIRCLE_SHARES[-1][0]
            else start + round(share * len(by_activity))
        )
        for index in by_activity[start:end]:
            circle_of[index] = circles[name]
        start = end
    organization_weights = list(
        itertools.accumulate(1 / (rank + 1) for rank in range(len(organizations)))
    )

    rows = []
    for index in range(len(activity)):
        circle = circle_of[index]
        own_cadence = rng.choice(OWN_CADENCES) if rng.random() < 0.03 else None
        created_at = _recent(rng, now, HISTORY + timedelta(days=365), 1.0)
        last = last_touch.get(index)
        rows.append(
            Contact(
                owner=owner,
                full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                organization=(
                    organizations[_pick(rng, organization_weights)] if rng.random() < 0.75 else None
                ),
                position=rng.choice(JOB_TITLES),
                circle=circle,
                cadence_days=own_cadence,
                notes="Met at a conference." if rng.random() < 0.1 else "",
                created_at=created_at,
                last_touch_at=last,
                # The same rule services.py applies whenever a touch is logged.
                touch_due_at=touch_due_at(
                    last_touch_at=last,
                    known_since=created_at,
                    cadence_days=own_cadence or circle.cadence_days,
                ),
            )
        )
    return Contact.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _create_handles(rng: random.Random, owner: User, contacts: Sequence[Contact]) -> int:
    seen: set[tuple[str, str]] = set()
    rows = []

    def add(contact: Contact, kind: str, value: str) -> None:
        normalized = normalize_handle(kind, value)
        if (kind, normalized) in seen:
            return
        seen.add((kind, normalized))
        rows.append(
            Handle(owner=owner, contact=contact, kind=kind, value=value, normalized=normalized)
        )

    for number, contact in enumerate(contacts):
        first, _, last = contact.full_name.partition(" ")
        slug = f"{first}.{last}".lower()
        if rng.random() < 0.95:
            domain = (
                contact.organization.name.lower().replace(" ", "") + ".example"
                if contact.organization is not None and rng.random() < 0.7
                else rng.choice(MAIL_DOMAINS)
            )
            add(contact, Handle.Kind.EMAIL, f"{first}.{last}{number}@{domain}")
        if rng.random() < 0.4:
            # Ten digits after +1, whatever the contact's number, so every one is a possible
            # North American number; exchange and line together keep them distinct.
            exchange, line = divmod(number, 10_000)
            area = rng.randrange(201, 990)
            add(contact, Handle.Kind.PHONE, f"+1 {area} {200 + exchange} {line:04d}")
        if rng.random() < 0.5:
            add(contact, Handle.Kind.LINKEDIN, f"https://www.linkedin.com/in/{slug}-{number}/")
        if rng.random() < 0.08:
            add(contact, Handle.Kind.WEBSITE, f"https://{slug}{number}.example/")
    Handle.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _create_interactions(
    owner: User, contacts: Sequence[Contact], plan: Sequence[_PlannedInteraction]
) -> int:
    # Ids rather than rows for the foreign keys: half a million rows each pay for the checks
    # Django makes when a related object is assigned.
    participation_count = 0
    contact_ids = [contact.pk for contact in contacts]
    for batch_number, batch in enumerate(_batches(plan)):
        rows = []
        for offset, planned in enumerate(batch):
            number = batch_number * BATCH_SIZE + offset
            imported = planned.kind == Interaction.Kind.EMAIL
            rows.append(
                Interaction(
                    owner_id=owner.pk,
                    kind=planned.kind,
                    direction=planned.direction,
                    occurred_at=planned.occurred_at,
                    summary=f"{planned.kind.capitalize()} about {TOPICS[number % len(TOPICS)]}",
                    source="mbox" if imported else "manual",
                    source_key=f"<bench-{number}@mail.example>" if imported else "",
                )
            )
        created = Interaction.objects.bulk_create(rows)
        participations = [
            Participation(
                owner_id=owner.pk,
                interaction_id=interaction.pk,
                contact_id=contact_ids[index],
                # A copy of the interaction's time, as services.interaction_log keeps it.
                occurred_at=interaction.occurred_at,
            )
            for interaction, planned in zip(created, batch, strict=True)
            for index in planned.contact_indexes
        ]
        Participation.objects.bulk_create(participations, batch_size=BATCH_SIZE)
        participation_count += len(participations)
    return participation_count


def _create_loops(
    rng: random.Random,
    owner: User,
    contacts: Sequence[Contact],
    cumulative: Sequence[float],
    count: int,
    now: datetime,
) -> int:
    rows = []
    for number in range(count):
        contact = contacts[_pick(rng, cumulative)]
        opened_at = _recent(rng, now, timedelta(days=2 * 365), 2.0)
        # Most loops take the circle's reply window, as services.loop_open does by default.
        window = rng.randrange(1, 31) if rng.random() < 0.1 else contact.circle.response_window_days
        fresh = now - opened_at < timedelta(days=60)
        roll = rng.random()
        if fresh:
            status = "open" if roll < 0.5 else "acknowledged" if roll < 0.7 else "closed"
        else:
            status = "open" if roll < 0.1 else "acknowledged" if roll < 0.15 else "closed"
        settled_at = min(now, opened_at + timedelta(days=rng.uniform(0, 2 * window)))
        closed = status == Loop.Status.CLOSED
        rows.append(
            Loop(
                owner=owner,
                contact=contact,
                kind=rng.choice(Loop.Kind.values),
                whose=rng.choice(Loop.Whose.values),
                summary=f"About {TOPICS[number % len(TOPICS)]}",
                status=status,
                outcome=rng.choice(Loop.Outcome.values) if closed else "",
                opened_at=opened_at,
                acknowledged_at=settled_at if status == Loop.Status.ACKNOWLEDGED else None,
                closed_at=settled_at if closed else None,
                response_window_days=window,
                reply_due_at=opened_at + timedelta(days=window),
            )
        )
    Loop.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _create_gives(
    rng: random.Random,
    owner: User,
    contacts: Sequence[Contact],
    cumulative: Sequence[float],
    count: int,
    now: datetime,
) -> int:
    rows = [
        Give(
            owner=owner,
            contact=contacts[_pick(rng, cumulative)],
            kind=rng.choice(Give.Kind.values),
            direction=rng.choice((Direction.FROM_ME, Direction.FROM_ME, Direction.TO_ME)),
            summary=f"Help with {TOPICS[number % len(TOPICS)]}",
            occurred_at=_recent(rng, now, HISTORY, 1.5),
        )
        for number in range(count)
    ]
    Give.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _create_shares(
    rng: random.Random,
    owner: User,
    contacts: Sequence[Contact],
    cumulative: Sequence[float],
    count: int,
    now: datetime,
) -> int:
    # Each share links its own article, so no contact is sent the same item twice.
    rows = [
        Share(
            owner=owner,
            contact=contacts[_pick(rng, cumulative)],
            url=f"https://articles.example/{number}",
            title=f"On {TOPICS[number % len(TOPICS)]}",
            note="Thought of you when I read this.",
            shared_at=_recent(rng, now, HISTORY, 1.5),
        )
        for number in range(count)
    ]
    Share.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)
