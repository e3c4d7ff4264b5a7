"""Finding a feed from a website: the `<link rel="alternate">` a page announces its feed with."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

# Feed types in the order we prefer them: Atom and RSS carry dates and guids; RDF is older.
FEED_TYPES = (
    "application/atom+xml",
    "application/rss+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True)
class DiscoveredFeed:
    """A feed a page links to, with the title the page gave it."""

    url: str
    title: str
    type: str


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.base = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "base" and values.get("href") and not self.base:
            self.base = values["href"]
        elif tag == "link":
            self.links.append(values)

    handle_startendtag = handle_starttag


def discover_feeds(markup: str, *, page_url: str) -> list[DiscoveredFeed]:
    """The feeds an HTML page announces, best first (Atom, then RSS), as absolute URLs.

    Comment feeds are left out: a blog's "comments on this post" feed is not its posts.
    """
    parser = _LinkParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):
        pass  # keep the links read before the damage
    base = urljoin(page_url, parser.base) if parser.base else page_url
    found: list[DiscoveredFeed] = []
    seen: set[str] = set()
    for link in parser.links:
        rels = link.get("rel", "").lower().split()
        kind = link.get("type", "").lower().split(";")[0].strip()
        href = link.get("href", "")
        if "alternate" not in rels or kind not in FEED_TYPES or not href:
            continue
        title = " ".join(link.get("title", "").split())
        if "comment" in title.lower() or "/comments/" in href.lower():
            continue
        url = urljoin(base, href)
        if not url.lower().startswith(("http://", "https://")) or url in seen:
            continue
        seen.add(url)
        found.append(DiscoveredFeed(url=url, title=title, type=kind))
    found.sort(key=lambda feed: FEED_TYPES.index(feed.type))
    return found
