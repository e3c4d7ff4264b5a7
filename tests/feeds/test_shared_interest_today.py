"""Today's reason "a shared interest": a drifting contact's interests met in the user's own
recent posts (polled from a real feed on loopback) or in what they shared lately."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.feeds import services as feeds
from goodwill.feeds.models import Feed
from goodwill.feeds.polling import feed_poll
from goodwill.network import services
from goodwill.network.models import Contact
from goodwill.rhythm.agenda import today_agenda
from tests.feeds.server import Route, serving


def _drifter(owner: User, name: str, interests: str) -> Contact:
    contact = services.contact_create(
        owner=owner, full_name=name, created_at=timezone.now() - timedelta(days=400)
    )
    feeds.sharing_profile_set(contact=contact, interests=interests, no_articles=False)
    return contact


def _why_now(owner: User) -> dict[str, tuple[str, ...]]:
    items = today_agenda(owner=owner, show_all=True).section("drifting").items
    return {item.contact_name: item.why_now for item in items}


def _shared(reasons: tuple[str, ...]) -> list[str]:
    return [reason for reason in reasons if reason.startswith("A shared interest")]


def test_an_interest_met_in_a_recent_share_is_a_reason_and_others_get_none(
    owner: User, lori: Contact
) -> None:
    _drifter(owner, "Sam Okafor", "pottery, solar energy")
    _drifter(owner, "Kim Lee", "knitting")
    feeds.article_share(
        owner=owner,
        contact=lori,
        url="https://news.example/solar",
        title="Why solar got cheap",
        note="The energy part made me think of you",
    )

    why = _why_now(owner)

    assert _shared(why["Sam Okafor"]) == [
        "A shared interest: solar energy (you shared “Why solar got cheap”, "
        f"{timezone.localdate().day} {timezone.localdate():%b})."
    ]
    assert _shared(why["Kim Lee"]) == []


def test_a_share_older_than_the_window_says_nothing(owner: User, lori: Contact) -> None:
    _drifter(owner, "Sam Okafor", "solar energy")
    services.share_send(
        contact=lori,
        url="https://news.example/solar",
        title="Solar energy in 2020",
        shared_at=timezone.now() - timedelta(days=200),
    )

    assert _shared(_why_now(owner)["Sam Okafor"]) == []


def test_an_interest_met_in_the_users_own_recent_post_is_a_reason(owner: User) -> None:
    _drifter(owner, "Kim Lee", "knitting, open source")
    published = timezone.now() - timedelta(days=5)
    old = timezone.now() - timedelta(days=300)
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>My blog</title><link>https://me.example/</link>"
        "<item><guid>yarn</guid><title>A winter project</title><link>https://me.example/yarn</link>"
        "<description>&lt;p&gt;Notes on &lt;b&gt;knitting&lt;/b&gt; a sweater&lt;/p&gt;"
        "</description>"
        f"<pubDate>{format_datetime(published)}</pubDate></item>"
        "<item><guid>oss</guid><title>Open source funding</title><link>https://me.example/oss</link>"
        f"<description>Old news</description><pubDate>{format_datetime(old)}</pubDate></item>"
        "</channel></rss>"
    ).encode()
    with serving({"/feed": Route(body)}) as server:
        feed = feeds.feed_follow(owner=owner, url=server.url("/feed"), role=Feed.Role.OWN)
        assert feed_poll(feed).new_articles == 2

    [reason] = _shared(_why_now(owner)["Kim Lee"])

    local = timezone.localtime(published)
    assert reason == (
        f"A shared interest: knitting (your post “A winter project”, {local.day} {local:%b})."
    )


def test_another_accounts_posts_and_shares_are_never_read(
    owner: User, stranger: User, lori: Contact
) -> None:
    _drifter(owner, "Sam Okafor", "solar energy")
    theirs = services.contact_create(owner=stranger, full_name="Their contact")
    feeds.article_share(
        owner=stranger, contact=theirs, url="https://news.example/solar", title="Solar energy"
    )

    assert _shared(_why_now(owner)["Sam Okafor"]) == []
