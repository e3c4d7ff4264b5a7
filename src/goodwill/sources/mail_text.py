"""The author's own words in a message: the text part chosen, HTML stripped, quoted replies,
forwarded messages and the signature cut away, so detection reads only what this sender wrote.

The readable part is found by mail_mime straight in the bytes; what it declines is parsed with
the compat32 policy. email.policy.default costs about fifteen times as much on the same bytes and
raises on charsets it does not know.
"""

from __future__ import annotations

import binascii
import re
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from html import unescape
from html.parser import HTMLParser

from goodwill.sources.mail_charsets import decode_bytes
from goodwill.sources.mail_mime import Declined, readable_part
from goodwill.sources.mail_records import SNIPPET_LENGTH

# A snippet reads at most this much of a message: text parts come before attachments, so a
# large message costs no more than a small one.
SNIPPET_WINDOW = 64 * 1024
# Parts nested deeper than this are a damaged or hostile message, not a real one.
MAX_PARTS = 200

_PARSER = BytesParser(policy=compat32)

# Elements that start a new line of text when an HTML body is read as plain text.
_BLOCK_TAG_NAMES = (
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "template", "blockquote"})
# Where mail clients put the quoted message in an HTML reply.
_QUOTE_MARKERS = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "divrplyfwdmsg")

