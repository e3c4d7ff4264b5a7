"""Reading feeds: RSS and Atom into plain records, and every kind of bad input as a problem."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from goodwill.sources.feeds import item_key, parse_feed
from tests.feeds.server import rss

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lori writes</title>
  <link href="https://lori.example/"/>
  <entry>
    <id>tag:lori.example,2026:variable-fonts</id>
    <title>Variable fonts for &lt;brands&gt;</title>
    <link href="/posts/variable-fonts"/>
    <updated>2026-11-01T09:30:00Z</updated>
    <summary type="html">&lt;p&gt;One file, &lt;b&gt;every&lt;/b&gt; weight.&lt;/p&gt;
      &lt;script&gt;alert(1)&lt;/script&gt;</summary>
  </entry>
</feed>
"""

FIXTURES = Path(__file__).parents[2] / ".." / "shared" / "data" / "fixtures" / "feedparser"


def test_an_rss_feed_becomes_entries_with_plain_text_and_dates() -> None:
    data = rss(
        "Sam's site notes", [("elm-street", "Elm Street is done", "<p>Passive &amp; warm</p>")]
    )

    feed = parse_feed(data, url="https://sam.example/feed.xml")

    assert feed.problem == ""
    assert feed.title == "Sam's site notes"
    [entry] = feed.entries
    # An RSS guid is a permalink unless it says otherwise, so feedparser makes it absolute.
    assert entry.key == "https://sam.example/elm-street"
    assert entry.title == "Elm Street is done"
    assert entry.summary == "Passive & warm"
    assert entry.url == "https://blog.example/elm-street"
    assert entry.published == datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def test_an_atom_feed_resolves_relative_links_and_drops_markup_and_scripts() -> None:
    feed = parse_feed(ATOM, url="https://lori.example/atom.xml")

    [entry] = feed.entries
    assert entry.url == "https://lori.example/posts/variable-fonts"
    assert entry.title == "Variable fonts for <brands>"
    assert entry.summary == "One file, every weight."
    assert entry.key == "tag:lori.example,2026:variable-fonts"
    assert feed.site_url == "https://lori.example/"


def test_an_item_without_a_guid_is_keyed_by_its_link_and_repeats_are_kept_once() -> None:
    data = (
        b'<rss version="2.0"><channel><title>T</title>'
        b"<item><title>A</title><link>https://x.example/a</link></item>"
        b"<item><title>A again</title><link>https://x.example/a</link></item>"
        b"</channel></rss>"
    )

    feed = parse_feed(data)

    assert [e.key for e in feed.entries] == ["https://x.example/a"]


def test_a_web_page_is_not_a_feed_and_says_so() -> None:
    page = b"<!doctype html><html><head><title>Lori</title></head><body>Hi</body></html>"

    feed = parse_feed(page, url="https://lori.example/", content_type="text/html")

    assert feed.problem == "this address is a web page, not a feed"
    assert feed.is_html
    assert feed.entries == ()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the feed is empty"),
        (b"   \n", "the feed is empty"),
        (b"just some words, no markup at all", "not"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not"),
        (b'{"version": "https://jsonfeed.org/version/1"}', "not"),
    ],
)
def test_bytes_that_are_not_a_feed_give_a_problem_not_an_exception(
    data: bytes, problem: str
) -> None:
    feed = parse_feed(data)

    assert problem in feed.problem
    assert feed.entries == ()


def test_a_feed_in_a_wrong_declared_charset_is_still_read() -> None:
    # Says UTF-8 but is Latin-1: the é is a lone byte no UTF-8 reader accepts.
    data = rss("Café notes", [("1", "Crème brûlée", "Déjà vu")]).replace(
        "Crème brûlée".encode(), "Crème brûlée".encode("latin-1")
    )

    feed = parse_feed(data, content_type="application/rss+xml; charset=utf-8")

    assert feed.problem == ""
    [entry] = feed.entries
    assert entry.title == "Crème brûlée"
    assert feed.warning.startswith("the declared charset was wrong")


def test_a_truncated_feed_keeps_the_items_before_the_damage() -> None:
    data = rss("T", [("1", "First", "one"), ("2", "Second", "two")])[:-40]

    feed = parse_feed(data)

    assert [e.title for e in feed.entries][:1] == ["First"]
    assert feed.problem == ""


def test_a_very_long_summary_is_clipped_at_a_word() -> None:
    data = rss("T", [("1", "Long", "word " * 3000)])

    [entry] = parse_feed(data).entries

    assert len(entry.summary) <= 2000
    assert entry.summary.endswith("word…")


@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"no shared feedparser fixtures at {FIXTURES}")
def test_no_feed_from_feedparsers_own_test_suite_makes_the_reader_raise() -> None:
    files = sorted(path for path in FIXTURES.rglob("*") if path.is_file())
    assert len(files) > 500

    read = [parse_feed(path.read_bytes(), url="https://fixture.example/feed") for path in files]

    assert sum(1 for feed in read if feed.entries) > 100
    assert all(not (feed.problem and feed.entries) for feed in read)


@pytest.mark.parametrize(
    "url",
    [
        "https://lori.example/posts/fonts",
        "http://www.lori.example/posts/fonts/",
        "https://Lori.Example/posts/fonts#comments",
        "https://lori.example/posts/fonts?utm_source=rss&utm_medium=feed",
    ],
)
def test_one_item_has_one_key_however_its_address_is_written(url: str) -> None:
    assert item_key(url) == "lori.example/posts/fonts"


def test_a_real_query_and_a_port_are_part_of_the_key() -> None:
    assert item_key("http://127.0.0.1:8001/post?id=7&utm_x=1") == "127.0.0.1:8001/post?id=7"
