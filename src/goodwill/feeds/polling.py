"""Polling feeds: fetch the due ones side by side, then store what each one said, one by one.

Fetching and parsing run in threads (they wait on the network); the database writes run in the
calling thread. A feed that fails keeps its error in words on its page and is tried again later
and later (back-off), while the other feeds go on.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from goodwill.feeds.models import Article, Feed
from goodwill.network.services import Owner
from goodwill.sources.feed_discovery import discover_feeds
from goodwill.sources.feeds import ParsedFeed, parse_feed
from goodwill.sources.html_text import html_to_text
from goodwill.sources.http_fetch import DEFAULT_TIMEOUT, Fetched, FetchError, fetch

POLL_INTERVAL = timedelta(hours=1)
# Failed polls wait 2, 4, 8, 16 hours, then a day: a dead feed costs one request a day.
MAX_BACKOFF = timedelta(hours=24)
FETCH_THREADS = 8


@dataclass(frozen=True)
class PollResult:
    """What one poll of one feed did, for the CLI and the logs."""

    feed_id: int
    feed_name: str
    new_articles: int
    not_modified: bool
    error: str


@dataclass(frozen=True)
class _Fetch:
    fetched: Fetched | None
    parsed: ParsedFeed | None
    error: str


def backoff(failures: int) -> timedelta:
    """How long to wait after `failures` failed polls in a row."""
    if failures <= 0:
        return POLL_INTERVAL
    return min(MAX_BACKOFF, POLL_INTERVAL * 2 ** min(failures, 10))


def feeds_due(*, owner: Owner | None = None, now: datetime, force: bool = False) -> list[Feed]:
    """The feeds whose next poll has come (all of them with `force`), the longest waiting first."""
    feeds = Feed.objects.all() if owner is None else Feed.objects.filter(owner=owner)
    if not force:
        feeds = feeds.filter(Q(next_poll_at__lte=now))
    return list(feeds.order_by("next_poll_at", "pk"))


def feeds_poll(
    feeds: Iterable[Feed],
    *,
    now: datetime | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    threads: int = FETCH_THREADS,
) -> list[PollResult]:
    """Poll the feeds: fetch and parse side by side, store each answer; one result per feed."""
    feeds = list(feeds)
    if not feeds:
        return []
    with ThreadPoolExecutor(max_workers=min(threads, len(feeds))) as pool:
        fetches = list(pool.map(lambda feed: _fetch(feed, timeout), feeds))
    now = now or timezone.now()
    return [_store(feed, result, now) for feed, result in zip(feeds, fetches, strict=True)]


def feed_poll(
    feed: Feed, *, now: datetime | None = None, timeout: float = DEFAULT_TIMEOUT
) -> PollResult:
    """Poll one feed now, whatever its schedule."""
    return feeds_poll([feed], now=now, timeout=timeout)[0]


def _fetch(feed: Feed, timeout: float) -> _Fetch:
    try:
        fetched = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, timeout=timeout)
    except FetchError as exc:
        return _Fetch(None, None, str(exc))
    if fetched.not_modified:
        return _Fetch(fetched, None, "")
    parsed = parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
    if parsed.problem:
        return _Fetch(fetched, parsed, _problem_with_hint(parsed, fetched))
    return _Fetch(fetched, parsed, "")


def _problem_with_hint(parsed: ParsedFeed, fetched: Fetched) -> str:
    if not parsed.is_html:
        return parsed.problem
    text = fetched.body.decode("utf-8", errors="replace")
    found = discover_feeds(text, page_url=fetched.url)
    if found:
        return f"{parsed.problem}; it links to a feed at {found[0].url}: follow that instead"
    return f"{parsed.problem}, and it links to no feed"


def _store(feed: Feed, result: _Fetch, now: datetime) -> PollResult:
    feed.last_polled_at = now
    if result.error:
        feed.failures += 1
        feed.last_error = result.error
        feed.last_error_at = now
        feed.next_poll_at = now + backoff(feed.failures)
        feed.save(
            update_fields=[
                "last_polled_at",
                "failures",
                "last_error",
                "last_error_at",
                "next_poll_at",
            ]
        )
        return PollResult(feed.pk, feed.name, 0, False, result.error)
    assert result.fetched is not None
    feed.failures = 0
    feed.last_error = ""
    feed.last_success_at = now
    feed.next_poll_at = now + POLL_INTERVAL
    feed.etag = result.fetched.etag[:300]
    feed.last_modified = result.fetched.last_modified[:100]
    new = 0
    with transaction.atomic():
        if result.parsed is not None:
            feed.last_warning = result.parsed.warning
            if result.parsed.title and not feed.title:
                feed.title = result.parsed.title
            if result.parsed.site_url and not feed.site_url:
                feed.site_url = result.parsed.site_url
            new = _store_articles(feed, result.parsed, now)
        feed.save()
    return PollResult(feed.pk, feed.name, new, result.fetched.not_modified, "")


def _store_articles(feed: Feed, parsed: ParsedFeed, now: datetime) -> int:
    known = set(Article.objects.filter(feed=feed).values_list("key", flat=True))
    fresh = [
        Article(
            owner_id=feed.owner_id,
            feed=feed,
            key=entry.key,
            url=entry.url,
            title=entry.title[:300] or "(untitled)",
            summary=entry.summary,
            author=entry.author,
            published_at=entry.published,
            found_at=now,
        )
        for entry in parsed.entries
        if entry.key not in known
    ]
    # ignore_conflicts: a poll running at the same moment may have stored the same items.
    Article.objects.bulk_create(fresh, batch_size=500, ignore_conflicts=True)
    return len(fresh)


def plain_summary(article: Article, limit: int = 280) -> str:
    """The start of an article's summary, for lists."""
    text = html_to_text(article.summary)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
