"""Keep-in-touch rules: a contact's ideal and maximum interval, how Today words why a contact
is due and why now is a good moment, and how a short daily list is picked from longer ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from goodwill.insight.cadence import ago, days_between, plural
from goodwill.insight.today import ItemKind, TodayItem

# Cadences are whole days; a year is the longest that still means "keep in touch".
MAX_CADENCE_DAYS = 3650
# An anniversary of connecting counts as a reason this many days either side of the day.
ANNIVERSARY_WINDOW_DAYS = 7
# A position seen this recently is still news worth a note.
NEW_POSITION_DAYS = 60


class CadenceError(ValueError):
    """A cadence that makes no sense; the message says which number is wrong and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Cadence:
    """How often to be in touch: ideally every `ideal_days`, and never more than `max_days`."""

    ideal_days: int | None
    max_days: int | None
    overridden: bool = False

    @property
    def reminds(self) -> bool:
        return self.ideal_days is not None


NEVER = Cadence(None, None)


def check_cadence(
    ideal_days: int | None, max_days: int | None, *, label: str = "The cadence"
) -> None:
    """Refuse a negative or zero interval, one past ten years, or a maximum below the ideal."""
    for field, days, name in (
        ("cadence_days", ideal_days, "ideal"),
        ("max_cadence_days", max_days, "maximum"),
    ):
        if days is None:
            continue
        if days <= 0:
            raise CadenceError(field, f"{label}'s {name} must be a positive number of days.")
        if days > MAX_CADENCE_DAYS:
            raise CadenceError(
                field, f"{label}'s {name} of {days} days is more than ten years; leave it empty."
            )
    if ideal_days is None and max_days is not None:
        raise CadenceError(
            "max_cadence_days", f"{label} has a maximum but no ideal; give the ideal first."
        )
    if ideal_days is not None and max_days is not None and max_days < ideal_days:
        raise CadenceError(
            "max_cadence_days",
            f"{label}'s maximum ({plural(max_days, 'day')}) is below its ideal "
            f"({plural(ideal_days, 'day')}); the maximum must be at least the ideal.",
        )


def effective_cadence(
    *,
    circle_ideal: int | None,
    circle_max: int | None,
    own_ideal: int | None,
    own_max: int | None,
) -> Cadence:
    """The cadence a contact keeps: their own numbers where set, else their circle's.

    A circle without a cadence (Dormant) never reminds, whatever the contact's own numbers, and
    the maximum is never below the ideal (an own ideal of 60 days in a circle that allows 45 at
    most makes 60 the maximum too).
    """
    if circle_ideal is None:
        return NEVER
    ideal = own_ideal or circle_ideal
    maximum = own_max or circle_max or ideal
    return Cadence(
        ideal_days=ideal,
        max_days=max(ideal, maximum),
        overridden=own_ideal is not None or own_max is not None,
    )


@dataclass(frozen=True)
class KeepFacts:
    """A contact past their ideal interval, as Today needs to word and rank them."""

    contact_id: int
    contact_name: str
    circle_name: str
    cadence: Cadence
    last_touch_at: datetime | None
    known_since: datetime
    due_at: datetime


def past_maximum(facts: KeepFacts, *, now: datetime) -> bool:
    """True once the contact has gone longer than their maximum interval without a touch."""
    if facts.cadence.max_days is None:
        return False
    start = facts.last_touch_at or facts.known_since
    return start + timedelta(days=facts.cadence.max_days) <= now


def keep_reason(facts: KeepFacts, *, now: datetime) -> str:
    """Why the contact is due, in the user's own terms: the last touch and the interval it broke."""
    ideal = facts.cadence.ideal_days or 0
    maximum = facts.cadence.max_days or ideal
    whose = "you wanted" if facts.cadence.overridden else f"your {facts.circle_name} circle asks"
    if facts.last_touch_at is None:
        since = f"No touch logged since you added them {ago(days_between(facts.known_since, now))}"
    else:
        since = f"Last touch {ago(days_between(facts.last_touch_at, now))}"
    if past_maximum(facts, now=now):
        return (
            f"{since}, past the {plural(maximum, 'day')} at most {whose} for "
            f"(every {plural(ideal, 'day')} ideally)."
        )
    start = facts.last_touch_at or facts.known_since
    left = days_between(now, start + timedelta(days=maximum))
    limit = f" {plural(left, 'day')} before the {maximum}-day maximum." if maximum > ideal else ""
    return f"{since}; {whose} for every {plural(ideal, 'day')}.{limit}"


