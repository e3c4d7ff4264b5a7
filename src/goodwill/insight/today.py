"""Today: who needs you and why, built from plain facts the selectors hand over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from goodwill.insight.cadence import ago, days_between, drift_reason, plural


class ItemKind(StrEnum):
    WAITING_ON_YOU = "waiting_on_you"
    SILENCE = "silence"
    DRIFTING = "drifting"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class DriftFacts:
    contact_id: int
    contact_name: str
    circle_name: str
    cadence_days: int
    cadence_overridden: bool
    last_touch_at: datetime | None
    due_at: datetime


@dataclass(frozen=True)
class LoopFacts:
    loop_id: int
    contact_id: int
    contact_name: str
    kind: str  # ask, offer or promise
    whose: str  # mine or theirs
    summary: str
    opened_at: datetime
    reply_due_at: datetime


@dataclass(frozen=True)
class TodayItem:
    kind: ItemKind
    contact_id: int
    contact_name: str
    title: str
    reason: str
    since: datetime
    loop_id: int | None = None
    # Reasons to write now rather than later: an open loop, an anniversary, a new position.
    why_now: tuple[str, ...] = ()
    # Past the maximum interval, or a follow-up already due: shown as pressing.
    urgent: bool = False
    # What Today's done, snooze and dismiss act on: the loop, contact or event attendee.
    subject_id: int | None = None


def drifting_item(facts: DriftFacts, *, now: datetime) -> TodayItem:
    """A contact past their cadence, with the reason in the user's own terms."""
    return TodayItem(
        kind=ItemKind.DRIFTING,
        contact_id=facts.contact_id,
        contact_name=facts.contact_name,
        title=f"Reach out to {facts.contact_name}",
        reason=drift_reason(
            last_touch_at=facts.last_touch_at,
            cadence_days=facts.cadence_days,
            circle_name=facts.circle_name,
            cadence_overridden=facts.cadence_overridden,
            now=now,
        ),
        since=facts.due_at,
    )


def waiting_item(facts: LoopFacts, *, now: datetime) -> TodayItem:
    """Their ask you have not acknowledged, or your promise not yet kept."""
    age = ago(days_between(facts.opened_at, now))
    if facts.whose == "mine":
        reason = f"You promised this {age} and it is still open."
    else:
        verb = {"ask": "asked", "offer": "offered", "promise": "promised"}[facts.kind]
        reason = f"{facts.contact_name} {verb} {age} and has not heard back from you."
    return TodayItem(
        kind=ItemKind.WAITING_ON_YOU,
        contact_id=facts.contact_id,
        contact_name=facts.contact_name,
        title=facts.summary,
        reason=reason,
        since=facts.opened_at,
        loop_id=facts.loop_id,
    )


def silence_item(facts: LoopFacts, *, now: datetime) -> TodayItem:
    """Your ask that met no reply within its window."""
    age = ago(days_between(facts.opened_at, now))
    overdue = plural(days_between(facts.reply_due_at, now), "day")
    return TodayItem(
        kind=ItemKind.SILENCE,
        contact_id=facts.contact_id,
        contact_name=facts.contact_name,
        title=facts.summary,
        reason=(
            f"You asked {facts.contact_name} {age}; no reply, {overdue} past the window. "
            "A gentle nudge, or let it go."
        ),
        since=facts.opened_at,
        loop_id=facts.loop_id,
    )
