"""Finding a contact's feed from their website's <link rel="alternate">."""

from __future__ import annotations

from goodwill.sources.feed_discovery import discover_feeds


def test_the_feeds_a_page_announces_are_found_as_absolute_urls_atom_first() -> None:
    page = """<html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="Posts (RSS)" href="/feed.xml">
      <link rel="alternate" type="application/atom+xml" title="Posts" href="atom.xml">
      <link rel="alternate" hreflang="de" href="/de/">
    </head><body></body></html>"""

    feeds = discover_feeds(page, page_url="https://lori.example/blog/")

    assert [f.url for f in feeds] == [
        "https://lori.example/blog/atom.xml",
        "https://lori.example/feed.xml",
    ]
    assert feeds[0].title == "Posts"


def test_comment_feeds_and_non_web_links_are_left_out() -> None:
    page = """<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/c.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <LINK REL="Alternate" TYPE="application/rss+xml" HREF="/posts.rss">"""

    feeds = discover_feeds(page, page_url="https://sam.example/")

    assert [f.url for f in feeds] == ["https://sam.example/posts.rss"]


def test_a_base_element_moves_relative_links() -> None:
    page = """<base href="https://cdn.example/site/">
      <link rel="alternate" type="application/atom+xml" href="feed.atom">"""

    assert discover_feeds(page, page_url="https://sam.example/")[0].url == (
        "https://cdn.example/site/feed.atom"
    )


def test_a_page_without_feed_links_or_with_broken_markup_finds_nothing() -> None:
    assert (
        discover_feeds("<html><body>No feed here</body></html>", page_url="https://x.example/")
        == []
    )
    assert discover_feeds("<<<!><link rel=", page_url="https://x.example/") == []
