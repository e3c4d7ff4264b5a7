"""Where each message of an mbox file starts and ends, found without parsing any of them.

An mbox is messages one after another, each opened by a "From " line (the From_ line). Writers
differ: mboxo and mboxrd quote body lines that begin with "From " as ">From " (mboxrd quotes
">From " again as ">>From "), while the Content-Length style (mboxcl2) quotes nothing and says
how long each body is. A Content-Length is trusted when it ends exactly where a From_ line or the
file does; otherwise the next From_ line ends the message.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

# A From_ line names a sender and a time stamp; a body line that merely begins with "From"
# (a writer that failed to quote it) rarely carries both a clock time and a year.
_FROM_LINE = re.compile(rb"^From \S*\s.*\b\d{1,2}:\d{2}\b.*\b\d{4}\b")
_CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.M)
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_FROM_LINE_DATE = re.compile(
    rb"\b([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([+-]\d{4})\s+)?(\d{4})"
)
_MONTHS = {
    name: number
    for number, name in enumerate(b"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)
}


@dataclass(frozen=True, slots=True)
class MboxSpan:
    """One message of an mbox: its bytes from the From_ line to its end (the blank line that
    separates it from the next message left out), the line and number it has in the file, and
    whether its body lines were quoted (">From ") by the writer."""

    offset: int
    length: int
    line: int
    number: int
    quoted: bool


def looks_like_mbox(head: bytes) -> bool:
    """True when a file's first bytes are a From_ line, which every mbox begins with."""
    return head.startswith(b"From ")


def mbox_spans(path: Path) -> Iterator[MboxSpan]:
    """Every message of the mbox at `path`, in file order. The file is mapped, not read: only
    the From_ lines and headers are touched."""
    with path.open("rb") as stream:
        size = stream.seek(0, 2)
        if size == 0:
            return
        with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
            yield from _spans(data, size)


def _spans(data: mmap.mmap, size: int) -> Iterator[MboxSpan]:
    position = 0
    line = 1
    number = 0
    while position < size:
        number += 1
        end, following, quoted = _message_end(data, position, size)
        yield MboxSpan(position, end - position, line, number, quoted)
        line += data[position:following].count(b"\n")
        position = following


def _message_end(data: mmap.mmap, start: int, size: int) -> tuple[int, int, bool]:
    # (where this message's bytes end, where the next From_ line starts, whether quoted)
    headers_end = _blank_line(data, start, size)
    if headers_end is not None:
        body_start, block_end = headers_end
        match = _CONTENT_LENGTH.search(data[start:block_end])
        if match:
            end = body_start + int(match[1])
            following = _from_line_at(data, end, size)
            if following is not None:
                return end, following, False
    following = _next_from_line(data, start, size)
    return _without_separator(data, start, following), following, True


def _blank_line(data: mmap.mmap, start: int, size: int) -> tuple[int, int] | None:
    # (first byte of the body, end of the header block) or None when the headers never end.
    plain = data.find(b"\n\n", start)
    # Bounded by the LF blank line, so a file without CRLF is not searched to its end each time.
    crlf = data.find(b"\n\r\n", start, plain if plain >= 0 else size)
    if crlf >= 0:
        return crlf + 3, crlf + 1
    if plain >= 0:
        return plain + 2, plain + 1
    return None


def _from_line_at(data: mmap.mmap, position: int, size: int) -> int | None:
    # Where the next From_ line starts when `position` is the end of a message, else None.
    if position == size:
        return size
    if position > size:
        return None
    for gap in (b"", b"\n", b"\r\n"):
        candidate = position + len(gap)
        if data[position:candidate] == gap and data[candidate : candidate + 5] == b"From ":
            return candidate
    return None


def _next_from_line(data: mmap.mmap, start: int, size: int) -> int:
    search_from = start + 1
    while True:
        index = data.find(b"\nFrom ", search_from)
        if index < 0:
            return size
        line_end = data.find(b"\n", index + 1)
        line = data[index + 1 : line_end if line_end >= 0 else size]
        if _FROM_LINE.match(line):
            return index + 1
        search_from = index + 1


def _without_separator(data: mmap.mmap, start: int, following: int) -> int:
    # Writers put one empty line between messages; it is the mbox's, not the message's.
    end = following
    if data[end - 2 : end] == b"\n\n":
        return end - 1
    if data[end - 4 : end] == b"\r\n\r\n":
        return end - 2
    return end


def split_from_line(raw: bytes) -> tuple[bytes, bytes]:
    """A span's bytes as (From_ line, message)."""
    newline = raw.find(b"\n")
    if newline < 0:
        return raw, b""
    return raw[:newline], raw[newline + 1 :]


def unquote_from_lines(message: bytes) -> bytes:
    """Body lines quoted by the mbox writer given back as written: '>From ' becomes 'From ',
    '>>From ' becomes '>From ' (the mboxrd rule, right for mboxo too)."""
    if b">From " not in message:
        return message
    return _QUOTED_FROM.sub(rb"\1", message)


def from_line_date(line: bytes) -> datetime | None:
    """The delivery time a From_ line records ('From ann@example.com Wed Mar  6 21:48:02 2024'),
    in UTC; read as UTC when the line gives no zone, which is the mbox convention's best guess."""
    match = _FROM_LINE_DATE.search(line)
    if not match or match[1] not in _MONTHS:
        return None
    month_name, day, hour, minute, second, zone, year = match.groups()
    try:
        moment = datetime(
            int(year),
            _MONTHS[month_name],
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            tzinfo=UTC,
        )
    except ValueError:
        return None
    if zone:
        sign = -1 if zone.startswith(b"-") else 1
        moment -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    return moment
