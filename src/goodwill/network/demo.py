"""A realistic demo network, so a new install has something true-to-life to show.

The same seed and the same "now" give the same network, row for row: every choice comes from one
random.Random, and every time is counted back from the "now" passed in. Everything is written
through services.py, like any other import.
"""

from __future__ import annotations

import random
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from django.db import transaction

from goodwill.network import services
from goodwill.network.demo_words import (
    ARTICLES,
    CONTACT_NOTES,
    FIRST_NAMES,
    GIVE_SUMMARIES,
    GROUP_SUMMARIES,
    INDEPENDENT_POSITIONS,
    LAST_NAMES,
    LOOP_SUMMARIES,
    ORGANIZATIONS,
    POSITIONS,
    TOUCH_KIND_WEIGHTS,
    TOUCH_SUMMARIES,
    WORDS,
)
from goodwill.network.models import Contact, Direction, Give, Interaction, Loop
from goodwill.network.services import Owner

DEMO_SEED = 1729
YEAR = timedelta(days=365)

# How many contacts each default circle holds, and the mean days between touches for those
# who are not drifting (Dormant contacts get a stray touch or two).
CIRCLE_SIZES = (("Inner", 12), ("Close", 36), ("Network", 104), ("Dormant", 48))
TOUCH_INTERVAL_DAYS = {"Inner": 8.0, "Close": 14.0, "Network": 40.0}
DRIFTING_SHARE = 0.22
CADENCE_OVERRIDES = (21, 45, 60, 21, 120, 45)
GROUP_TOUCHES = 140
GIVES = 150
SHARES = 24

# Loops still open today: (kind, whose, state, how many, opened between N and M days ago).
OPEN_LOOPS: tuple[tuple[str, str, str, int, int, int], ...] = (
    ("ask", "theirs", "open", 7, 0, 20),
    ("offer", "theirs", "open", 2, 1, 14),
    ("promise", "theirs", "open", 1, 2, 20),
    ("ask", "theirs", "acknowledged", 2, 5, 40),
    ("promise", "mine", "open", 3, 1, 25),
    ("promise", "mine", "acknowledged", 1, 3, 20),
    ("offer", "mine", "open", 2, 1, 30),
    ("ask", "mine", "open", 2, 0, 2),
    ("ask", "mine", "silence", 6, 10, 60),
    ("ask", "mine", "acknowledged", 3, 10, 60),
)
CLOSED_LOOPS_PER_KIND = 2

US_AREA_CODES = ("415", "212", "312", "206", "617", "512")


@dataclass(frozen=True)
class DemoSummary:
    contacts: int
    organizations: int
    interactions: int
    loops: int
    gives: int
    shares: int


def demo_network_fill(*, owner: Owner, now: datetime, seed: int = DEMO_SEED) -> DemoSummary:
    """Fill an account with about 200 contacts and a year of history ending at `now`.

    The caller makes sure the account is empty; run twice, it would refuse the second set of
    handles. All of it is written in one transaction: a failure leaves the account as it was.
    """
    with transaction.atomic():
        return _DemoBuilder(owner=owner, now=now, rng=random.Random(seed)).build()


class _Org(NamedTuple):
    name: str
    domain: str
    sector: str


@dataclass
class _Person:
    first: str
    last: str
    organization: _Org | None
    circle: str
    cadence_days: int | None
    created_at: datetime
    last_touch_at: datetime | None = None
    contact: Contact | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class _Touch:
    """A planned interaction; a loop or a give may claim it and rewrite it before it is written."""

    at: datetime
    people: list[int]
    kind: str
    direction: str
    summary: str
    claimed: bool = False
    row: Interaction | None = None


@dataclass
class _LoopPlan:
    kind: str
    whose: str
    summary: str
    touch: _Touch
    acknowledged_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str = ""


@dataclass
class _GivePlan:
    kind: str
    direction: str
    summary: str
    touch: _Touch
    article: tuple[str, str] | None = None


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in folded.lower() if char.isalnum())


