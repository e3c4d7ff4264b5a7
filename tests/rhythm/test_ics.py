"""The RFC 5545 writer behind the calendar feed, read back with the icalendar library."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from goodwill.rhythm.ics import AllDayEvent, calendar, fold, text

STAMP = datetime(2026, 11, 26, 9, 30, 5, tzinfo=UTC)


def _read(events: list[AllDayEvent]) -> Calendar:
    return Calendar.from_ical(
        calendar(events, prodid="-//Test//EN", name="Reminders", ttl="PT6H", stamp=STAMP)
    )


def test_text_with_every_special_character_comes_back_as_written() -> None:
    summary = 'Answer Zoë O\'Brien; re: "fonts, kerning" \\ back\\slash'
    description = "First line\nsecond line\r\nthird, with ; and \\"
    event = AllDayEvent(
        "loop-1.7@goodwill", date(2026, 11, 30), summary, description, "https://x.example/c/1/"
    )

    [read] = _read([event]).walk("VEVENT")

    assert str(read["summary"]) == summary
    assert str(read["description"]) == "First line\nsecond line\nthird, with ; and \\"
    assert str(read["uid"]) == "loop-1.7@goodwill"
    assert read.decoded("dtstart") == date(2026, 11, 30)
    assert read.decoded("dtend") == date(2026, 12, 1)
    assert read.decoded("dtstamp") == STAMP
    assert str(read["transp"]) == "TRANSPARENT"
    assert str(read["url"]) == "https://x.example/c/1/"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    name = "Zoë Łukasiewicz-Ærøskøbing 日本語 " * 12
    body = calendar(
        [AllDayEvent("touches.1@goodwill", date(2026, 1, 1), name, name * 3, "https://x.example/")],
        prodid="-//Test//EN",
        name="Reminders",
        ttl="PT6H",
        stamp=STAMP,
    )

    assert body.endswith(b"\r\n")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # each physical line is whole UTF-8
    assert b"\n" not in body.replace(b"\r\n", b"")
    [read] = Calendar.from_ical(body).walk("VEVENT")
    assert str(read["summary"]) == name
    assert str(read["description"]) == name * 3


def test_control_characters_are_dropped_and_the_calendar_is_well_formed() -> None:
    assert text("bell\x07 and\x00 nul\ttab") == "bell and nul\ttab"
    assert fold("A" * 75) == "A" * 75 + "\r\n"
    assert fold("A" * 76) == "A" * 75 + "\r\n A\r\n"

    read = _read([])

    assert read["version"] == "2.0"
    assert str(read["prodid"]) == "-//Test//EN"
    assert str(read["calscale"]) == "GREGORIAN"
    assert str(read["method"]) == "PUBLISH"
    assert str(read["x-wr-calname"]) == "Reminders"
    assert list(read.walk("VEVENT")) == []
