"""Following a feed from whatever address the user has: the feed itself, or a website that
announces its feed with <link rel="alternate">."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from goodwill.feeds import services
from goodwill.feeds.models import Feed
from goodwill.network.models import Contact
from goodwill.network.services import Owner
from goodwill.sources.feed_discovery import discover_feeds
from goodwill.sources.feeds import parse_feed
from goodwill.sources.html_text import decode_page
from goodwill.sources.http_fetch import DEFAULT_TIMEOUT, FetchError, fetch


@dataclass(frozen=True)
class AddedFeed:
    feed: Feed
    # The website the feed was found on, when the address given was a page.
    found_on: str = ""


def feed_add(
    *,
    owner: Owner,
    address: str,
    contact: Contact | None = None,
    role: str = Feed.Role.READING,
    timeout: float = DEFAULT_TIMEOUT,
) -> AddedFeed:
    """Fetch the address: a feed is followed as it is, a web page's announced feed is followed
    instead; anything else is a ValidationError saying what the address turned out to be."""
    try:
        fetched = fetch(address, timeout=timeout)
    except FetchError as exc:
        raise ValidationError({"url": f"{address.strip()}: {exc}"}) from exc
    parsed = parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
    if not parsed.problem:
        feed = services.feed_follow(
            owner=owner,
            url=fetched.url,
            role=role,
            contact=contact,
            title=parsed.title,
            site_url=parsed.site_url,
        )
        return AddedFeed(feed)
    if not parsed.is_html:
        raise ValidationError({"url": f"{address.strip()}: {parsed.problem}"})
    found = discover_feeds(decode_page(fetched.body, fetched.content_type), page_url=fetched.url)
    if not found:
        raise ValidationError(
            {
                "url": f"{address.strip()} is a web page that announces no feed; "
                "give the feed's own address"
            }
        )
    feed = services.feed_follow(
        owner=owner,
        url=found[0].url,
        role=role,
        contact=contact,
        title=found[0].title,
        site_url=fetched.url,
    )
    return AddedFeed(feed, found_on=fetched.url)