def _names_joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class _DemoBuilder:
    """Plans the whole network in memory first, then writes it through the services."""

    def __init__(self, *, owner: Owner, now: datetime, rng: random.Random) -> None:
        self.owner = owner
        self.now = now
        self.rng = rng
        self.circles = {c.name: c for c in services.circles_ensure_defaults(owner=owner)}
        self.organizations = [_Org(*row) for row in ORGANIZATIONS]
        self.people: list[_Person] = []
        self.touches: list[_Touch] = []
        self.solo_touches: dict[int, list[_Touch]] = {}

    def build(self) -> DemoSummary:
        self._plan_people()
        self._create_contacts()
        self._plan_touches()
        self._plan_group_touches()
        for touch in self.touches:
            if len(touch.people) == 1:
                self.solo_touches.setdefault(touch.people[0], []).append(touch)
        loops = self._plan_open_loops() + self._plan_closed_loops()
        gives = self._plan_gives() + self._plan_shares()
        interactions = self._write_touches()
        self._write_loops(loops)
        self._write_gives(gives)
        return DemoSummary(
            contacts=len(self.people),
            organizations=len({p.organization for p in self.people if p.organization}),
            interactions=interactions,
            loops=len(loops),
            gives=len(gives),
            shares=sum(1 for give in gives if give.article is not None),
        )

    # Words

    def _words(self, templates: tuple[str, ...], person: _Person, **known: str) -> list[str]:
        """The templates filled in, each field chosen once at random and shared between them."""
        values = dict(known)
        for template in templates:
            for _, name, _, _ in string.Formatter().parse(template):
                if name and name not in values:
                    values[name] = self._word(name, person)
        return [template.format(**values) for template in templates]

    def _template[T](self, options: Sequence[T], person: _Person) -> T:
        # An independent has no organization to name, so templates that name one are skipped.
        if person.organization is None:
            options = [option for option in options if "{org}" not in str(option)] or options
        return self.rng.choice(options)

    def _word(self, name: str, person: _Person) -> str:
        if name == "first":
            return person.first
        if name == "org":
            return person.organization.name if person.organization else "their studio"
        if name == "other":
            return self.rng.choice([p for p in self.people if p.first != person.first]).full_name
        if name == "other_org":
            return self.rng.choice([o for o in self.organizations if o != person.organization]).name
        return self.rng.choice(WORDS[name])

    def _days_ago(self, low: float, high: float) -> datetime:
        return self.now - timedelta(days=self.rng.uniform(low, high))

    # Contacts

    def _plan_people(self) -> None:
        pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        circles = [name for name, size in CIRCLE_SIZES for _ in range(size)]
        self.rng.shuffle(circles)
        for (first, last), circle in zip(
            self.rng.sample(pairs, len(circles)), circles, strict=True
        ):
            independent = self.rng.random() < 0.18
            # Most were known before the year began; a few were met in the last months.
            recent = self.rng.random() < 0.08
            self.people.append(
                _Person(
                    first=first,
                    last=last,
                    organization=None if independent else self.rng.choice(self.organizations),
                    circle=circle,
                    cadence_days=self.circles[circle].cadence_days,
                    created_at=self._days_ago(10, 150) if recent else self._days_ago(380, 1500),
                )
            )
        # A few contacts with a cadence of their own, which Today explains in other words.
        keen = [person for person in self.people if person.circle in ("Close", "Network")]
        for person, days in zip(
            self.rng.sample(keen, len(CADENCE_OVERRIDES)), CADENCE_OVERRIDES, strict=True
        ):
            person.cadence_days = days

    def _create_contacts(self) -> None:
        phones = 0
        for person in self.people:
            local = f"{_ascii(person.first)}.{_ascii(person.last)}"
            handles: list[tuple[str, str]] = []
            if person.organization is not None:
                handles.append(("email", f"{local}@{person.organization.domain}"))
                position = self.rng.choice(POSITIONS[person.organization.sector])
            else:
                site = f"{_ascii(person.first)}{_ascii(person.last)}.example"
                handles += [("email", f"hello@{site}"), ("website", f"https://{site}/")]
                position = self.rng.choice(INDEPENDENT_POSITIONS)
            if self.rng.random() < 0.55:
                handles.append(("phone", _phone(phones)))
                phones += 1
            if self.rng.random() < 0.65:
                slug = f"{local.replace('.', '-')}-{self.rng.randrange(16**6):06x}"
                handles.append(("linkedin", f"https://www.linkedin.com/in/{slug}/"))
            notes = ""
            if self.rng.random() < 0.3:
                notes = self._words((self._template(CONTACT_NOTES, person),), person)[0]
            circle = self.circles[person.circle]
            person.contact = services.contact_create(
                owner=self.owner,
                full_name=person.full_name,
                organization_name=person.organization.name if person.organization else "",
                position=position,
                circle=circle,
                notes=notes,
                handles=handles,
                created_at=person.created_at,
            )
            if person.cadence_days != circle.cadence_days:
                services.contact_set_circle(
                    contact=person.contact, circle=circle, cadence_days=person.cadence_days
                )

    def _contact(self, index: int) -> Contact:
        contact = self.people[index].contact
        assert contact is not None, "contacts are created before anything refers to them"
        return contact

    # Touches

    def _plan_touches(self) -> None:
        year_ago = self.now - YEAR
        for index, person in enumerate(self.people):
            start = max(year_ago, person.created_at)
            if person.cadence_days is None:
                # Dormant: a stray touch or two, long enough ago.
                for _ in range(self.rng.choice((0, 1, 1, 2, 3))):
                    self._add_touch(start + (self.now - start) * self.rng.uniform(0, 0.6), [index])
                continue
            cadence = person.cadence_days
            drifting = self.rng.random() < DRIFTING_SHARE
            last = self.now - timedelta(
                days=cadence
                * (self.rng.uniform(1.15, 2.5) if drifting else self.rng.uniform(0.02, 0.85))
            )
            if last < start:
                # Added too recently to have drifted: one touch on the day they were added.
                self._add_touch(start + timedelta(hours=2), [index])
                continue
            # A contact with a cadence of their own is touched in proportion to it.
            circle_cadence = self.circles[person.circle].cadence_days or cadence
            interval = TOUCH_INTERVAL_DAYS[person.circle] * cadence / circle_cadence
            at = last
            while at >= start:
                self._add_touch(at, [index])
                at -= timedelta(days=interval * self.rng.uniform(0.4, 1.6))

    def _add_touch(self, at: datetime, people: list[int]) -> _Touch:
        kind = self.rng.choices(
            [kind for kind, _ in TOUCH_KIND_WEIGHTS], [weight for _, weight in TOUCH_KIND_WEIGHTS]
        )[0]
        direction = self.rng.choice([d for k, d in TOUCH_SUMMARIES if k == kind])
        template = self._template(TOUCH_SUMMARIES[(kind, direction)], self.people[people[0]])
        summary = self._words((template,), self.people[people[0]])[0]
        touch = _Touch(at=at, people=people, kind=kind, direction=direction, summary=summary)
        self.touches.append(touch)
        for index in people:
            person = self.people[index]
            if person.last_touch_at is None or person.last_touch_at < at:
                person.last_touch_at = at
        return touch

    def _plan_group_touches(self) -> None:
        # Colleagues meet together and people cross paths at events. A group touch never lands
        # after anyone's last planned touch, so who is drifting stays as planned.
        for _ in range(GROUP_TOUCHES):
            at = self._days_ago(3, 360)
            present = [
                index
                for index, person in enumerate(self.people)
                if person.created_at <= at
                and person.last_touch_at is not None
                and person.last_touch_at >= at
            ]
            if len(present) < 2:
                continue
            anchor = self.rng.choice(present)
            organization = self.people[anchor].organization
            colleagues = [
                index
                for index in present
                if index != anchor
                and organization
                and self.people[index].organization == organization
            ]
            pool = colleagues or [index for index in present if index != anchor]
            others = self.rng.sample(pool, min(len(pool), self.rng.randint(1, 3)))
            kind, direction, template = self.rng.choice(GROUP_SUMMARIES)
            others_named = _names_joined([self.people[index].first for index in others])
            summary = self._words((template,), self.people[anchor], others=others_named)[0]
            self.touches.append(
                _Touch(
                    at=at, people=[anchor, *others], kind=kind, direction=direction, summary=summary
                )
            )

    def _claim_touch(self, index: int, *, after: datetime, before: datetime) -> _Touch | None:
        candidates = [
            touch
            for touch in self.solo_touches.get(index, [])
            if not touch.claimed and after <= touch.at <= before
        ]
        if not candidates:
            return None
        touch = self.rng.choice(candidates)
        touch.claimed = True
        return touch

    def _write_touches(self) -> int:
        # Newest first, so each contact's clock is saved once rather than at every touch.
        for touch in sorted(self.touches, key=lambda touch: touch.at, reverse=True):
            touch.row = services.interaction_log(
                owner=self.owner,
                contacts=[self._contact(index) for index in touch.people],
                kind=touch.kind,
                direction=touch.direction,
                summary=touch.summary,
                occurred_at=touch.at,
                source="demo",
            )
        return len(self.touches)

    # Loops

    def _plan_open_loops(self) -> list[_LoopPlan]:
        loops: list[_LoopPlan] = []
        taken: set[int] = set()
        for kind, whose, state, count, low, high in OPEN_LOOPS:
            for _ in range(count):
                opened_at = self._days_ago(low + 0.05, high + 0.05)
                # The loop's touch becomes the contact's latest, so a silent ask really is the
                # last thing that passed between you.
                candidates = [
                    index
                    for index, person in enumerate(self.people)
                    if index not in taken
                    and person.circle != "Dormant"
                    and person.created_at < opened_at
                    and (person.last_touch_at is None or person.last_touch_at <= opened_at)
                ]
                if not candidates:
                    continue
                index = self.rng.choice(candidates)
                taken.add(index)
                touch = self._add_touch(opened_at, [index])
                touch.claimed = True
                loop = self._loop_plan(kind, whose, touch)
                if state == "acknowledged":
                    loop.acknowledged_at = min(
                        self.now, opened_at + timedelta(days=self.rng.uniform(0.2, 3))
                    )
                loops.append(loop)
        return loops

    def _plan_closed_loops(self) -> list[_LoopPlan]:
        loops: list[_LoopPlan] = []
        for kind in Loop.Kind.values:
            for whose in Loop.Whose.values:
                for outcome in Loop.Outcome.values:
                    for _ in range(CLOSED_LOOPS_PER_KIND):
                        touch = self._claim_any_touch(after_days=330, before_days=30)
                        if touch is None:
                            continue
                        loop = self._loop_plan(kind, whose, touch)
                        if self.rng.random() < 0.5:
                            loop.acknowledged_at = touch.at + timedelta(
                                days=self.rng.uniform(0.2, 4)
                            )
                        loop.closed_at = touch.at + timedelta(days=self.rng.uniform(5, 28))
                        loop.outcome = outcome
                        loops.append(loop)
        return loops

    def _claim_any_touch(self, *, after_days: int, before_days: int) -> _Touch | None:
        for _ in range(50):
            touch = self._claim_touch(
                self.rng.randrange(len(self.people)),
                after=self.now - timedelta(days=after_days),
                before=self.now - timedelta(days=before_days),
            )
            if touch is not None:
                return touch
        return None

    def _loop_plan(self, kind: str, whose: str, touch: _Touch) -> _LoopPlan:
        person = self.people[touch.people[0]]
        summary, touch.summary = self._words(
            self._template(LOOP_SUMMARIES[(kind, whose)], person), person
        )
        touch.kind = self.rng.choice(("email", "message"))
        touch.direction = Direction.FROM_ME if whose == Loop.Whose.MINE else Direction.TO_ME
        return _LoopPlan(kind=kind, whose=whose, summary=summary, touch=touch)

    def _write_loops(self, loops: list[_LoopPlan]) -> None:
        for plan in loops:
            loop = services.loop_open(
                contact=self._contact(plan.touch.people[0]),
                kind=plan.kind,
                whose=plan.whose,
                summary=plan.summary,
                interaction=plan.touch.row,
                opened_at=plan.touch.at,
            )
            if plan.acknowledged_at is not None:
                services.loop_acknowledge(loop=loop, at=plan.acknowledged_at)
            if plan.closed_at is not None:
                services.loop_close(loop=loop, outcome=plan.outcome, at=plan.closed_at)

    # Gives and shares

    def _plan_gives(self) -> list[_GivePlan]:
        # Every kind both ways at least once, then a mix where you give a little more than you get.
        wanted: list[tuple[str, str]] = list(GIVE_SUMMARIES)
        while len(wanted) < GIVES:
            way = Direction.FROM_ME if self.rng.random() < 0.58 else Direction.TO_ME
            wanted.append((self.rng.choice(Give.Kind.values), way.value))
        gives: list[_GivePlan] = []
        for kind, direction in wanted:
            touch = self._claim_any_touch(after_days=365, before_days=0)
            if touch is None:
                continue
            touch_kind, templates = GIVE_SUMMARIES[(kind, direction)]
            person = self.people[touch.people[0]]
            summary = self._words((self._template(templates, person),), person)[0]
            touch.kind, touch.direction, touch.summary = touch_kind, direction, summary
            gives.append(_GivePlan(kind=kind, direction=direction, summary=summary, touch=touch))
        return gives

    def _plan_shares(self) -> list[_GivePlan]:
        shares: list[_GivePlan] = []
        shared: set[tuple[int, str]] = set()
        while len(shares) < SHARES:
            article = self.rng.choice(ARTICLES)
            touch = self._claim_any_touch(after_days=300, before_days=0)
            if touch is None:
                break
            if (touch.people[0], article[0]) in shared:
                touch.claimed = False
                continue
            shared.add((touch.people[0], article[0]))
            first = self.people[touch.people[0]].first
            touch.kind, touch.direction = Interaction.Kind.EMAIL, Direction.FROM_ME
            touch.summary = f"Sent {first} “{article[1]}”"
            shares.append(
                _GivePlan(
                    kind=Give.Kind.ARTICLE,
                    direction=Direction.FROM_ME,
                    summary=f"Shared “{article[1]}” with {first}",
                    touch=touch,
                    article=article,
                )
            )
        return shares

    def _write_gives(self, gives: list[_GivePlan]) -> None:
        for plan in gives:
            contact = self._contact(plan.touch.people[0])
            services.give_record(
                contact=contact,
                kind=plan.kind,
                direction=plan.direction,
                summary=plan.summary,
                occurred_at=plan.touch.at,
                interaction=plan.touch.row,
            )
            if plan.article is not None:
                url, title = plan.article
                note = self._words(("Thought of you and {topic}.",), self.people[0])[0]
                services.share_record(
                    contact=contact, url=url, title=title, note=note, shared_at=plan.touch.at
                )


def _phone(index: int) -> str:
    # Numbers from the ranges set aside for fiction (555-01xx in North America, 020 7946 0xxx in
    # London), so the demo never rings a real person.
    if index % 3 == 2:
        return f"+44 20 7946 0{index:03d}"
    area = US_AREA_CODES[(index // 100) % len(US_AREA_CODES)]
    return f"+1 {area} 555 01{index % 100:02d}"
