"""Publishing without broadcasting: personal drafts, and the warning when sharing turns into a
mailing list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from goodwill.insight.own_posts import (
    MAX_PEOPLE_PER_POST,
    OwnPostShare,
    broadcast_report,
    draft_note,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _share(post: str, contact_id: int, days_ago: int = 1) -> OwnPostShare:
    return OwnPostShare(post, contact_id, f"Contact {contact_id}", NOW - timedelta(days=days_ago))


def test_a_few_personal_shares_are_not_a_broadcast() -> None:
    report = broadcast_report([_share("a", 1), _share("a", 2), _share("b", 3)], now=NOW)

    assert not report.is_broadcast
    assert (report.posts, report.people, report.shares) == (2, 3, 3)
    assert report.summary == "In the last 90 days you sent 2 of your posts to 3 people."


def test_one_post_to_more_than_the_limit_is_a_broadcast() -> None:
    shares = [_share("a", i) for i in range(MAX_PEOPLE_PER_POST)]

    assert not broadcast_report(shares, now=NOW).is_broadcast
    report = broadcast_report(shares, now=NOW, post_key="a", adding=[(99, "Zoe Adams")])

    assert report.is_broadcast
    assert report.people_for_post == MAX_PEOPLE_PER_POST + 1
    assert report.warnings[0].startswith("This post would go to 9 people")


def test_sending_the_same_contact_every_post_is_a_broadcast() -> None:
    shares = [_share("a", 7), _share("b", 7)]

    report = broadcast_report(shares, now=NOW, post_key="c", adding=[(7, "Lori Chen")])

    assert report.warnings == (
        "Lori Chen would have 3 of your own posts in 90 days: "
        "send them something that is not yours first.",
    )


def test_shares_older_than_the_window_do_not_count() -> None:
    shares = [_share("a", i, days_ago=120) for i in range(20)]

    report = broadcast_report(shares, now=NOW)

    assert not report.is_broadcast
    assert report.summary == "You have not sent any of your own posts in the last 90 days."


def test_a_draft_is_personal_and_says_why_this_contact() -> None:
    note = draft_note(
        contact_name="Diego Alvarez",
        post_title="Home batteries",
        matched_words=["solar", "batteries", "roofs"],
    )

    assert note.startswith("Hi Diego, I just wrote “Home batteries”.")
    assert "You care about solar and batteries, so I thought of you." in note
