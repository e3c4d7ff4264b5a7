"""An article the user brings: a link to fetch, a file, or text pasted in, made ready to rank."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from goodwill.insight.share_match import ArticleText
from goodwill.sources.feeds import item_key, parse_feed
from goodwill.sources.html_text import decode_page, page_text, pasted_text
from goodwill.sources.http_fetch import DEFAULT_TIMEOUT, fetch

# Enough of a long page to know what it is about.
TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class PastedArticle:
    """An article to share: where it lives (may be empty for pasted text), its title and text."""

    url: str
    title: str
    text: str

    def for_ranking(self) -> ArticleText:
        key = (
            item_key(self.url)
            if self.url
            else "text:" + hashlib.sha256(f"{self.title}\n{self.text}".encode()).hexdigest()
        )
        return ArticleText(key=key, title=self.title, text=self.text[:TEXT_LIMIT])


def article_from_url(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> PastedArticle:
    """Fetch a link and read its title and text; FetchError (one line) when it cannot be had."""
    fetched = fetch(url, timeout=timeout)
    kind = fetched.content_type.lower()
    if "xml" in kind or "rss" in kind or "atom" in kind:
        feed = parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
        if feed.entries:
            entry = feed.entries[0]
            return PastedArticle(
                url=entry.url or fetched.url, title=entry.title, text=entry.summary
            )
    text = decode_page(fetched.body, fetched.content_type)
    page = page_text(text) if "html" in kind or "<" in text[:200] else pasted_text(text)
    return PastedArticle(
        url=fetched.url,
        title=page.title or fetched.url,
        text="\n".join(part for part in (page.description, page.text) if part),
    )


def article_from_text(text: str, *, url: str = "") -> PastedArticle:
    """Text the user pasted (plain or HTML); the first line of plain text is the title."""
    page = pasted_text(text)
    return PastedArticle(
        url=url.strip(),
        title=page.title,
        text="\n".join(part for part in (page.description, page.text) if part),
    )
