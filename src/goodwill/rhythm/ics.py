"""A small RFC 5545 writer: the few things the reminders calendar needs, written as text.

Building the calendar with the icalendar library's components (a dict per property, a type
guessed for every value) took most of the feed's time for a large network; the calendar holds
only all-day events with text, a URL and a UTC stamp, so it is written here directly and read
back with icalendar in the tests. What RFC 5545 asks of the text:

- every line ends in CRLF and is folded at 75 octets (continuation lines start with a space),
  never inside a UTF-8 character (section 3.1);
- TEXT values escape backslash, semicolon, comma and newlines (section 3.3.11), and hold no
  control characters other than tab;
- DATE values are YYYYMMDD with VALUE=DATE (3.3.4); DATE-TIME in UTC ends in Z (3.3.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

CRLF = "\r\n"
LINE_OCTETS = 75
# Control characters left after newlines were escaped: RFC 5545 allows none but tab in TEXT.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
# What a TEXT value must escape or drop (newlines and carriage returns are control characters).
_SPECIAL = re.compile("[\\\\;,\x00-\x08\x0a-\x1f\x7f]")


def text(value: str) -> str:
    """A TEXT value, escaped."""
    if not _SPECIAL.search(value):
        return value  # most names and summaries need nothing
    value = (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )
    return _CONTROL.sub("", value)


def _octets(character: str) -> int:
    code = ord(character)
    if code < 0x80:
        return 1
    if code < 0x800:
        return 2
    if code < 0x10000:
        return 3
    return 4


def fold(line: str) -> str:
    """The content line folded at 75 octets, each part ending in CRLF."""
    if line.isascii():
        if len(line) <= LINE_OCTETS:
            return line + CRLF
        parts = [line[:LINE_OCTETS]]
        # A continuation line's leading space counts toward its 75 octets.
        parts += [
            line[i : i + LINE_OCTETS - 1] for i in range(LINE_OCTETS, len(line), LINE_OCTETS - 1)
        ]
        return f"{CRLF} ".join(parts) + CRLF
    parts = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for character in line:
        octets = _octets(character)
        if size + octets > limit:
            parts.append("".join(current))
            current = [character]
            size = octets
            limit = LINE_OCTETS - 1
        else:
            current.append(character)
            size += octets
    parts.append("".join(current))
    return f"{CRLF} ".join(parts) + CRLF


def _date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class AllDayEvent:
    """A VEVENT on one whole day, shown as free time (TRANSP:TRANSPARENT)."""

    uid: str
    day: date
    summary: str
    description: str
    url: str

    def lines(self, stamp: str) -> str:
        return "".join(
            [
                "BEGIN:VEVENT\r\n",
                fold(f"UID:{text(self.uid)}"),
                f"DTSTAMP:{stamp}\r\n",
                f"DTSTART;VALUE=DATE:{_date(self.day)}\r\n",
                f"DTEND;VALUE=DATE:{_date(self.day + timedelta(days=1))}\r\n",
                fold(f"SUMMARY:{text(self.summary)}"),
                fold(f"DESCRIPTION:{text(self.description)}"),
                # A URI value is not escaped; ours are built from the base URL and paths.
                fold(f"URL:{self.url}"),
                "TRANSP:TRANSPARENT\r\n",
                "END:VEVENT\r\n",
            ]
        )


def calendar(
    events: Iterable[AllDayEvent], *, prodid: str, name: str, ttl: str, stamp: datetime
) -> bytes:
    """A VCALENDAR (version 2.0, Gregorian, METHOD:PUBLISH) holding the events, as UTF-8."""
    when = _utc(stamp)
    head = [
        "BEGIN:VCALENDAR\r\n",
        "VERSION:2.0\r\n",
        fold(f"PRODID:{text(prodid)}"),
        "CALSCALE:GREGORIAN\r\n",
        "METHOD:PUBLISH\r\n",
        fold(f"X-WR-CALNAME:{text(name)}"),
        f"X-PUBLISHED-TTL:{ttl}\r\n",
    ]
    body = [event.lines(when) for event in events]
    return "".join([*head, *body, "END:VCALENDAR\r\n"]).encode()
