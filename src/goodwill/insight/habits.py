"""Habits month by month: the pure arithmetic behind the "second nature" charts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


def median_days(durations: Sequence[timedelta]) -> float | None:
    """The median of some waits, in days (fractions kept); None when there are none."""
    if not durations:
        return None
    return statistics.median(duration.total_seconds() / 86400 for duration in durations)


def share(part: int, whole: int) -> float | None:
    """part ÷ whole, or None when there is nothing to divide."""
    return None if whole <= 0 else part / whole


@dataclass(frozen=True)
class KeptFacts:
    """One contact as the cadence-kept chart needs them."""

    ideal_days: int
    known_since: datetime
    # The contact's last touch before each month's end (None: none in the window read).
    last_touch_before: Sequence[datetime | None]


def cadence_kept(
    contacts: Sequence[KeptFacts], month_ends: Sequence[datetime]
) -> list[float | None]:
    """For each month's end, the share of contacts then within their ideal interval: touched
    within it, or added to the network less than an interval before. Contacts added after a
    month's end do not count for it."""
    kept: list[float | None] = []
    for index, end in enumerate(month_ends):
        counted = within = 0
        for contact in contacts:
            if contact.known_since > end:
                continue
            counted += 1
            window = timedelta(days=contact.ideal_days)
            last = contact.last_touch_before[index]
            if (last is not None and last >= end - window) or contact.known_since >= end - window:
                within += 1
        kept.append(share(within, counted))
    return kept
