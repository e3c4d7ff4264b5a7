"""A message's readable part found straight in its bytes: the first text/plain part that is no
attachment, else the first such text/html part, with its transfer encoding undone.

The email package's parser reads a body line by line and compiles a regular expression for each
multipart boundary it meets, which makes snippets cost three times what headers do. Here parts
are found by searching for their boundaries. Whatever this reader is not sure of (uuencoded
parts, parts nested unusually deep) it declines, and the caller falls back to the email package.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

from goodwill.sources.mail_charsets import decode_bytes

# Nesting deeper than this is a damaged or hostile message; the careful parser takes it.
MAX_DEPTH = 8

_PART_HEADER = re.compile(
    rb"^(content-type|content-transfer-encoding|content-disposition)[ \t]*:"
    rb"([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_BOUNDARY = re.compile(rb"""boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))""", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|([^;\s]+))""", re.IGNORECASE)
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")


class Declined(Exception):
    """This reader is not sure of the message; the email package should read it."""


@dataclass(frozen=True, slots=True)
class TextPart:
    """A readable part as text, and whether it was HTML."""

    text: str
    html: bool


def readable_part(raw: bytes) -> TextPart | None:
    """The part of a message a person reads, or None when it has no text part at all.
    Declined when the message is shaped in a way this reader leaves to the email package."""
    headers, body = _split(raw)
    plain, html = _find(headers, body, 0)
    chosen = plain or html
    if chosen is None:
        return None
    part_headers, part_body = chosen
    return TextPart(_decoded(part_headers, part_body), html=plain is None)


_Part = tuple[dict[bytes, bytes], bytes]


def body_start(raw: bytes) -> int | None:
    """Where the body begins: just after the blank line that ends the headers (LF or CRLF);
    None when the headers never end."""
    plain = raw.find(b"\n\n")
    # Bounded by the LF blank line, so a large message is not searched to its end twice.
    crlf = raw.find(b"\r\n\r\n", 0, plain if plain >= 0 else len(raw))
    if crlf >= 0:
        return crlf + 4
    return plain + 2 if plain >= 0 else None


def _split(raw: bytes) -> tuple[dict[bytes, bytes], bytes]:
    # The three headers that matter, and the body after the blank line.
    if raw.startswith((b"\n", b"\r\n")):
        return {}, raw[raw.find(b"\n") + 1 :]  # a part with no headers at all
    start = body_start(raw)
    if start is None:
        return _headers(raw), b""
    return _headers(raw[:start]), raw[start:]


def _headers(block: bytes) -> dict[bytes, bytes]:
    found: dict[bytes, bytes] = {}
    for match in _PART_HEADER.finditer(block):
        name = match[1].lower()
        if name not in found:  # the first wins, as mail clients read duplicates
            found[name] = b" ".join(match[2].split())
    return found


def _find(
    headers: dict[bytes, bytes], body: bytes, depth: int
) -> tuple[_Part | None, _Part | None]:
    content_type = headers.get(b"content-type", b"text/plain")
    kind = content_type.split(b";", 1)[0].strip().lower() or b"text/plain"
    disposition = headers.get(b"content-disposition", b"").split(b";", 1)[0].strip().lower()
    if disposition == b"attachment" or kind.startswith(b"message/"):
        return None, None
    if kind == b"text/plain":
        return (headers, body), None
    if kind == b"text/html":
        return None, (headers, body)
    if not kind.startswith(b"multipart/"):
        return None, None
    if depth >= MAX_DEPTH:
        raise Declined("nested too deep")
    match = _BOUNDARY.search(content_type)
    if not match:
        raise Declined("a multipart without a boundary")
    html: _Part | None = None
    for part in _parts(body, match[1] or match[2]):
        part_headers, part_body = _split(part)
        found_plain, found_html = _find(part_headers, part_body, depth + 1)
        if found_plain is not None:
            return found_plain, html
        if html is None:
            html = found_html
    return None, html


def _parts(body: bytes, boundary: bytes) -> list[bytes]:
    # The bytes between "--boundary" lines; a last part cut off by the read window runs to the
    # end. Text before the first boundary (the preamble) and after the last is no part.
    delimiter = b"--" + boundary
    starts: list[int] = []
    position = 0 if _is_delimiter(body, 0, delimiter) else _next_delimiter(body, delimiter, 0)
    while position >= 0:
        starts.append(position)
        if body.startswith(b"--", position + len(delimiter)):
            break  # the closing delimiter
        position = _next_delimiter(body, delimiter, position + len(delimiter))
    parts = []
    for index, start in enumerate(starts):
        if body.startswith(b"--", start + len(delimiter)):
            break
        line_end = body.find(b"\n", start)
        if line_end < 0:
            break
        if index + 1 < len(starts):
            # The line break before the next delimiter belongs to the delimiter.
            end = starts[index + 1] - 1
            if end > line_end and body[end - 1 : end] == b"\r":
                end -= 1
        else:
            end = len(body)
        parts.append(body[line_end + 1 : end])
    return parts


def _next_delimiter(body: bytes, delimiter: bytes, start: int) -> int:
    position = body.find(b"\n" + delimiter, start)
    while position >= 0 and not _is_delimiter(body, position + 1, delimiter):
        position = body.find(b"\n" + delimiter, position + 1)
    return position + 1 if position >= 0 else -1


def _is_delimiter(body: bytes, at: int, delimiter: bytes) -> bool:
    # "--b1" must not be taken for the start of "--b1-inner", a nested part's boundary.
    if not body.startswith(delimiter, at):
        return False
    after = body[at + len(delimiter) : at + len(delimiter) + 1]
    return after in (b"", b"\r", b"\n", b" ", b"\t") or body.startswith(b"--", at + len(delimiter))


def _decoded(headers: dict[bytes, bytes], body: bytes) -> str:
    encoding = headers.get(b"content-transfer-encoding", b"").strip().lower()
    if encoding == b"base64":
        # Line breaks and stray characters dropped, padding made right: a window may cut a
        # part anywhere.
        data = _NOT_BASE64.sub(b"", body)
        if len(data) % 4 == 1:
            data = data[:-1]
        data = binascii.a2b_base64(data + b"=" * (-len(data) % 4))
    elif encoding == b"quoted-printable":
        data = binascii.a2b_qp(body)
    elif encoding in (b"x-uuencode", b"uuencode", b"x-uue", b"uue"):
        raise Declined("uuencoded")
    else:
        data = body
    match = _CHARSET.search(headers.get(b"content-type", b""))
    charset = (match[1] or match[2]).decode("ascii", "replace") if match else None
    return decode_bytes(data, charset).replace("\r\n", "\n").replace("\r", "\n")
