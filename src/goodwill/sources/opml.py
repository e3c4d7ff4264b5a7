"""OPML, the list of feeds every feed reader imports and exports.

Reading keeps every outline with an xmlUrl, at any depth (readers nest feeds in folders);
writing produces a document other readers accept. Goodwill's own attributes (whose blog a feed
is, whether it is the user's own) ride along as extra attributes, which other readers ignore.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from goodwill.sources.errors import SourceError

# Extra attributes on an outline, so an export read back restores who a feed belongs to.
CONTACT_ATTRIBUTE = "goodwillContact"
ROLE_ATTRIBUTE = "goodwillRole"


@dataclass(frozen=True)
class OpmlFeed:
    """One feed of an OPML list: its address, its title, and what Goodwill knew of it."""

    url: str
    title: str
    site_url: str = ""
    role: str = ""
    contact_name: str = ""


def parse_opml(data: bytes, *, name: str) -> list[OpmlFeed]:
    """Every feed outline in an OPML document, in document order, each address once.

    SourceError (naming the file) when the bytes are not an OPML document at all.
    """
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise SourceError(name, f"line {line}, column {column}", f"is not XML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise SourceError(name, "", f"is not OPML: its root element is <{root.tag}>")
    body = root.find("body")
    if body is None:
        raise SourceError(name, "", "is not OPML: it has no <body>")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in body.iter("outline"):
        url = _attribute(outline, "xmlUrl")
        if not url or url in seen:
            continue
        seen.add(url)
        feeds.append(
            OpmlFeed(
                url=url,
                title=_attribute(outline, "title") or _attribute(outline, "text"),
                site_url=_attribute(outline, "htmlUrl"),
                role=_attribute(outline, ROLE_ATTRIBUTE),
                contact_name=_attribute(outline, CONTACT_ATTRIBUTE),
            )
        )
    return feeds


def _attribute(element: ElementTree.Element, wanted: str) -> str:
    # Readers in the wild write xmlurl and XMLURL as well as xmlUrl.
    for key, value in element.attrib.items():
        if key.lower() == wanted.lower():
            return " ".join(value.split())
    return ""


def opml_document(
    feeds: Iterable[OpmlFeed], *, title: str, created: datetime | None = None
) -> bytes:
    """An OPML 2.0 document listing the feeds, as UTF-8 bytes."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(
        created or datetime.now(tz=UTC)
    )
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = feed.title
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        if feed.role:
            attributes[ROLE_ATTRIBUTE] = feed.role
        if feed.contact_name:
            attributes[CONTACT_ATTRIBUTE] = feed.contact_name
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
