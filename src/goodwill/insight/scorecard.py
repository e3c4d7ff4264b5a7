"""The scorecard: how each side of a relationship answers the other's asks and keeps its
promises, from counts the selectors take in the database.

Both ways: **you** are judged on the asks your contacts made of you and the promises you made;
**they** are judged on your asks of them and their promises to you. The rules, each one a
sentence a user can check against their loops:

- An ask is **acknowledged** once it was acknowledged, or closed as done or declined: an answer,
  even a no, is an acknowledgement. The time to acknowledge runs from the ask to the
  acknowledgement or, failing that, to the closing.
- An ask is **ignored** when it is still open past its reply window (silence, as Today says
  it), or when it was closed as dropped with no acknowledgement.
- An ask still open within its window is **waiting**: it counts for neither side yet.
- A promise is **kept** when closed as done and **dropped** when closed as dropped; a promise
  declined by agreement, or still open, is neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from goodwill.insight.cadence import plural
from goodwill.insight.habits import median_days, share


@dataclass(frozen=True)
class SideCounts:
    """One side's record as counted from the loops. The four ask counts partition the asks:
    every ask is acknowledged, waiting, overdue or dropped unanswered."""

    acknowledged: int = 0
    waiting: int = 0  # open, still within the reply window
    overdue: int = 0  # open, past the reply window
    dropped_unanswered: int = 0  # closed as dropped, never acknowledged
    promises_kept: int = 0
    promises_dropped: int = 0
    promises_open: int = 0
    # For each acknowledged ask, how long the acknowledgement took.
    acknowledge_waits: tuple[timedelta, ...] = ()


@dataclass(frozen=True)
class Side:
    """One side's scorecard: the counts and what they come to."""

    who: str  # "you" or the contact's name ("they" overall)
    asks: int
    acknowledged: int
    ignored: int
    unacknowledged: int  # still open, within the window or past it
    median_days_to_acknowledge: float | None
    acknowledged_share: float | None  # acknowledged ÷ (acknowledged + ignored)
    promises_kept: int
    promises_dropped: int
    promises_open: int
    kept_share: float | None  # kept ÷ (kept + dropped)

    @property
    def is_empty(self) -> bool:
        return not (self.asks or self.promises_kept or self.promises_dropped or self.promises_open)

    def sentences(self) -> list[str]:
        """The record in words, e.g. 'You acknowledged 4 of 5 asks (80%) in a median of 2 days.'"""
        said: list[str] = []
        subject = self.who[:1].upper() + self.who[1:]
        if self.asks:
            decided = self.acknowledged + self.ignored
            line = f"{subject} acknowledged {self.acknowledged} of {plural(decided, 'ask')}"
            if self.acknowledged_share is not None:
                line += f" ({percent(self.acknowledged_share)})"
            if self.median_days_to_acknowledge is not None:
                line += f" in a median of {days_text(self.median_days_to_acknowledge)}"
            said.append(line + ".")
            if self.unacknowledged:
                verb = "waits" if self.unacknowledged == 1 else "wait"
                said.append(f"{plural(self.unacknowledged, 'ask')} still {verb} for {self.who}.")
        promised = self.promises_kept + self.promises_dropped
        if promised or self.promises_open:
            line = f"{subject} kept {self.promises_kept} of {plural(promised, 'promise')}"
            if self.kept_share is not None:
                line += f" ({percent(self.kept_share)})"
            if self.promises_open:
                line += f"; {self.promises_open} still open"
            said.append(line + ".")
        return said


@dataclass(frozen=True)
class Scorecard:
    """Both ways: how you treat their asks and promises, and how they treat yours."""

    you: Side
    them: Side

    @property
    def is_empty(self) -> bool:
        return self.you.is_empty and self.them.is_empty


def side_from_counts(counts: SideCounts, *, who: str) -> Side:
    """What one side's counts come to: shares over the asks and promises that are decided,
    and the median time to acknowledge."""
    ignored = counts.overdue + counts.dropped_unanswered
    return Side(
        who=who,
        asks=counts.acknowledged + counts.waiting + ignored,
        acknowledged=counts.acknowledged,
        ignored=ignored,
        unacknowledged=counts.waiting + counts.overdue,
        median_days_to_acknowledge=median_days(counts.acknowledge_waits),
        acknowledged_share=share(counts.acknowledged, counts.acknowledged + ignored),
        promises_kept=counts.promises_kept,
        promises_dropped=counts.promises_dropped,
        promises_open=counts.promises_open,
        kept_share=share(counts.promises_kept, counts.promises_kept + counts.promises_dropped),
    )


def scorecard(you: SideCounts, them: SideCounts, *, their_name: str = "they") -> Scorecard:
    """The scorecard of one relationship (or of all of them, with the counts summed)."""
    return Scorecard(
        you=side_from_counts(you, who="you"), them=side_from_counts(them, who=their_name)
    )


def percent(fraction: float) -> str:
    """0.8 -> '80%'."""
    return f"{round(fraction * 100)}%"


def days_text(days: float) -> str:
    """A wait in words: under a day in hours, else days with at most one decimal."""
    if days < 1:
        hours = round(days * 24)
        return "under an hour" if hours < 1 else plural(hours, "hour")
    whole = round(days, 1)
    if whole == int(whole):
        return plural(int(whole), "day")
    return f"{whole} days"


def as_json(side: Side) -> dict[str, object]:
    """A side as plain JSON values, for `goodwill scorecard --json`."""
    return {
        "asks": side.asks,
        "acknowledged": side.acknowledged,
        "ignored": side.ignored,
        "unacknowledged": side.unacknowledged,
        "median_days_to_acknowledge": side.median_days_to_acknowledge,
        "acknowledged_share": side.acknowledged_share,
        "promises_kept": side.promises_kept,
        "promises_dropped": side.promises_dropped,
        "promises_open": side.promises_open,
        "kept_share": side.kept_share,
    }


@dataclass(frozen=True)
class ContactScorecard:
    contact_id: int
    contact_name: str
    card: Scorecard
