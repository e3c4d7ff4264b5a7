"""Keep-in-touch cadence: when a contact is next due, and how to say why."""

from __future__ import annotations

from datetime import datetime, timedelta


def touch_due_at(
    *, last_touch_at: datetime | None, known_since: datetime, cadence_days: int | None
) -> datetime | None:
    """When the contact should next hear from you; None when their cadence never reminds.

    Someone never touched counts from when you added them, so a new contact is not overdue at once.
    """
    if cadence_days is None:
        return None
    return (last_touch_at or known_since) + timedelta(days=cadence_days)


def days_between(earlier: datetime, later: datetime) -> int:
    """Whole days from one moment to a later one, never negative."""
    return max(0, (later - earlier).days)


def drift_reason(
    *,
    last_touch_at: datetime | None,
    cadence_days: int,
    circle_name: str,
    cadence_overridden: bool,
    now: datetime,
) -> str:
    """One sentence on why a contact is past their cadence, in the user's own terms."""
    rule = (
        f"you wanted to be in touch every {plural(cadence_days, 'day')}"
        if cadence_overridden
        else f"your {circle_name} circle asks for every {plural(cadence_days, 'day')}"
    )
    if last_touch_at is None:
        return f"No touch logged yet; {rule}."
    return f"Last touch {ago(days_between(last_touch_at, now))}; {rule}."


def plural(count: int, word: str) -> str:
    """'1 day', '3 days'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def ago(days: int) -> str:
    """'today', 'yesterday', '5 days ago'."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"
