"""The reply radar: from one thread's messages and what was detected in them, who owes whom a
reply, and which offers were taken up and kept.

Plain rules, each one a sentence a user can check against their mail:

- An ask is **answered** by the first later message from the other side that promises nothing;
  a later message from the other side that does promise something ("I'll keep you in mind",
  "will do, I'll send it Friday") **acknowledges** it, and it stays acknowledged until such an
  answer comes. A message the mailbox marks as replied (the Maildir 'R' flag, IMAP \\Answered)
  counts as answered by the user even when the reply is not in the mailbox.
- An unanswered ask is **superseded** when the same side asks again later in the thread before
  any reply: the later ask stands for both, so one silence is not counted twice.
- An offer is **taken up** by the first later message from the other side that asks something,
  and **kept** once the side that offered writes again after that.
- Promises are not items of their own: they are what makes a reply an acknowledgement.

Whether an open ask of yours has met **silence** depends on the reply window (per circle), and
how long theirs has waited on you is its age: both are read at a given moment, below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# The values are those of network.models.Direction and Loop.Whose.
INBOUND = "in"
OUTBOUND = "out"
MINE = "mine"
THEIRS = "theirs"


class RadarKind(StrEnum):
    ASK = "ask"
    OFFER = "offer"


class RadarState(StrEnum):
    """Where an item stands; the values are mail.models.RadarItem.State's."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    SUPERSEDED = "superseded"
    TAKEN_UP = "taken_up"
    KEPT = "kept"


@dataclass(frozen=True, slots=True)
class RadarMessage:
    """What the radar needs of a message: its key, which way it went (INBOUND or OUTBOUND), when,
    the first sentence holding each kind of intent found in it (kind -> sentence; empty when the
    text was not read), and whether the mailbox says the user replied to it."""

    key: str
    direction: str
    sent_at: datetime
    intents: tuple[tuple[str, str], ...] = ()
    replied: bool = False

    def sentence(self, kind: str) -> str | None:
        """The first sentence holding an intent of this kind, or None."""
        for found, sentence in self.intents:
            if found == kind:
                return sentence
        return None


@dataclass(frozen=True, slots=True)
class RadarFinding:
    """One ask or offer in one message and where it stands: `state_at` is when it came to
    stand there (the answering message's date, or the message's own while open), and
    `state_key` the key of the message that moved it there (empty while open)."""

    message_key: str
    kind: RadarKind
    whose: str
    summary: str
    opened_at: datetime
    state: RadarState
    state_at: datetime
    state_key: str = ""


def _whose(direction: str) -> str:
    return MINE if direction == OUTBOUND else THEIRS


def _other(direction: str) -> str:
    return INBOUND if direction == OUTBOUND else OUTBOUND


def thread_radar(messages: Sequence[RadarMessage]) -> list[RadarFinding]:
    """Every ask and offer in the thread's messages (in date order) with where it stands, by
    the rules in this module's docstring. Messages with no direction are passed over."""
    ordered = sorted(
        (m for m in messages if m.direction in (INBOUND, OUTBOUND)), key=lambda m: m.sent_at
    )
    findings: list[RadarFinding] = []
    for index, message in enumerate(ordered):
        later = ordered[index + 1 :]
        ask = message.sentence(RadarKind.ASK)
        if ask is not None:
            findings.append(_ask_finding(message, ask, later))
        offer = message.sentence(RadarKind.OFFER)
        if offer is not None:
            findings.append(_offer_finding(message, offer, later))
    return findings


def _ask_finding(message: RadarMessage, ask: str, later: Sequence[RadarMessage]) -> RadarFinding:
    def finding(state: RadarState, at: datetime, key: str = "") -> RadarFinding:
        return RadarFinding(
            message.key, RadarKind.ASK, _whose(message.direction), ask, message.sent_at,
            state, at, key,
        )  # fmt: skip

    acknowledged: RadarMessage | None = None
    for reply in later:
        if reply.direction == message.direction:
            if acknowledged is None and reply.sentence(RadarKind.ASK) is not None:
                return finding(RadarState.SUPERSEDED, reply.sent_at, reply.key)
            continue
        if reply.sentence("promise") is None:
            return finding(RadarState.ANSWERED, reply.sent_at, reply.key)
        if acknowledged is None:
            acknowledged = reply
    if message.direction == INBOUND and message.replied:
        # The user answered it from somewhere this mailbox does not hold.
        return finding(RadarState.ANSWERED, message.sent_at)
    if acknowledged is not None:
        return finding(RadarState.ACKNOWLEDGED, acknowledged.sent_at, acknowledged.key)
    return finding(RadarState.OPEN, message.sent_at)


def _offer_finding(
    message: RadarMessage, offer: str, later: Sequence[RadarMessage]
) -> RadarFinding:
    def finding(state: RadarState, at: datetime, key: str = "") -> RadarFinding:
        return RadarFinding(
            message.key, RadarKind.OFFER, _whose(message.direction), offer, message.sent_at,
            state, at, key,
        )  # fmt: skip

    taken_up: RadarMessage | None = None
    for reply in later:
        if taken_up is None:
            if reply.direction == _other(message.direction) and reply.sentence(RadarKind.ASK):
                taken_up = reply
        elif reply.direction == message.direction:
            return finding(RadarState.KEPT, reply.sent_at, reply.key)
    if taken_up is not None:
        return finding(RadarState.TAKEN_UP, taken_up.sent_at, taken_up.key)
    return finding(RadarState.OPEN, message.sent_at)


def is_silence(
    *, whose: str, state: str, opened_at: datetime, window_days: int, now: datetime
) -> bool:
    """True for your ask still open once its reply window has passed."""
    return (
        whose == MINE and state == RadarState.OPEN and now > opened_at + timedelta(days=window_days)
    )


def is_waiting_on_you(*, whose: str, state: str, kind: str) -> bool:
    """True for their ask that you have neither answered nor acknowledged."""
    return whose == THEIRS and kind == RadarKind.ASK and state == RadarState.OPEN


def waiting_age_days(opened_at: datetime, now: datetime) -> int:
    """Whole days an item has waited, never below zero."""
    return max(0, (now - opened_at).days)
