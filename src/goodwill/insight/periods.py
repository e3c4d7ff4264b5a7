"""The period a review covers: a calendar year, or any days from since to until, and the
period of the same length before it, which the review compares with."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# A period longer than this is refused: the charts are a bar a month.
LONGEST_PERIOD_DAYS = 10 * 366


class PeriodError(ValueError):
    """A period that cannot be reviewed, with one line saying why."""


@dataclass(frozen=True)
class Period:
    """From `since` to `until`, both days included."""

    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def is_calendar_year(self) -> bool:
        return (self.since.month, self.since.day, self.until.month, self.until.day) == (
            1,
            1,
            12,
            31,
        ) and self.since.year == self.until.year

    @property
    def label(self) -> str:
        if self.is_calendar_year:
            return str(self.since.year)
        return f"{self.since.isoformat()} to {self.until.isoformat()}"

    def previous(self) -> Period:
        """The period of the same length just before this one; for a calendar year, the year
        before (a leap year is a day longer)."""
        if self.is_calendar_year:
            return year_period(self.since.year - 1)
        until = self.since - timedelta(days=1)
        return Period(since=until - timedelta(days=self.days - 1), until=until)

    def months(self) -> list[date]:
        """The first day of each month the period touches, in order."""
        firsts = []
        year, month = self.since.year, self.since.month
        while (year, month) <= (self.until.year, self.until.month):
            firsts.append(date(year, month, 1))
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        return firsts


def year_period(year: int) -> Period:
    return Period(since=date(year, 1, 1), until=date(year, 12, 31))


def _parse_day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"{name} {text!r} is not a date; write it as YYYY-MM-DD.") from None


def period_from(
    *, year: str | int | None = None, since: str = "", until: str = "", today: date
) -> Period:
    """The period a person asked for: a year, or since/until (either may be left out: since
    defaults to a year before until, until to today), or else the year so far."""
    if year not in (None, "") and (since or until):
        raise PeriodError("Give a year, or since and until, not both.")
    if year not in (None, ""):
        try:
            number = int(str(year).strip())
        except ValueError:
            raise PeriodError(f"year {year!r} is not a year; write it as YYYY.") from None
        if not 1900 <= number <= 9999:
            raise PeriodError(f"year {number} is out of range (1900 to 9999).")
        return year_period(number)
    if not since and not until:
        return Period(since=date(today.year, 1, 1), until=today)
    end = _parse_day(until, "until") if until else today
    start = _parse_day(since, "since") if since else _year_before(end)
    if start > end:
        raise PeriodError(f"since {start} is after until {end}; the period would be empty.")
    if (end - start).days + 1 > LONGEST_PERIOD_DAYS:
        raise PeriodError("The period is longer than ten years; review a shorter one.")
    return Period(since=start, until=end)


def _year_before(day: date) -> date:
    last = calendar.monthrange(day.year - 1, day.month)[1]
    return date(day.year - 1, day.month, min(day.day, last)) + timedelta(days=1)
