"""Publishing without broadcasting: a personal note for each contact a new post of yours suits,
and a count of how widely you have been sending your own posts, with a warning when it becomes
a broadcast.

What counts as a broadcast (also in docs/sharing.md): within the last 90 days,
- one of your posts sent to more than 8 people (a handful of personal shares is fine; a list is
  a mailing), or
- the same contact sent 3 or more of your own posts (every post to the same people is the
  connection who mails everyone each time he publishes).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW_DAYS = 90
MAX_PEOPLE_PER_POST = 8
MAX_POSTS_PER_CONTACT = 3


@dataclass(frozen=True)
class OwnPostShare:
    """One of the user's own posts sent to one contact."""

    post_key: str
    contact_id: int
    contact_name: str
    shared_at: datetime


@dataclass(frozen=True)
class BroadcastReport:
    """How widely the user's own posts went out in the window, and what crossed the line."""

    window_days: int
    posts: int
    people: int
    shares: int
    people_for_post: int
    warnings: tuple[str, ...]

    @property
    def is_broadcast(self) -> bool:
        return bool(self.warnings)

    @property
    def summary(self) -> str:
        """One sentence: "In the last 90 days you sent 3 of your posts to 7 people."."""
        if not self.shares:
            return f"You have not sent any of your own posts in the last {self.window_days} days."
        posts = _count(self.posts, "of your posts", "of your posts")
        return (
            f"In the last {self.window_days} days you sent {posts} "
            f"to {_count(self.people, 'person', 'people')}."
        )


def broadcast_report(
    shares: Iterable[OwnPostShare],
    *,
    now: datetime,
    post_key: str = "",
    adding: Sequence[tuple[int, str]] = (),
) -> BroadcastReport:
    """The report for the shares in the window; with `post_key` and `adding` (contact id and
    name of the shares about to be made), the warnings say what those shares would cross."""
    since = now - timedelta(days=WINDOW_DAYS)
    recent = [share for share in shares if share.shared_at >= since]
    recent += [OwnPostShare(post_key, cid, name, now) for cid, name in adding]
    people_by_post: defaultdict[str, set[int]] = defaultdict(set)
    posts_by_contact: Counter[int] = Counter()
    names: dict[int, str] = {}
    seen: set[tuple[str, int]] = set()
    for share in recent:
        if (share.post_key, share.contact_id) in seen:
            continue
        seen.add((share.post_key, share.contact_id))
        people_by_post[share.post_key].add(share.contact_id)
        posts_by_contact[share.contact_id] += 1
        names[share.contact_id] = share.contact_name
    warnings: list[str] = []
    for key, people in people_by_post.items():
        if len(people) > MAX_PEOPLE_PER_POST and (not post_key or key == post_key):
            which = "This post" if key == post_key else "One of your posts"
            warnings.append(
                f"{which} would go to {len(people)} people: more than {MAX_PEOPLE_PER_POST} "
                "is a broadcast, not a personal share. Pick the few it really suits."
            )
    for contact_id, count in posts_by_contact.most_common():
        if count < MAX_POSTS_PER_CONTACT:
            break
        if adding and contact_id not in {cid for cid, _ in adding}:
            continue
        warnings.append(
            f"{names[contact_id]} would have {count} of your own posts in {WINDOW_DAYS} days: "
            "send them something that is not yours first."
        )
    return BroadcastReport(
        window_days=WINDOW_DAYS,
        posts=len(people_by_post),
        people=len(posts_by_contact),
        shares=len(seen),
        people_for_post=len(people_by_post.get(post_key, ())),
        warnings=tuple(warnings),
    )


def draft_note(*, contact_name: str, post_title: str, matched_words: Sequence[str]) -> str:
    """A short personal note to send with one of the user's own posts, saying why this contact
    in particular might care, for the user to rewrite in their own words."""
    first_name = contact_name.split()[0] if contact_name.split() else contact_name
    topic = _listing(list(matched_words)[:2])
    because = f" You care about {topic}, so I thought of you." if topic else ""
    return (
        f"Hi {first_name}, I just wrote “{post_title}”.{because} "
        "I would love to hear what you think, and no need to reply if you are busy."
    )


def _listing(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
