"""The give-and-ask ledger: what flowed each way with one contact, the give share across the
network month by month, and what to offer before asking someone you have not helped lately."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from goodwill.insight.cadence import plural


@dataclass(frozen=True)
class ContactLedger:
    """One contact's ledger: gives each way, asks each way, loops still open."""

    contact_name: str
    gave_them: int
    gave_them_last_year: int
    they_gave: int
    you_asked: int
    you_asked_open: int
    they_asked: int
    they_asked_open: int
    open_loops: int
    last_gave_them: datetime | None

    @property
    def you_took(self) -> int:
        return self.they_gave + self.you_asked

    @property
    def summary(self) -> str:
        """One sentence on the balance, in plain words."""
        given, taken = self.gave_them, self.you_took
        if not given and not taken and not self.they_asked:
            return f"Nothing has passed between you and {self.contact_name} yet."
        if given > taken:
            return f"You give {self.contact_name} more than you take: keep it up."
        if given == taken:
            return f"You and {self.contact_name} are even."
        if not given:
            return f"You have only taken from {self.contact_name} so far; how could you help?"
        return f"You take more from {self.contact_name} than you give; how could you help?"


def give_share(given: int, received: int, asked: int) -> float | None:
    """The share of the exchange that was you giving: gives ÷ (gives + gives received + your
    asks). 0.5 is even; None when nothing happened."""
    total = given + received + asked
    return None if total == 0 else given / total


@dataclass(frozen=True)
class MonthFigures:
    month: date  # the first day of the month
    given: int
    received: int
    asked: int
    they_asked: int

    @property
    def share(self) -> float | None:
        return give_share(self.given, self.received, self.asked)


def months_back(today: date, count: int) -> list[date]:
    """The first days of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    firsts = []
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def monthly_figures(
    *,
    today: date,
    months: int,
    gives: Iterable[tuple[date, str]],
    asks: Iterable[tuple[date, str]],
) -> list[MonthFigures]:
    """Gives (day, "out" or "in") and asks (day, "mine" or "theirs") counted by month."""
    firsts = months_back(today, months)
    counts = {first: [0, 0, 0, 0] for first in firsts}
    for day, direction in gives:
        bucket = counts.get(date(day.year, day.month, 1))
        if bucket is not None:
            bucket[0 if direction == "out" else 1] += 1
    for day, whose in asks:
        bucket = counts.get(date(day.year, day.month, 1))
        if bucket is not None:
            bucket[2 if whose == "mine" else 3] += 1
    return [MonthFigures(first, *counts[first]) for first in firsts]


@dataclass(frozen=True)
class AskAdvice:
    """Said before an ask to someone the user has given nothing to in a year."""

    warning: str
    ways: tuple[str, ...]


def lead_with_help(
    *,
    contact_name: str,
    given_last_year: int,
    last_gave: datetime | None,
    their_open_asks: Sequence[str],
    their_open_offers: Sequence[str],
    share_ideas: Sequence[str],
    now: datetime,
) -> AskAdvice | None:
    """None when the user gave this contact something in the past year; else the warning and
    ways to lead with help first: their own open asks, their offers, an article, an intro."""
    if given_last_year > 0:
        return None
    first = contact_name.split()[0] if contact_name.split() else contact_name
    if last_gave is None:
        warning = f"You have never given {contact_name} anything yet, and this is an ask."
    else:
        years = max(1, (now - last_gave).days // 365)
        warning = (
            f"You have given {contact_name} nothing in the past year (the last time was "
            f"over {plural(years, 'year')} ago), and this is an ask."
        )
    ways: list[str] = []
    for ask in their_open_asks[:2]:
        ways.append(f"Answer {first}'s own ask first: “{ask}”.")
    for offer in their_open_offers[:1]:
        ways.append(
            f"{first} offered “{offer}”: taking up an open offer of theirs is welcome, not a debt."
        )
    for idea in share_ideas[:2]:
        ways.append(f"Send {first} something worth reading: “{idea}”.")
    ways.append(
        f"Make an introduction: who in your network should {first} know? "
        "Record it as a give, then ask."
    )
    return AskAdvice(warning=warning, ways=tuple(ways))
