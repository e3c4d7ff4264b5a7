"""Polling followed feeds from a real server on loopback: new articles once, conditional
requests, back-off, and a bad feed that never stops the others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from goodwill.feeds import services
from goodwill.feeds.models import Article, Feed
from goodwill.feeds.polling import backoff, feed_poll, feeds_due, feeds_poll
from goodwill.network.models import Contact, Handle
from tests.feeds.server import Route, rss, serving

FONTS = rss("Lori writes", [("fonts", "Variable fonts", "One file, every weight")])


def test_a_first_poll_stores_the_articles_and_a_second_stores_nothing_new(owner: User) -> None:
    with serving({"/feed": Route(FONTS)}) as server:
        feed = services.feed_follow(owner=owner, url=server.url("/feed"))

        first = feed_poll(feed)
        second = feed_poll(feed)

    assert (first.new_articles, second.new_articles) == (1, 0)
    article = Article.objects.get(feed=feed)
    assert article.title == "Variable fonts"
    assert article.owner == owner
    feed.refresh_from_db()
    assert feed.title == "Lori writes"
    assert feed.last_error == ""


def test_the_next_poll_sends_the_validators_and_a_304_costs_nothing(owner: User) -> None:
    route = Route(FONTS, etag='"v1"', last_modified="Mon, 02 Nov 2026 10:00:00 GMT")
    with serving({"/feed": route}) as server:
        feed = services.feed_follow(owner=owner, url=server.url("/feed"))
        feed_poll(feed)
        result = feed_poll(feed)
        second_request = server.requests_to("/feed")[1]

    assert result.not_modified
    assert second_request["if-none-match"] == '"v1"'
    assert second_request["if-modified-since"] == "Mon, 02 Nov 2026 10:00:00 GMT"


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (
            Route(b"<html><body>My blog</body></html>", content_type="text/html"),
            "this address is a web page, not a feed, and it links to no feed",
        ),
        (Route(b"{not: xml}", content_type="application/json"), "this is not a feed"),
        (Route(b"", status=500), "the server answered 500 Internal Server Error"),
        (Route(FONTS, delay=1.5), "the server did not answer within 0.5 s"),
    ],
    ids=["web-page", "not-xml", "server-error", "timeout"],
)
def test_a_bad_feed_keeps_its_error_in_words_and_the_others_are_still_read(
    owner: User, route: Route, error: str
) -> None:
    with serving({"/bad": route, "/good": Route(FONTS)}) as server:
        bad = services.feed_follow(owner=owner, url=server.url("/bad"))
        good = services.feed_follow(owner=owner, url=server.url("/good"))

        results = feeds_poll([bad, good], timeout=0.5)

    bad.refresh_from_db()
    assert bad.last_error.startswith(error)
    assert bad.failures == 1
    assert results[0].error == bad.last_error
    assert Article.objects.filter(feed=good).count() == 1


def test_a_web_page_that_links_its_feed_says_where_the_feed_is(owner: User) -> None:
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>'
    )
    with serving({"/": Route(page, content_type="text/html")}) as server:
        feed = services.feed_follow(owner=owner, url=server.url("/"))
        result = feed_poll(feed)

    assert result.error.endswith(
        f"it links to a feed at {server.url('/feed')}: follow that instead"
    )


def test_failures_back_off_and_a_success_clears_the_error(owner: User) -> None:
    now = timezone.now()
    with serving({"/feed": Route(b"", status=503)}) as server:
        feed = services.feed_follow(owner=owner, url=server.url("/feed"))
        feed_poll(feed, now=now)
        feed_poll(feed, now=now)
        feed.refresh_from_db()
        assert feed.failures == 2
        assert feed.next_poll_at == now + backoff(2)
        assert feeds_due(owner=owner, now=now + timedelta(hours=1)) == []

        server.routes["/feed"] = Route(FONTS)
        feed_poll(feed, now=now)

    feed.refresh_from_db()
    assert (feed.failures, feed.last_error) == (0, "")
    assert feed.last_error_at is not None
    assert backoff(1) == timedelta(hours=2)
    assert backoff(30) == timedelta(hours=24)


def test_a_wrong_charset_is_read_and_noted_on_the_feed(owner: User) -> None:
    latin = rss("Café", [("1", "Crème", "ok")]).replace("Crème".encode(), "Crème".encode("latin-1"))
    with serving({"/feed": Route(latin)}) as server:
        feed = services.feed_follow(owner=owner, url=server.url("/feed"))
        feed_poll(feed)

    feed.refresh_from_db()
    assert Article.objects.get(feed=feed).title == "Crème"
    assert "charset" in feed.last_warning
    assert feed.last_error == ""


def test_following_a_contacts_feed_adds_a_feed_handle_to_them(owner: User, lori: Contact) -> None:
    feed = services.feed_follow(owner=owner, url="https://lori.example/atom.xml", contact=lori)

    assert feed.role == Feed.Role.CONTACT
    assert lori.handles.filter(kind=Handle.Kind.FEED, normalized="lori.example/atom.xml").exists()


def test_a_contact_of_another_account_cannot_be_given_a_feed(stranger: User, lori: Contact) -> None:
    with pytest.raises(ValidationError):
        services.feed_follow(owner=stranger, url="https://lori.example/atom.xml", contact=lori)

    assert not Feed.objects.exists()


def test_following_the_same_feed_twice_keeps_one(owner: User) -> None:
    services.feed_follow(owner=owner, url="https://news.example/feed")
    services.feed_follow(owner=owner, url=" https://news.example/feed ")

    assert Feed.objects.filter(owner=owner).count() == 1


def test_an_address_that_is_not_on_the_web_is_refused(owner: User) -> None:
    with pytest.raises(ValidationError, match="is not a web address"):
        services.feed_follow(owner=owner, url="file:///etc/passwd")
