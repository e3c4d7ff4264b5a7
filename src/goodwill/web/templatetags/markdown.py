"""`{{ text|markdown }}`: notes written in Markdown, shown as HTML that cannot carry a script.

Two locks, either enough alone: markdown-it-py runs with raw HTML off (typed tags come out as
text) and refuses `javascript:`-style link targets; nh3 then keeps only an allow-list of tags,
attributes and URL schemes, in case a future Markdown option lets something through.
"""

from __future__ import annotations

import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

register = template.Library()

# CommonMark plus tables and strikethrough; single newlines break lines, as notes were shown
# before Markdown (with `linebreaks`).
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
    ["table", "strikethrough"]
)

# No images: a note must not make the browser fetch anything (a tracking pixel, say).
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def markdown_to_safe_html(text: str) -> str:
    """The HTML for Markdown `text`, reduced to the allow-listed tags, attributes and schemes."""
    rendered = _MARKDOWN.render(text)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@register.filter(name="markdown", is_safe=True)
def markdown_filter(text: str | None) -> SafeString:
    """Render a note's Markdown as sanitised HTML; an empty note renders as nothing."""
    if not text:
        return mark_safe("")
    # Safe to mark: nh3 has just removed everything outside the allow-list.
    return mark_safe(markdown_to_safe_html(str(text)))