def keep_item(facts: KeepFacts, *, now: datetime, why_now: Sequence[str] = ()) -> TodayItem:
    """A contact past their cadence, with the reason and any reasons to write now."""
    return TodayItem(
        kind=ItemKind.DRIFTING,
        contact_id=facts.contact_id,
        contact_name=facts.contact_name,
        title=f"Reach out to {facts.contact_name}",
        reason=keep_reason(facts, now=now),
        since=facts.due_at,
        why_now=tuple(why_now),
        urgent=past_maximum(facts, now=now),
        subject_id=facts.contact_id,
    )


def keep_order(facts: KeepFacts, *, now: datetime, has_reason_now: bool) -> tuple[object, ...]:
    """Sort key for drifting contacts: past the maximum first, then those with a reason to
    write now, then the longest overdue."""
    return (not past_maximum(facts, now=now), not has_reason_now, facts.due_at, facts.contact_id)


def anniversary_reason(*, connected_on: date | None, today: date) -> str | None:
    """'You connected 3 years ago this week', when a whole-year anniversary is near."""
    if connected_on is None:
        return None
    for years in (today.year - connected_on.year, today.year - connected_on.year + 1):
        if years < 1:
            continue
        try:
            day = connected_on.replace(year=connected_on.year + years)
        except ValueError:  # 29 February in a year without one
            day = date(connected_on.year + years, 3, 1)
        if abs((day - today).days) <= ANNIVERSARY_WINDOW_DAYS:
            when = "today" if day == today else "this week" if abs((day - today).days) <= 3 else ""
            when = when or ("in a few days" if day > today else "a few days ago")
            return f"You connected {plural(years, 'year')} ago {when}."
    return None


def new_position_reason(
    *,
    position: str,
    organization: str,
    changed_at: datetime | None,
    source: str,
    now: datetime,
) -> str | None:
    """'New position: Head of design at Northwind (seen in your linkedin import 4 days ago)'."""
    if changed_at is None or now - changed_at > timedelta(days=NEW_POSITION_DAYS):
        return None
    role = " at ".join(part for part in (position, organization) if part)
    if not role:
        return None
    where = f"your {source} import" if source and source not in ("user", "manual") else "Goodwill"
    return f"New position: {role} (seen in {where} {ago(days_between(changed_at, now))})."


def open_loop_reason(*, summaries: Sequence[str], whose_theirs: Sequence[bool]) -> str | None:
    """A loop still open with the contact, as a reason to write: theirs first."""
    if not summaries:
        return None
    pairs = sorted(zip(whose_theirs, summaries, strict=True), key=lambda pair: not pair[0])
    theirs, summary = pairs[0]
    extra = f" (and {plural(len(pairs) - 1, 'more open loop')})" if len(pairs) > 1 else ""
    who = "They are waiting on" if theirs else "You are waiting on"
    return f"{who}: {summary}{extra}."


@dataclass(frozen=True)
class FollowUpFacts:
    attendee_id: int
    contact_id: int
    contact_name: str
    event_name: str
    held_on: date
    needs: str
    due_at: datetime


def follow_up_item(facts: FollowUpFacts, *, now: datetime) -> TodayItem:
    """Someone met at an event and not written to since, with what they need."""
    met = facts.held_on.strftime("%-d %b")
    due = (
        "today"
        if facts.due_at.date() == now.date()
        else f"by {facts.due_at.strftime('%A %-d %b')}"
        if facts.due_at > now
        else f"{plural(days_between(facts.due_at, now), 'day')} ago"
    )
    verb = "Follow up" if facts.due_at >= now else "The follow-up was due"
    reason = f"You met at {facts.event_name} on {met} and have not written since. {verb} {due}."
    if facts.needs:
        reason += f" They need: {facts.needs}."
    return TodayItem(
        kind=ItemKind.FOLLOW_UP,
        contact_id=facts.contact_id,
        contact_name=facts.contact_name,
        title=f"Follow up with {facts.contact_name}",
        reason=reason,
        since=facts.due_at,
        subject_id=facts.attendee_id,
        urgent=facts.due_at <= now,
    )


def pick_daily(sections: Sequence[Sequence[TodayItem]], limit: int) -> list[list[TodayItem]]:
    """A short list from long ones: each section's first item in turn, in the sections' order,
    until `limit` are picked, so the most pressing of each kind is there and none crowds out
    the rest. Returns each section's picks, in its own order."""
    picked: list[list[TodayItem]] = [[] for _ in sections]
    taken = 0
    depth = 0
    while taken < limit and any(depth < len(section) for section in sections):
        for index, section in enumerate(sections):
            if taken >= limit:
                break
            if depth < len(section):
                picked[index].append(section[depth])
                taken += 1
        depth += 1
    return picked


def with_reasons_now(item: TodayItem, why_now: Sequence[str]) -> TodayItem:
    """The item with reasons to write now added to any it had."""
    return replace(item, why_now=(*item.why_now, *why_now)) if why_now else item