# "On Tue, 5 Mar 2024, Ann <ann@example.com> wrote:" and its cousins in other languages; mail
# clients wrap it, so it is matched across up to three lines.
_ATTRIBUTION = re.compile(
    r"^(?:on|am|le|el|il|op|em|på|den|w dniu)\b.{0,300}?"
    # The name may follow the verb: "Am 05.03.2024 schrieb Bob <bob@example.com>:".
    r"\b(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał)\b"
    r"[^\n]{0,120}?:\s*$",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTION_STARTS = frozenset({"on", "am", "le", "el", "il", "op", "em", "på", "den", "w"})
_CUT_LINES = re.compile(
    r"^(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|"
    r"mensaje original|forwarded message|weitergeleitete nachricht)\s*-{2,}"
    r"|_{10,}"
    r"|begin forwarded message:"
    r"|-----\s*reply message\s*-----)\s*$",
    re.IGNORECASE,
)
# Outlook's quoted header block: "From: ..." followed within three lines by "Sent:" or "Date:".
_OUTLOOK_FROM = re.compile(r"^\*?(?:from|von|de|da|van)\s*:\*?\s", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(
    r"^\*?(?:sent|date|gesendet|envoyé|enviado|inviato|verzonden|datum)\s*:", re.IGNORECASE
)
_SIGNATURE = re.compile(r"^-- ?$")
_MOBILE = re.compile(
    r"^(?:sent from my |sent from (?:mail|outlook|yahoo mail) for |get outlook for |"
    r"von meinem .* gesendet|envoyé de mon )",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:best|best regards|best wishes|kind regards|warm regards|regards|cheers|thanks|"
    r"thank you|many thanks|thanks again|all the best|sincerely|yours|cordially|"
    r"viele grüße|liebe grüße|mit freundlichen grüßen|beste grüße|gruß|grüße|cordialement|"
    r"bien à vous|saludos|un saludo|cordiali saluti|met vriendelijke groet)[\s,.!-]*$",
    re.IGNORECASE,
)
# A closing line ends the author's words when at most this many short lines follow it.
_CLOSING_TAIL_LINES = 6
_CLOSING_TAIL_WIDTH = 72


def author_text(raw: bytes, *, limit: int | None = None) -> str:
    """The author's words in a whole message's bytes: text/plain preferred, else HTML stripped
    to text; quoted replies, forwarded messages and the signature removed. `limit` reads only
    the first bytes (for snippets)."""
    data = raw if limit is None else raw[:limit]
    try:
        part = readable_part(data)
    except (Declined, binascii.Error, ValueError):
        return own_words(message_text(_PARSER.parsebytes(data)))
    if part is None:
        return ""
    return own_words(html_to_text(part.text) if part.html else part.text)


def message_text(message: Message) -> str:
    """The readable text of a parsed message: its first text/plain part that is no attachment,
    else its first such text/html part turned into text; '' when it has neither."""
    plain, html = _text_parts(message)
    if plain is not None:
        return _decoded(plain)
    if html is not None:
        return html_to_text(_decoded(html))
    return ""


def _text_parts(message: Message) -> tuple[Message | None, Message | None]:
    plain: Message | None = None
    html: Message | None = None
    stack = [message]
    visited = 0
    while stack and visited < MAX_PARTS:
        part = stack.pop()
        visited += 1
        if part.is_multipart():
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend(child for child in reversed(children) if isinstance(child, Message))
            continue
        if part.get_content_maintype() == "message":
            continue  # a forwarded message as an attachment is someone else's words
        disposition = (part.get("Content-Disposition") or "").split(";", 1)[0].strip().lower()
        if disposition == "attachment":
            continue
        subtype = part.get_content_type()
        if subtype == "text/plain" and plain is None:
            plain = part
            break
        if subtype == "text/html" and html is None:
            html = part
    return plain, html


def _decoded(part: Message) -> str:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, AssertionError):
        data = None
    if not isinstance(data, bytes):
        payload = part.get_payload()
        data = payload.encode("ascii", "surrogateescape") if isinstance(payload, str) else b""
    try:
        charset = part.get_content_charset()
    except (ValueError, LookupError):
        charset = None
    return decode_bytes(data, charset).replace("\r\n", "\n").replace("\r", "\n")


class _TextCollector(HTMLParser):
    # Visible text with block elements on lines of their own, quoted replies left out.
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.append(tag)
            return
        if tag in _SKIPPED_TAGS or _is_quote(attrs):
            self.skipping.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.pop()
            return
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append(data)


def _is_quote(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name in ("class", "id") and value:
            lowered = value.lower()
            if any(marker in lowered for marker in _QUOTE_MARKERS):
                return True
    return False


def html_to_text(html: str) -> str:
    """The visible text of an HTML body: scripts, styles and quoted replies (blockquote,
    Gmail's and Outlook's quote blocks) left out, block elements on lines of their own."""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):
        pass  # html.parser gives up on some damage; what it read so far is kept
    text = unescape("".join(collector.chunks)).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(_squeeze_blank(lines))


def _squeeze_blank(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def own_words(text: str) -> str:
    """The author's lines of a message's text: '>' quoted lines and the "On ..., Ann wrote:"
    lines that introduce them removed (so answers written between quotes stay), everything
    from a signature, an unmarked quote (Outlook's header block, "Original Message") or a
    forwarded message on cut away, and a closing ("Best, Ann") with what follows it removed."""
    lines = text.splitlines()
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped.startswith(">"):
            index += 1
            continue
        after = _attribution_end(lines, index, stripped)
        if after is not None:
            following = next((rest.strip() for rest in lines[after:] if rest.strip()), ">")
            if not following.startswith(">"):
                break  # the quote that follows is not marked: it runs to the end
            index = after
            continue
        if _ends_own_words(lines, index, stripped):
            break
        kept.append(line.rstrip())
        index += 1
    return "\n".join(_without_closing(_squeeze_blank(kept))).strip()


def _attribution_end(lines: list[str], index: int, stripped: str) -> int | None:
    # The index after an "On ... wrote:" attribution starting at `index` (wrapped over up to
    # three lines), or None when none starts there.
    if stripped.split(" ", 1)[0].lower() not in _ATTRIBUTION_STARTS:
        return None
    for end in range(index + 1, min(index + 4, len(lines) + 1)):
        candidate = " ".join(part.strip() for part in lines[index:end])
        if _ATTRIBUTION.match(candidate):
            return end
    return None


def _ends_own_words(lines: list[str], index: int, stripped: str) -> bool:
    if not stripped:
        return False
    if _SIGNATURE.match(lines[index].rstrip()) or _MOBILE.match(stripped):
        return True
    if _CUT_LINES.match(stripped):
        return True
    return bool(
        _OUTLOOK_FROM.match(stripped)
        and any(_OUTLOOK_SENT.match(after.strip()) for after in lines[index + 1 : index + 4])
    )


def _without_closing(lines: list[str]) -> list[str]:
    # "Thanks,\nAnn\nAnn Example | Designer" at the end is a sign-off, not content.
    start = max(0, len(lines) - _CLOSING_TAIL_LINES - 1)
    for index in range(start, len(lines)):
        if _CLOSING.match(lines[index].strip()):
            tail = lines[index + 1 :]
            if all(len(line) <= _CLOSING_TAIL_WIDTH for line in tail) and index > 0:
                return _squeeze_blank(lines[:index])
    return lines


def snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    """The text on one line, cut to at most `length` characters at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[: length - 1]
    space = cut.rfind(" ")
    if space > length * 0.7:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"
