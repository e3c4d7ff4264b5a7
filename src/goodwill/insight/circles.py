"""Which circle an imported contact belongs in, read from the history with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from goodwill.insight.cadence import ago, days_between, plural

INNER, CLOSE, NETWORK, DORMANT = "Inner", "Close", "Network", "Dormant"


@dataclass(frozen=True)
class HistoryFacts:
    """What passed between the user and one contact: touches, which way, gives, how recent."""

    touches_last_year: int
    touches_two_years: int
    from_you: int
    to_you: int
    both_ways: int
    gives: int
    last_touch_at: datetime | None


@dataclass(frozen=True)
class CircleSuggestion:
    circle_name: str
    reason: str


def _two_way(facts: HistoryFacts) -> bool:
    return facts.both_ways > 0 or (facts.from_you > 0 and facts.to_you > 0)


def suggest_circle(facts: HistoryFacts, *, now: datetime) -> CircleSuggestion:
    """Inner for frequent, recent, two-way contact; Close for regular two-way contact or where
    help flowed; Network for anyone touched in two years; Dormant for the rest, so a big import
    of old connections never nags. The reason lists the figures that decided it."""
    if facts.last_touch_at is None or facts.touches_two_years == 0:
        return CircleSuggestion(
            DORMANT, "Nothing between you in two years: Dormant, so they never nag."
        )
    days = days_between(facts.last_touch_at, now)
    ways = (
        "both ways" if _two_way(facts) else ("only from you" if facts.from_you else "only to you")
    )
    count = facts.touches_last_year
    figures = (
        f"{count} touch{'' if count == 1 else 'es'} in the past year, {ways}, the last {ago(days)}"
    )
    if facts.gives:
        figures += f", and {plural(facts.gives, 'give')} between you"
    if facts.touches_last_year >= 18 and _two_way(facts) and days <= 30:
        return CircleSuggestion(INNER, f"{figures}: Inner, every two weeks or so.")
    if (
        _two_way(facts)
        and days <= 120
        and (facts.touches_last_year >= 6 or (facts.gives >= 2 and facts.touches_last_year >= 2))
    ):
        return CircleSuggestion(CLOSE, f"{figures}: Close, about monthly.")
    return CircleSuggestion(NETWORK, f"{figures}: Network, a few times a year.")
