"""A shared interest as a reason to write now: a topic the contact cares about (their interests,
as the user wrote them down) that the user wrote or shared about lately.

Goodwill has no list of the user's own interests; what the user posted on their own blog and
what they shared with people lately says it better than a form would. A contact's interest is
shared when every word of it (stemmed, so "batteries" meets "battery") is in one recent post or
share of the user's, title and text together. The reason names the interest and the post or
share it was seen in, the most recent one first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from goodwill.insight.terms import terms

# Posts and shares older than this say little about what the user cares about now.
RECENT_DAYS = 90


@dataclass(frozen=True)
class UserWriting:
    """Something the user wrote or shared lately: one of their own posts, or a share."""

    kind: str  # "post" or "share"
    title: str
    text: str
    # In the user's time zone: the reason names its day.
    at: datetime


@dataclass(frozen=True)
class SharedInterest:
    interest: str
    seen_in: UserWriting


def interest_terms(interest: str) -> frozenset[str]:
    return frozenset(term for term, _ in terms(interest))


def index_writings(writings: Iterable[UserWriting]) -> list[tuple[UserWriting, frozenset[str]]]:
    """Each writing with its terms, newest first, read once for every contact."""
    ordered = sorted(writings, key=lambda writing: writing.at, reverse=True)
    return [
        (writing, frozenset(term for term, _ in terms(f"{writing.title}\n{writing.text}")))
        for writing in ordered
    ]


def shared_interest(
    interests: Sequence[str], writings: Sequence[tuple[UserWriting, frozenset[str]]]
) -> SharedInterest | None:
    """The contact's interest the user wrote or shared about most recently, if any.

    `writings` come from index_writings (newest first). Among interests met in the same
    writing, the one the contact listed first wins.
    """
    wanted = [(interest, interest_terms(interest)) for interest in interests]
    wanted = [(interest, needed) for interest, needed in wanted if needed]
    if not wanted:
        return None
    for writing, present in writings:
        for interest, needed in wanted:
            if needed <= present:
                return SharedInterest(interest=interest, seen_in=writing)
    return None


def shared_interest_reason(found: SharedInterest, *, now: datetime) -> str:
    """One sentence: 'A shared interest: solar energy (your post “Grid storage”, 12 Nov).'"""
    writing = found.seen_in
    title = " ".join(writing.title.split())
    if len(title) > 80:
        title = title[:79].rstrip() + "…"
    when = f"{writing.at.day} {writing.at:%b}"
    if writing.at.year != now.year:
        when += f" {writing.at.year}"
    where = "your post" if writing.kind == "post" else "you shared"
    quoted = f" “{title}”" if title else ""
    return f"A shared interest: {found.interest} ({where}{quoted}, {when})."
