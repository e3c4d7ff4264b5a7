"""Input types that turn what a database would choke on into a 422 naming the field.

PostgreSQL refuses NUL characters and lone surrogates in text, and both databases have limits on
numbers and lengths; a request that carries them is the client's mistake, not a server error.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from pydantic import AfterValidator, Field, StringConstraints

# The largest id a BigAutoField holds.
MAX_ID = 2**63 - 1
# Times outside these years are typing mistakes, and near the ends of the calendar adding a
# reply window or a time zone would overflow.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
# Cadences, windows and the like: a decade of days is plenty.
MAX_DAYS = 3650
# Longest free text (notes, details) accepted through the API.
MAX_TEXT = 20_000


def _plain_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode text") from exc
    return value


def _reasonable_moment(value: datetime) -> datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    try:
        in_utc = value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError(f"must be between {EARLIEST_YEAR} and {LATEST_YEAR}") from exc
    if not EARLIEST_YEAR <= in_utc.year <= LATEST_YEAR:
        raise ValueError(f"must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return in_utc


_url_validator = URLValidator(schemes=["http", "https"])


def _web_address(value: str) -> str:
    try:
        _url_validator(value.strip())
    except DjangoValidationError as exc:
        raise ValueError("must be a web address starting with http:// or https://") from exc
    return value.strip()


def _text(max_length: int) -> object:
    return StringConstraints(max_length=max_length)


# Text of at most so many characters, with no NUL and no lone surrogate.
Name = Annotated[str, _text(200), AfterValidator(_plain_text)]
Summary = Annotated[str, _text(300), AfterValidator(_plain_text)]
HandleValue = Annotated[str, _text(400), AfterValidator(_plain_text)]
LongText = Annotated[str, _text(MAX_TEXT), AfterValidator(_plain_text)]
Search = Annotated[str, _text(200), AfterValidator(_plain_text)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Days = Annotated[int, Field(ge=1, le=MAX_DAYS)]
Moment = Annotated[datetime, AfterValidator(_reasonable_moment)]
WebAddress = Annotated[
    str,
    StringConstraints(max_length=1000),
    AfterValidator(_plain_text),
    AfterValidator(_web_address),
]
