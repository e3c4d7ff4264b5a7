"""vCard at the level of lines and properties, worked on bytes so that a fold or a
quoted-printable soft break inside a multi-byte character is joined before anything is decoded.

Real files break the rules in many ways: CR CR LF line ends (iOS 5), quoted-printable values
continued on unindented lines (vCard 2.1), base64 indented by four spaces and closed by a blank
line (Outlook), bare parameters (`TEL;WORK;VOICE`), quoted parameter values holding ':' and ';'.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Any run of CRs before an LF is one line end: iOS 5 wrote CR CR LF.
_LINE_END = re.compile(rb"\r*\n|\r")
_QUOTED_PRINTABLE = re.compile(rb"QUOTED-PRINTABLE", re.IGNORECASE)
_PROPERTY_NAME = re.compile(rb"[A-Za-z0-9-]+")
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_ESCAPE = re.compile(r"\\([\\;,:nN])")
_ESCAPE_21 = re.compile(r"\\([\\;])")
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")
_FALLBACK_CHARSETS = ("utf-8", "cp1252", "latin-1")


@dataclass(frozen=True, slots=True)
class Property:
    """One content line: `[group.]NAME;PARAM=VALUE:raw value`, the value still encoded."""

    line: int
    group: str
    name: str
    params: dict[str, tuple[str, ...]]
    raw: bytes

    def param(self, key: str) -> str:
        """The first value of a parameter, or ''."""
        values = self.params.get(key)
        return values[0] if values else ""

    @property
    def types(self) -> tuple[str, ...]:
        """TYPE values, lower-cased, from `TYPE=a,b`, repeated TYPE= and bare 2.1 parameters."""
        return tuple(value.lower() for value in self.params.get("TYPE", ()))

    @property
    def encoding(self) -> str:
        """The ENCODING parameter, upper-cased ('' when plain text)."""
        return self.param("ENCODING").upper()


def logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Each content line with the physical line it starts on: folds and quoted-printable soft
    line breaks joined, blank lines dropped."""
    parts: list[bytes] = []
    start = 0
    quoted_printable = False
    for number, raw in enumerate(_LINE_END.split(data), 1):
        if parts:
            if quoted_printable and parts[-1].endswith(b"=") and not _is_card_boundary(raw):
                parts[-1] = parts[-1][:-1]
                parts.append(raw)
                continue
            if raw[:1] in (b" ", b"\t"):
                parts.append(raw[1:])
                continue
            yield start, b"".join(parts)
            parts = []
        if not raw.strip():
            continue
        parts = [raw]
        start = number
        colon = raw.find(b":")
        quoted_printable = bool(_QUOTED_PRINTABLE.search(raw, 0, colon if colon >= 0 else len(raw)))
    if parts:
        yield start, b"".join(parts)


def _is_card_boundary(raw: bytes) -> bool:
    head = raw.lstrip()[:11].upper()
    return head.startswith((b"END:VCARD", b"BEGIN:VCARD"))


def parse_property(number: int, line: bytes) -> Property | None:
    """The property on a content line, or None when the line is not one."""
    colon = line.find(b":")
    if colon < 0:
        return None
    if b'"' in line[:colon]:
        colon = _outside_quotes(line, b":")
        if colon < 0:
            return None
    head, raw = line[:colon], line[colon + 1 :]
    segments = _split_outside_quotes(head, b";") if b'"' in head else head.split(b";")
    group, _, name = segments[0].strip().rpartition(b".")
    if not _PROPERTY_NAME.fullmatch(name):
        return None
    params: dict[str, tuple[str, ...]] = {}
    for segment in segments[1:]:
        key, equals, value = segment.decode("utf-8", "replace").partition("=")
        key = key.strip().upper()
        if not equals:
            key, value = ("ENCODING" if key in _BARE_ENCODINGS else "TYPE"), key
        values = (
            tuple(v.strip().strip('"') for v in value.strip('"').split(",") if v.strip())
            if key == "TYPE"
            else (value.strip().strip('"'),)
        )
        params[key] = params.get(key, ()) + values
    return Property(
        number, group.decode("ascii", "replace").lower(), name.decode().upper(), params, raw
    )


def _outside_quotes(line: bytes, wanted: bytes) -> int:
    quoted = False
    for index, byte in enumerate(line):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == wanted[0] and not quoted:
            return index
    return -1


def _split_outside_quotes(head: bytes, separator: bytes) -> list[bytes]:
    parts = []
    while (index := _outside_quotes(head, separator)) >= 0:
        parts.append(head[:index])
        head = head[index + 1 :]
    parts.append(head)
    return parts


def value_bytes(prop: Property) -> bytes:
    """The value with its transfer encoding (quoted-printable or base64) undone."""
    encoding = prop.encoding
    if encoding == "QUOTED-PRINTABLE":
        return binascii.a2b_qp(prop.raw)
    if encoding in ("B", "BASE64"):
        return decode_base64(prop.raw)
    return prop.raw


def decode_base64(raw: bytes) -> bytes:
    """Base64 with line breaks, indentation and missing padding forgiven; binascii.Error when
    it is not base64 at all."""
    clean = b"".join(raw.split())
    if len(clean) % 4 == 1:
        raise binascii.Error("base64 that has lost a character")
    return binascii.a2b_base64(clean + b"=" * (-len(clean) % 4), strict_mode=False)


def decode_text(data: bytes, charset: str = "") -> str:
    """Bytes as text in the declared charset, else UTF-8, else Windows-1252, else Latin-1;
    line ends become '\\n'."""
    for candidate in (charset, *_FALLBACK_CHARSETS) if charset else _FALLBACK_CHARSETS:
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise AssertionError("latin-1 decodes every byte")


def unescape(text: str, version: str) -> str:
    """A text value with vCard escapes undone (\\n, \\, \\; \\: \\\\; only \\; in vCard 2.1)."""
    if "\\" not in text:
        return text
    if version == "2.1":
        return _ESCAPE_21.sub(lambda match: match[1], text)
    return _ESCAPE.sub(lambda match: "\n" if match[1] in "nN" else match[1], text)


def components(text: str, version: str) -> list[str]:
    """A structured value (N, ORG, ADR) split on unescaped semicolons, each part unescaped."""
    return [unescape(part, version).strip() for part in _UNESCAPED_SEMICOLON.split(text)]
