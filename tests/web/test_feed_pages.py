"""The Feeds page: following feeds (or a contact's blog), each feed's last error, polling now,
unfollowing, and OPML in and out."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from goodwill.feeds import services as feed_services
from goodwill.feeds.models import Article, Feed
from goodwill.feeds.polling import feed_poll
from goodwill.network.models import Contact
from goodwill.sources.opml import parse_opml
from tests.feeds.server import Route, rss, serving

FEED = rss("Lori writes", [("fonts", "Variable fonts", "One file")])


def test_following_a_feed_from_the_page(owner_client: Client, owner: User) -> None:
    with serving({"/feed": Route(FEED)}) as server:
        response = owner_client.post(
            reverse("feed_list"), {"url": server.url("/feed"), "role": "own"}, follow=True
        )

    assert "Following Lori writes." in response.content.decode()
    assert Feed.objects.get(owner=owner).role == Feed.Role.OWN


def test_an_address_that_is_no_feed_is_refused_on_the_form(owner_client: Client) -> None:
    page = Route(b"<html><body>Nothing</body></html>", content_type="text/html")
    with serving({"/": page}) as server:
        response = owner_client.post(
            reverse("feed_list"), {"url": server.url("/"), "role": "reading"}
        )

    assert response.status_code == 422
    assert "is a web page that announces no feed" in response.content.decode()
    assert not Feed.objects.exists()


def test_each_feed_shows_its_last_error_and_polling_again_clears_it(
    owner_client: Client, owner: User
) -> None:
    with serving({"/feed": Route(b"", status=500)}) as server:
        feed = feed_services.feed_follow(owner=owner, url=server.url("/feed"))
        feed_poll(feed)
        page = owner_client.get(reverse("feed_list")).content.decode()

        server.routes["/feed"] = Route(FEED)
        polled = owner_client.post(reverse("feed_poll_now", args=[feed.pk]), follow=True)

    assert "Last error" in page
    assert "the server answered 500 Internal Server Error" in page
    after = polled.content.decode()
    assert "Lori writes: 1 new." in after
    assert "Last error" not in after


def test_unfollowing_removes_the_feed_and_its_articles(owner_client: Client, owner: User) -> None:
    with serving({"/feed": Route(FEED)}) as server:
        feed = feed_services.feed_follow(owner=owner, url=server.url("/feed"))
        feed_poll(feed)

    owner_client.post(reverse("feed_remove", args=[feed.pk]))

    assert not Feed.objects.exists()
    assert not Article.objects.exists()


def test_a_contacts_blog_is_followed_from_their_website(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    site = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    )
    with serving({"/": Route(site, content_type="text/html"), "/rss": Route(FEED)}) as server:
        owner_client.post(reverse("contact_feed_add", args=[lori.pk]), {"url": server.url("/")})

    feed = Feed.objects.get(owner=owner)
    assert (feed.url, feed.contact) == (server.url("/rss"), lori)


def test_the_opml_download_lists_every_feed_and_whose_it_is(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    feed_services.feed_follow(owner=owner, url="https://lori.example/feed", contact=lori)
    feed_services.feed_follow(owner=owner, url="https://me.example/feed", role="own")

    response = owner_client.get(reverse("feeds_opml"))

    assert response["Content-Type"] == "text/x-opml; charset=utf-8"
    listed = parse_opml(response.content, name="download")
    assert {(f.url, f.role, f.contact_name) for f in listed} == {
        ("https://lori.example/feed", "contact", "Lori Chen"),
        ("https://me.example/feed", "own", ""),
    }


def test_an_opml_upload_follows_its_feeds_and_a_bad_file_is_said_on_the_form(
    owner_client: Client, owner: User
) -> None:
    good = SimpleUploadedFile(
        "reader.opml",
        b'<opml version="2.0"><body><outline xmlUrl="https://news.example/rss" text="News"/>'
        b"</body></opml>",
    )
    bad = SimpleUploadedFile("notes.opml", b"<notes>hello</notes>")

    owner_client.post(reverse("feeds_opml"), {"file": good})
    refused = owner_client.post(reverse("feeds_opml"), {"file": bad})

    assert Feed.objects.get(owner=owner).url == "https://news.example/rss"
    assert refused.status_code == 422
    assert "notes.opml: is not OPML: its root element is &lt;notes&gt;" in refused.content.decode()
