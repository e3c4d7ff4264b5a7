"""RSS and Atom: bytes in, a frozen ParsedFeed out, with a problem in words instead of an exception.

feedparser does the reading (every RSS version, RDF, Atom, wrong charsets, broken XML). This
module decides what counts as a feed, turns entries into plain records with plain-text
summaries, and never raises: a feed that cannot be read comes back with `problem` set, so one
bad feed never stops the others.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

import feedparser  # type: ignore[import-untyped]

from goodwill.sources.html_text import html_to_text

SUMMARY_LIMIT = 2000
TITLE_LIMIT = 300

# Bozo exceptions that still leave a usable feed: the charset was wrong or undeclared and
# feedparser read it in another, or the server said text/plain. Anything else with no entries
# is a feed we could not read.
_HARMLESS_BOZO = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, as plain text, with a stable key for storing it once."""

    key: str
    url: str
    title: str
    summary: str
    author: str
    published: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed said about itself and its items, or the problem that kept us from reading it."""

    title: str
    site_url: str
    entries: tuple[FeedEntry, ...]
    problem: str = ""
    # True when the bytes were a web page rather than a feed: worth looking for a feed link in it.
    is_html: bool = False
    # A note on something that was wrong but did not stop the reading, e.g. a wrong charset.
    warning: str = ""


def parse_feed(data: bytes, *, url: str = "", content_type: str = "") -> ParsedFeed:
    """Read RSS or Atom bytes fetched from `url` (for relative links) with the server's
    Content-Type; a page that is not a feed comes back with `problem` saying so."""
    if not data.strip():
        return _unreadable("the feed is empty")
    headers = {"content-location": url} if url else {}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser's own bugs must not stop the other feeds
        return _unreadable(f"the feed could not be read ({type(exc).__name__}: {exc})")
    looks_like_html = bool(_HTML_START.match(data[:4096]))
    entries = tuple(_entries(parsed.get("entries", []), base_url=url))
    version = parsed.get("version", "")
    exception = parsed.get("bozo_exception")
    if not version and not entries:
        if looks_like_html:
            return ParsedFeed(
                title="",
                site_url=url,
                entries=(),
                problem="this address is a web page, not a feed",
                is_html=True,
            )
        if exception is not None:
            return _unreadable(f"this is not a feed: {_describe(exception)}")
        return _unreadable("this is not an RSS or Atom feed")
    feed = parsed.get("feed", {})
    warning = ""
    if exception is not None:
        warning = _describe(exception)
        if not entries and not isinstance(exception, _HARMLESS_BOZO):
            return _unreadable(f"the feed is damaged: {warning}")
    return ParsedFeed(
        title=_clip(_text(feed, "title"), TITLE_LIMIT),
        site_url=_absolute(str(feed.get("link", "")), url),
        entries=entries,
        warning=warning,
    )


def _unreadable(problem: str) -> ParsedFeed:
    return ParsedFeed(title="", site_url="", entries=(), problem=problem)


def _describe(exception: object) -> str:
    text = " ".join(str(exception).split()) or type(exception).__name__
    if isinstance(exception, feedparser.CharacterEncodingOverride):
        return f"the declared charset was wrong, read it another way ({text})"
    return text


def _entries(raw_entries: list[Any], *, base_url: str) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in raw_entries:
        entry = _entry(raw, base_url=base_url)
        if entry is None or entry.key in seen:
            continue
        seen.add(entry.key)
        entries.append(entry)
    return entries


def _entry(raw: Any, *, base_url: str) -> FeedEntry | None:
    link = _absolute(str(raw.get("link", "") or ""), base_url)
    title = _clip(_text(raw, "title"), TITLE_LIMIT)
    summary = _entry_text(raw)
    if not (link or title or summary):
        return None
    guid = str(raw.get("id", "") or "").strip()
    return FeedEntry(
        key=_entry_key(guid, link, title, summary),
        url=link,
        title=title or _clip(summary, 80) or link,
        summary=_clip(summary, SUMMARY_LIMIT),
        author=_clip(_text(raw, "author"), 200),
        published=_published(raw),
    )


def _entry_text(raw: Any) -> str:
    # The summary is usually enough to tell what a post is about; the full content when there
    # is no summary (some Atom feeds carry only content).
    summary = _text(raw, "summary")
    if not summary:
        contents = raw.get("content") or []
        summary = " ".join(
            html_to_text(str(part.get("value", "")))
            if "html" in str(part.get("type", "html"))
            else str(part.get("value", ""))
            for part in contents
            if part
        )
    return summary


def _text(raw: Any, name: str) -> str:
    """A text construct as plain text: markup removed only when the feed says it is HTML."""
    value = str(raw.get(name, "") or "")
    detail = raw.get(f"{name}_detail") or {}
    if "html" in str(detail.get("type", "text/html")):
        return html_to_text(value)
    return " ".join(value.split())


def _entry_key(guid: str, link: str, title: str, summary: str) -> str:
    # Feeds that change an item's link (tracking parameters) usually keep its guid, so the
    # guid wins; without one, the link; without either, the text itself.
    if guid:
        key = guid
    elif link:
        key = link
    else:
        key = "text:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    if len(key) > 500:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def _published(raw: Any) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(field)
        if isinstance(value, time.struct_time):
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _absolute(link: str, base_url: str) -> str:
    link = link.strip()
    if not link:
        return ""
    if base_url:
        try:
            link = urljoin(base_url, link)
        except ValueError:
            return ""
    if not link.lower().startswith(("http://", "https://")):
        return ""
    return link[:1000]


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


_TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref")


def item_key(url: str) -> str:
    """One key per item however its address was written: the scheme, "www.", a trailing slash,
    the #fragment and tracking parameters (utm_…) make no difference. Not a web address: as is."""
    text = url.strip()
    try:
        parts = urlsplit(text if "://" in text else f"https://{text}")
    except ValueError:
        return text
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return text
    port = f":{parts.port}" if _port(parts) else ""
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not pair.lower().startswith(_TRACKING_PARAMETERS)
    )
    path = parts.path.rstrip("/")
    return f"{host}{port}{path}" + (f"?{query}" if query else "")


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None
