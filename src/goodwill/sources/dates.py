"""Dates, times and birthdays in every spelling the exports use, read into Python values.

Exports repeat the same few date strings thousands of times, so each reader caches by string.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache

from goodwill.sources.records import Birthday

# LinkedIn over the years, then what a spreadsheet makes of them when it saves the file again.
_DATE_FORMATS = (
    "%d %b %Y",  # 16 Dec 2024 (LinkedIn since 2021)
    "%d-%b-%y",  # 7-Sep-22 (Excel)
    "%d-%b-%Y",  # 7-Sep-2022
    "%d %B %Y",  # 16 December 2024
    "%b %d, %Y",  # Dec 16, 2024
    "%B %d, %Y",  # December 16, 2024
    "%Y-%m-%d",  # 2024-12-16
    "%Y/%m/%d",  # 2024/12/16
    "%m/%d/%y",  # 1/8/18 (LinkedIn 2018 without the time; Excel in the US)
    "%m/%d/%Y",  # 1/8/2018
    "%d.%m.%Y",  # 16.12.2024 (Excel in much of Europe)
    "%d.%m.%y",  # 16.12.24
)

# Time stamps: LinkedIn writes UTC ('2024-12-16 18:24:37 UTC'); the M/D/YY forms carry no zone
# and are read as UTC too, which is what LinkedIn's server time is.
_DATETIME_FORMATS = (
    "%m/%d/%y, %I:%M %p",  # 12/15/24, 7:47 AM (Invitations, Recommendations, 2018 messages)
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",  # Excel re-saves
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%a %b %d %H:%M:%S UTC %Y",  # Sat Dec 14 08:57:55 UTC 2024
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
)

# Apple writes a birthday without a year as year 1604; vCard 4 as --MMDD; some tools as 0000.
_NO_YEAR = {0, 1604}
_BIRTHDAY_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_BIRTHDAY_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$")
_BIRTHDAY_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_BIRTHDAY_EUROPEAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@lru_cache(maxsize=8192)
def parse_date(text: str) -> date | None:
    """A calendar date from any form LinkedIn or a spreadsheet writes; None for an empty cell,
    ValueError for text that is not a date."""
    text = " ".join(text.split())
    if not text:
        return None
    if "," in text and ":" in text:  # '1/8/18, 6:14 PM': a time stamp where a date is wanted
        moment = _moment(text)
        if moment is None:
            raise ValueError(f"{text!r} is not a date")
        return moment.date()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date")


@lru_cache(maxsize=8192)
def parse_timestamp(text: str) -> datetime | None:
    """A time-zone-aware UTC moment; None for an empty cell, ValueError for text that is not one."""
    text = " ".join(text.split())
    if not text:
        return None
    moment = _moment(text)
    if moment is None:
        return datetime.combine(parse_date_strict(text), datetime.min.time(), UTC)
    return moment


def _moment(text: str) -> datetime | None:
    # A date with a time of day, as aware UTC, or None; dates alone are parse_date's.
    iso = text.removesuffix(" UTC").removesuffix("Z").replace("/", "-", 2)
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        moment = None
    if moment is None:
        for pattern in _DATETIME_FORMATS:
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_date_strict(text: str) -> date:
    """parse_date for text known to be non-empty."""
    found = parse_date(text)
    if found is None:
        raise ValueError(f"{text!r} is not a date")
    return found


@lru_cache(maxsize=8192)
def parse_birthday(text: str) -> Birthday | None:
    """A birthday with or without its year (--0415, 0000-04-15, 1604-04-15, 4/15/1980, ...);
    None for an empty value or Outlook's 0/0/00, ValueError for text that is not a date."""
    text = text.strip()
    if not text or text in ("0/0/00", "0/0/0000"):
        return None
    year: int | None
    if match := _BIRTHDAY_NO_YEAR.match(text):
        year, month, day = None, int(match[1]), int(match[2])
    elif match := _BIRTHDAY_ISO.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _BIRTHDAY_US.match(text):
        month, day, year = int(match[1]), int(match[2]), int(match[3])
        if year < 100:
            year += 1900 if year > datetime.now(UTC).year % 100 else 2000
    elif match := _BIRTHDAY_EUROPEAN.match(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        found = parse_date(text)
        if found is None:
            return None
        year, month, day = found.year, found.month, found.day
    if year in _NO_YEAR:
        year = None
    # 2000 is a leap year, so 29 February without a year is still a day.
    date(year or 2000, month, day)
    return Birthday(month=month, day=day, year=year)
