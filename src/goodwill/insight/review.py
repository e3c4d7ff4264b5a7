"""A period's review: who you helped and who helped you, new relationships, those that warmed
and cooled, silences ended and left open, shares, topics, and next steps, each with its reason.

Plain facts in (counted by the database), answers out. The rules, which docs/review.md explains:

- a relationship is *new* when its start falls in the period: the earliest of when the contact
  was added, when you connected (as LinkedIn says) and your first interaction with them, so that
  importing an old address book does not make everyone new;
- a relationship *warmed* when it had at least twice as many interactions in the period as in the
  previous period of the same length, and at least two more; it *cooled* when it had at most half
  as many, and at least two fewer. New relationships are not counted as warmed;
- *rekindle* the relationships that cooled most, and *thank* the people who gave you something in
  the period and have had nothing from you since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from goodwill.insight.cadence import plural
from goodwill.insight.periods import Period
from goodwill.insight.terms import terms

# How many names each list shows; the rest are counted.
LIST_LIMIT = 10
NEXT_STEPS_LIMIT = 5
TOPICS_LIMIT = 12
# Warmed and cooled: the ratio and the least absolute change in interactions.
CHANGE_RATIO = 2
CHANGE_AT_LEAST = 2
# Words every subject line has, which say nothing about what mattered.
_TOPIC_NOISE_TEXT = """
    re fw fwd aw hi hello hey thanks thank follow followup quick catch call chat meet meeting
    note update question check touch intro coffee lunch email message reply sync
