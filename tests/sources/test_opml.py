"""OPML: the list of feeds other readers import and export."""

from __future__ import annotations

import pytest

from goodwill.sources.errors import SourceError
from goodwill.sources.opml import OpmlFeed, opml_document, parse_opml

READER_EXPORT = b"""<?xml version="1.0"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Design">
      <outline type="rss" text="Lori writes" xmlUrl="https://lori.example/atom.xml"
               htmlUrl="https://lori.example/"/>
      <outline text="Typo" XMLURL="https://typo.example/rss"/>
    </outline>
    <outline type="rss" title="News" text="ignored" xmlUrl="https://news.example/feed"/>
    <outline type="rss" text="Again" xmlUrl="https://news.example/feed"/>
    <outline text="A folder with no feeds"/>
  </body>
</opml>
"""


def test_every_feed_outline_is_read_at_any_depth_once() -> None:
    feeds = parse_opml(READER_EXPORT, name="subscriptions.opml")

    assert [(f.url, f.title) for f in feeds] == [
        ("https://lori.example/atom.xml", "Lori writes"),
        ("https://typo.example/rss", "Typo"),
        ("https://news.example/feed", "News"),
    ]
    assert feeds[0].site_url == "https://lori.example/"


def test_an_export_reads_back_with_whose_feed_it_is() -> None:
    feeds = [
        OpmlFeed(
            url="https://lori.example/atom.xml",
            title="Lori & co",
            role="contact",
            contact_name="Lori Chen",
        ),
        OpmlFeed(url="https://me.example/feed", title="", role="own"),
    ]

    document = opml_document(feeds, title="Goodwill feeds")

    assert parse_opml(document, name="export.opml") == [
        feeds[0],
        OpmlFeed(url="https://me.example/feed", title="https://me.example/feed", role="own"),
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"not xml at all", "notes.opml, line 1, column 0: is not XML"),
        (b"<rss><channel/></rss>", "notes.opml: is not OPML: its root element is <rss>"),
        (b"<opml><head/></opml>", "notes.opml: is not OPML: it has no <body>"),
    ],
)
def test_a_file_that_is_not_opml_is_refused_in_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(SourceError) as error:
        parse_opml(data, name="notes.opml")

    assert str(error.value).startswith(problem)
