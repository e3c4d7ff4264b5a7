"""Moments as whole seconds since 1970, for reads that only need to know which day or month
each of thousands of rows falls on (the calendar feed, the ledger, the habits page).

Django turns every datetime column of every row into an aware datetime (on SQLite by parsing
text), and placing it on a local day costs a time zone conversion more. Read as integers the
database works out, the rows come back as plain ints, and a bisection over the local midnights
(or month starts) of the window places each one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, IntegerField
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone


class EpochSeconds(Func):
    """A datetime column (or expression) as whole seconds since 1970 UTC, by the database."""

    template = "CAST(FLOOR(EXTRACT(EPOCH FROM %(expressions)s)) AS BIGINT)"
    output_field = IntegerField()

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, Any]:
        # Django stores datetimes in UTC as text; %s is 'seconds since 1970' (%% for the
        # template, %% again for the backend's placeholder handling).
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)",
            **extra_context,
        )


def local_start(day: date) -> int:
    """The local midnight that starts the day, as seconds since 1970."""
    return int(timezone.make_aware(datetime.combine(day, time.min)).timestamp())


def seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def bucket(starts: Sequence[int], moment: int) -> int:
    """The index of the period the moment falls in (starts[i] begins period i); -1 before the
    first, len(starts) - 1 for the last period and after."""
    return bisect_right(starts, moment) - 1
