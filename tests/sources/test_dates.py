from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from goodwill.sources.dates import parse_birthday, parse_date, parse_timestamp
from goodwill.sources.records import Birthday


@pytest.mark.parametrize(
    "text",
    [
        "16 Dec 2024",
        "16-Dec-24",
        "12/16/24",
        "12/16/2024",
        "2024-12-16",
        "16.12.2024",
        "Dec 16, 2024",
    ],
)
def test_every_connected_on_spelling_reads_as_the_same_day(text: str) -> None:
    assert parse_date(text) == date(2024, 12, 16)


def test_the_2018_connected_on_with_a_time_reads_as_its_day() -> None:
    assert parse_date("1/8/18, 6:14 PM") == date(2018, 1, 8)


def test_a_date_that_is_no_date_says_so() -> None:
    with pytest.raises(ValueError, match="'soon' is not a date"):
        parse_date("soon")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-16 18:24:37 UTC", datetime(2024, 12, 16, 18, 24, 37, tzinfo=UTC)),
        ("2024/12/15 08:53:43 UTC", datetime(2024, 12, 15, 8, 53, 43, tzinfo=UTC)),
        ("12/15/24, 7:47 AM", datetime(2024, 12, 15, 7, 47, tzinfo=UTC)),
        ("11/27/24, 09:51 PM", datetime(2024, 11, 27, 21, 51, tzinfo=UTC)),
        ("Sat Dec 14 08:57:55 UTC 2024", datetime(2024, 12, 14, 8, 57, 55, tzinfo=UTC)),
        ("2024-12-16T18:24:37Z", datetime(2024, 12, 16, 18, 24, 37, tzinfo=UTC)),
    ],
)
def test_linkedin_time_stamps_read_as_aware_utc(text: str, expected: datetime) -> None:
    moment = parse_timestamp(text)
    assert moment == expected
    assert moment is not None
    assert moment.utcoffset() is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-03-22", Birthday(3, 22, 1980)),
        ("19800322", Birthday(3, 22, 1980)),
        ("1955-07-19T00:00:00Z", Birthday(7, 19, 1955)),
        ("--0415", Birthday(4, 15)),
        ("--04-15", Birthday(4, 15)),
        ("0000-04-15", Birthday(4, 15)),
        ("1604-04-15", Birthday(4, 15)),
        ("3/22/1980", Birthday(3, 22, 1980)),
        ("22.03.1980", Birthday(3, 22, 1980)),
    ],
)
def test_birthdays_read_with_or_without_their_year(text: str, expected: Birthday) -> None:
    assert parse_birthday(text) == expected


def test_a_birthday_without_year_may_be_29_february() -> None:
    assert parse_birthday("--0229") == Birthday(2, 29)


def test_outlooks_empty_birthday_is_no_birthday() -> None:
    assert parse_birthday("0/0/00") is None


def test_an_impossible_birthday_is_refused() -> None:
    with pytest.raises(ValueError, match="month"):
        parse_birthday("1980-13-01")


def test_a_date_with_an_impossible_time_is_refused_not_looped_over() -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("1/8/18, 99:14 PM")