"""
TOPIC_NOISE = frozenset(_TOPIC_NOISE_TEXT.split())


# Facts in


@dataclass(frozen=True)
class GiveFacts:
    """Gives with one contact in the period, each way, and the latest give either way."""

    contact_id: int
    contact_name: str
    gave: int
    got: int
    last_gave: datetime | None
    last_got: datetime | None
    latest_gave_summary: str
    latest_got_summary: str
    # Your last give to them at any time up to now, for "have you given back since".
    last_gave_ever: datetime | None


@dataclass(frozen=True)
class StartFacts:
    contact_id: int
    contact_name: str
    added_on: date
    connected_on: date | None
    first_interaction_on: date | None

    @property
    def started_on(self) -> date:
        """The earliest sign of the relationship."""
        return min(
            day
            for day in (self.added_on, self.connected_on, self.first_interaction_on)
            if day is not None
        )


@dataclass(frozen=True)
class TouchFacts:
    """Interactions with one contact in the period and in the previous one."""

    contact_id: int
    contact_name: str
    in_period: int
    before: int
    last_touch: datetime | None


@dataclass(frozen=True)
class LoopFacts:
    loop_id: int
    contact_id: int
    contact_name: str
    kind: str
    whose: str
    summary: str
    opened_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True)
class ShareFacts:
    contact_name: str
    title: str
    url: str
    shared_at: datetime


@dataclass(frozen=True)
class SilenceFacts:
    """Loops that waited on you: answered in the period (the latest few, and how many), those
    still waiting, and how many of your own asks met with silence."""

    ended: Sequence[LoopFacts]
    ended_total: int
    still_open: Sequence[LoopFacts]
    open_total: int
    your_asks_met_with_silence: int


@dataclass(frozen=True)
class SharesFacts:
    latest: Sequence[ShareFacts]
    total: int
    contacts: int


@dataclass(frozen=True)
class MonthCounts:
    month: date
    gave: int
    got: int
    asked: int


@dataclass(frozen=True)
class CircleMonths:
    circle_name: str
    kept: Sequence[float | None]


@dataclass(frozen=True)
class WorkSource:
    """Work that came through one relationship (contact_id None: it found you by itself)."""

    contact_id: int | None
    contact_name: str
    count: int
    # Currency code -> total of the work that had a value; never added across currencies.
    totals: Mapping[str, Decimal]

    @property
    def label(self) -> str:
        return self.contact_name or "Came by itself"

    @property
    def value_text(self) -> str:
        return ", ".join(f"{currency} {total:,.0f}" for currency, total in self.totals.items())


@dataclass(frozen=True)
class ReviewFacts:
    period: Period
    # Today: months of the period after it have no figures yet.
    as_of: date
    gives: Sequence[GiveFacts]
    # Contacts whose relationship may have started on or after the period's first day; the
    # rest are only counted, in known_before.
    starts: Sequence[StartFacts]
    touches: Sequence[TouchFacts]
    silences: SilenceFacts
    shares: SharesFacts
    # (text, how many times it was written) from interaction subjects and shared titles.
    texts: Sequence[tuple[str, int]]
    months: Sequence[MonthCounts]
    cadence_kept: Sequence[CircleMonths]
    # Contacts added and connected before the period: their relationship started before it.
    known_before: int = 0
    # None: nothing records work yet, so the section is left out.
    work: Sequence[WorkSource] | None = None


# Answers out


@dataclass(frozen=True)
class Person:
    """A contact named in the review, with why."""

    contact_id: int
    contact_name: str
    why: str
    count: int = 0


@dataclass(frozen=True)
class Topic:
    word: str
    mentions: int


@dataclass(frozen=True)
class Review:
    period: Period
    as_of: date
    previous: Period
    helped: list[Person]
    helped_total: int
    gave_total: int
    helped_you: list[Person]
    helped_you_total: int
    got_total: int
    new_relationships: list[Person]
    new_total: int
    warmed: list[Person]
    warmed_total: int
    cooled: list[Person]
    cooled_total: int
    silences_ended: list[Person]
    silences_ended_total: int
    silences_open: list[Person]
    silences_open_total: int
    your_asks_met_with_silence: int
    shares: list[ShareFacts]
    shares_total: int
    shared_with: int
    topics: list[Topic]
    months: list[MonthCounts]
    network_size: list[int]
    new_by_month: list[int]
    cadence_kept: list[CircleMonths]
    work: list[WorkSource] | None
    rekindle: list[Person]
    thank: list[Person]
    headline: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        def people(items: list[Person]) -> list[dict[str, object]]:
            return [
                {
                    "contact_id": p.contact_id,
                    "contact": p.contact_name,
                    "count": p.count,
                    "why": p.why,
                }
                for p in items
            ]

        return {
            "period": {
                "since": self.period.since.isoformat(),
                "until": self.period.until.isoformat(),
            },
            "previous_period": {
                "since": self.previous.since.isoformat(),
                "until": self.previous.until.isoformat(),
            },
            "headline": self.headline,
            "helped": {
                "total": self.helped_total,
                "gives": self.gave_total,
                "people": people(self.helped),
            },
            "helped_you": {
                "total": self.helped_you_total,
                "gives": self.got_total,
                "people": people(self.helped_you),
            },
            "new_relationships": {
                "total": self.new_total,
                "people": people(self.new_relationships),
            },
            "warmed": {"total": self.warmed_total, "people": people(self.warmed)},
            "cooled": {"total": self.cooled_total, "people": people(self.cooled)},
            "silences_ended": {
                "total": self.silences_ended_total,
                "people": people(self.silences_ended),
            },
            "silences_open": {
                "total": self.silences_open_total,
                "people": people(self.silences_open),
                "your_asks_met_with_silence": self.your_asks_met_with_silence,
            },
            "shares": {
                "total": self.shares_total,
                "contacts": self.shared_with,
                "latest": [
                    {
                        "contact": s.contact_name,
                        "title": s.title,
                        "url": s.url,
                        "shared_at": s.shared_at.isoformat(),
                    }
                    for s in self.shares
                ],
            },
            "topics": [{"word": t.word, "mentions": t.mentions} for t in self.topics],
            "months": [
                {
                    "month": m.month.isoformat()[:7],
                    "gave": m.gave,
                    "received": m.got,
                    "asked": m.asked,
                    "new_relationships": new,
                    "network_size": size,
                }
                for m, new, size in zip(
                    self.months, self.new_by_month, self.network_size, strict=True
                )
            ],
            "cadence_kept": [
                {"circle": c.circle_name, "kept": list(c.kept)} for c in self.cadence_kept
            ],
            "work": None
            if self.work is None
            else [
                {
                    "contact_id": w.contact_id,
                    "source": w.label,
                    "count": w.count,
                    "totals": {currency: str(total) for currency, total in w.totals.items()},
                }
                for w in self.work
            ],
            "next_steps": {"rekindle": people(self.rekindle), "thank": people(self.thank)},
        }


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _day(moment: datetime) -> str:
    return f"{moment:%-d %b %Y}"


def _helped(gives: Sequence[GiveFacts]) -> tuple[list[Person], list[Person]]:
    gave = sorted(
        (g for g in gives if g.gave), key=lambda g: (-g.gave, g.contact_name, g.contact_id)
    )
    got = sorted((g for g in gives if g.got), key=lambda g: (-g.got, g.contact_name, g.contact_id))
    helped = [
        Person(
            g.contact_id,
            g.contact_name,
            f"You gave {_times(g.gave)}; the latest: “{g.latest_gave_summary}”.",
            g.gave,
        )
        for g in gave
    ]
    helped_you = [
        Person(
            g.contact_id,
            g.contact_name,
            f"They gave you {_times(g.got)}; the latest: “{g.latest_got_summary}”.",
            g.got,
        )
        for g in got
    ]
    return helped, helped_you


def new_relationships(starts: Iterable[StartFacts], period: Period) -> list[Person]:
    """Contacts whose relationship started in the period, newest first."""
    found = [s for s in starts if period.since <= s.started_on <= period.until]
    found.sort(key=lambda s: (s.started_on, s.contact_id), reverse=True)
    result = []
    for start in found:
        if (
            start.first_interaction_on is not None
            and start.started_on == start.first_interaction_on
        ):
            why = f"First interaction on {start.started_on:%-d %b %Y}."
        elif start.connected_on is not None and start.started_on == start.connected_on:
            why = f"Connected on {start.started_on:%-d %b %Y}."
        else:
            why = f"Added on {start.started_on:%-d %b %Y}."
        result.append(Person(start.contact_id, start.contact_name, why))
    return result


def warmed_and_cooled(
    touches: Iterable[TouchFacts], *, new_ids: set[int]
) -> tuple[list[Person], list[Person]]:
    """Relationships whose interactions at least doubled (and grew by two or more), and those
    that at least halved (and fell by two or more), biggest change first."""
    warmed: list[tuple[int, TouchFacts]] = []
    cooled: list[tuple[int, TouchFacts]] = []
    for touch in touches:
        now, before = touch.in_period, touch.before
        if (
            touch.contact_id not in new_ids
            and now >= CHANGE_RATIO * before
            and now - before >= CHANGE_AT_LEAST
        ):
            warmed.append((now - before, touch))
        elif before >= CHANGE_RATIO * now and before - now >= CHANGE_AT_LEAST:
            cooled.append((before - now, touch))

    def person(touch: TouchFacts) -> Person:
        why = (
            f"{plural(touch.in_period, 'interaction')} in this period, "
            f"{touch.before} in the one before"
        )
        if touch.in_period == 0 and touch.last_touch is not None:
            why += f"; last touch {_day(touch.last_touch)}"
        return Person(touch.contact_id, touch.contact_name, why + ".", touch.in_period)

    def ranked(pairs: list[tuple[int, TouchFacts]]) -> list[Person]:
        pairs.sort(key=lambda pair: (-pair[0], pair[1].contact_name, pair[1].contact_id))
        return [person(touch) for _, touch in pairs]

    return ranked(warmed), ranked(cooled)


def _loop_people(loops: Sequence[LoopFacts], *, answered: bool) -> list[Person]:
    people = []
    for loop in loops:
        what = "your promise" if loop.whose == "mine" else f"their {loop.kind}"
        if answered and loop.answered_at is not None:
            waited = max(0, (loop.answered_at - loop.opened_at).days)
            why = f"You answered {what} “{loop.summary}” after {plural(waited, 'day')}."
        else:
            why = f"{what.capitalize()} “{loop.summary}” has waited since {_day(loop.opened_at)}."
        people.append(Person(loop.contact_id, loop.contact_name, why))
    return people


def topics(texts: Iterable[tuple[str, int]], *, limit: int = TOPICS_LIMIT) -> list[Topic]:
    """The terms written most often, each counted once a text (times the text's repeats),
    named by the word first seen; a term must come up at least twice."""
    mentions: dict[str, int] = {}
    shown: dict[str, str] = {}
    for text, repeats in texts:
        seen = set()
        for term, word in terms(text):
            if term in seen or word in TOPIC_NOISE or term in TOPIC_NOISE:
                continue
            seen.add(term)
            mentions[term] = mentions.get(term, 0) + repeats
            shown.setdefault(term, word)
    ranked = sorted(
        (item for item in mentions.items() if item[1] >= 2), key=lambda item: (-item[1], item[0])
    )
    return [Topic(shown[term], count) for term, count in ranked[:limit]]


def growth(
    starts: Sequence[StartFacts], months: Sequence[date], *, known_before: int = 0
) -> tuple[list[int], list[int]]:
    """For each month: relationships started in it, and the network's size at its end
    (`known_before` contacts started before the first month)."""
    new = [0] * len(months)
    size = [known_before] * len(months)
    if not months:
        return new, size
    ends = [*months[1:], _next_month(months[-1])]
    for start in starts:
        day = start.started_on
        for index, end in enumerate(ends):
            if day < end:
                size[index] += 1
                if day >= months[index]:
                    new[index] += 1
    return new, size


def _next_month(first: date) -> date:
    return date(first.year + 1, 1, 1) if first.month == 12 else date(first.year, first.month + 1, 1)


def to_thank(gives: Sequence[GiveFacts], work: Sequence[WorkSource] = ()) -> list[Person]:
    """The people who sent you work in the period, most work first, then those who gave you
    something in the period and have had nothing from you since, most generous first."""
    people = [
        Person(
            source.contact_id,
            source.contact_name,
            f"Sent you {plural(source.count, 'piece')} of work in this period"
            + (f" ({source.value_text})." if source.totals else "."),
            source.count,
        )
        for source in work
        if source.contact_id is not None
    ]
    named = {person.contact_id for person in people}
    found = [
        (g, g.last_got)
        for g in gives
        if g.got
        and g.last_got is not None
        and (g.last_gave_ever is None or g.last_gave_ever < g.last_got)
    ]
    found.sort(key=lambda pair: (-pair[0].got, pair[0].contact_name, pair[0].contact_id))
    for g, last_got in found:
        if g.contact_id in named:
            continue
        since = (
            "you have given them nothing yet"
            if g.last_gave_ever is None
            else f"your last give to them was {_day(g.last_gave_ever)}"
        )
        people.append(
            Person(
                g.contact_id,
                g.contact_name,
                f"They gave you {_times(g.got)} (the latest “{g.latest_got_summary}”, "
                f"{_day(last_got)}) and {since}.",
                g.got,
            )
        )
    return people


def to_rekindle(cooled: Sequence[Person], helped_you_ids: set[int]) -> list[Person]:
    """The relationships that cooled most; those who helped you in the period come first."""
    ordered = sorted(
        enumerate(cooled), key=lambda pair: (pair[1].contact_id not in helped_you_ids, pair[0])
    )
    return [
        Person(
            p.contact_id,
            p.contact_name,
            (
                "Cooled: "
                + p.why[0].lower()
                + p.why[1:]
                + (" They helped you in this period." if p.contact_id in helped_you_ids else "")
            ),
            p.count,
        )
        for _, p in ordered
    ]


def review(facts: ReviewFacts) -> Review:
    """The review of the facts' period."""
    period = facts.period
    helped, helped_you = _helped(facts.gives)
    new = new_relationships(facts.starts, period)
    warmed, cooled = warmed_and_cooled(facts.touches, new_ids={p.contact_id for p in new})
    months = period.months()
    new_by_month, size = growth(facts.starts, months, known_before=facts.known_before)
    thank = to_thank(facts.gives, facts.work or [])
    rekindle = to_rekindle(cooled, {p.contact_id for p in helped_you})
    gave_total = sum(g.gave for g in facts.gives)
    got_total = sum(g.got for g in facts.gives)
    headline = [
        f"You gave {_times(gave_total)} to {_people(len(helped))}, "
        f"and {_people(len(helped_you))} gave to you "
        f"{_times(got_total)}.",
        f"{plural(len(new), 'new relationship')}; {len(warmed)} warmed and {len(cooled)} cooled.",
        f"You answered {plural(facts.silences.ended_total, 'loop')} that waited on you; "
        f"{facts.silences.open_total} still wait.",
    ]
    by_month = {m.month: m for m in facts.months}
    return Review(
        period=period,
        as_of=facts.as_of,
        previous=period.previous(),
        helped=helped[:LIST_LIMIT],
        helped_total=len(helped),
        gave_total=gave_total,
        helped_you=helped_you[:LIST_LIMIT],
        helped_you_total=len(helped_you),
        got_total=got_total,
        new_relationships=new[:LIST_LIMIT],
        new_total=len(new),
        warmed=warmed[:LIST_LIMIT],
        warmed_total=len(warmed),
        cooled=cooled[:LIST_LIMIT],
        cooled_total=len(cooled),
        silences_ended=_loop_people(facts.silences.ended, answered=True)[:LIST_LIMIT],
        silences_ended_total=facts.silences.ended_total,
        silences_open=_loop_people(facts.silences.still_open, answered=False)[:LIST_LIMIT],
        silences_open_total=facts.silences.open_total,
        your_asks_met_with_silence=facts.silences.your_asks_met_with_silence,
        shares=list(facts.shares.latest[:LIST_LIMIT]),
        shares_total=facts.shares.total,
        shared_with=facts.shares.contacts,
        topics=topics(facts.texts),
        months=[by_month.get(month, MonthCounts(month, 0, 0, 0)) for month in months],
        network_size=size,
        new_by_month=new_by_month,
        cadence_kept=list(facts.cadence_kept),
        work=None if facts.work is None else list(facts.work),
        rekindle=rekindle[:NEXT_STEPS_LIMIT],
        thank=thank[:NEXT_STEPS_LIMIT],
        headline=headline,
    )
