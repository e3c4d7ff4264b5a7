"""HTML to plain text, and what a web page says about itself: for feed summaries and pasted links.

The standard library's HTMLParser is forgiving enough for the fragments feeds carry and for
whole pages; nothing here raises on bad markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose text is never what a page is about.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer"})
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class PageText:
    """A web page reduced to what a reader would see: its title, its description and its text."""

    title: str
    description: str
    text: str


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            values = {name.lower(): value or "" for name, value in attrs}
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"])
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML fragment, on one line per paragraph; plain text stays as is."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):
        # HTMLParser gives up on some malformed declarations; dropping tags is the best left.
        return " ".join(html.unescape(_TAG.sub(" ", markup)).split())
    return _tidy("".join(parser.parts))


def page_text(markup: str) -> PageText:
    """A whole page's title (og:title first), description and visible body text."""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):
        return PageText(title="", description="", text=html_to_text(markup))
    title = parser.meta.get("og:title") or " ".join("".join(parser.title_parts).split())
    description = parser.meta.get("og:description") or parser.meta.get("description", "")
    return PageText(
        title=" ".join(title.split()),
        description=" ".join(description.split()),
        text=_tidy("".join(parser.parts)),
    )


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode_page(data: bytes, content_type: str = "") -> str:
    """A page's bytes as text, in the charset the server or the page declares, else UTF-8
    (undecodable bytes replaced: a page is read for its words, not kept)."""
    candidates = []
    if "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=")[1].split(";")[0].strip(" \"'"))
    found = _META_CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", errors="ignore"))
    for charset in [*candidates, "utf-8"]:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def pasted_text(text: str) -> PageText:
    """Text the user pasted: HTML is read as a page; plain text's first line is its title."""
    if re.search(r"<(?:html|body|p|div|h1|article)\b", text, re.I):
        return page_text(text)
    lines = [line.strip() for line in text.strip().splitlines()]
    title = lines[0][:300] if lines else ""
    return PageText(title=title, description="", text="\n".join(lines[1:]))
