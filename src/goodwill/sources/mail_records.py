"""The record a mail reader yields for each message: frozen, typed, and free of Django.

Headers are always decoded; the snippet and the body text only when the caller asked for them,
because parsing bodies costs about fifteen times as much as reading headers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from operator import attrgetter
from typing import Any

SNIPPET_LENGTH = 280


def pickled_by_constructor[T](cls: type[T]) -> type[T]:
    """Pickle a frozen dataclass as a call to its constructor with its fields in order. Loading
    is several times faster than through dataclasses' own __setstate__, which looks the fields
    up again for every object, and records cross from the reader processes by the hundred
    thousand."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    getter = attrgetter(*names)
    values: Callable[[Any], tuple[Any, ...]] = (
        getter if len(names) > 1 else lambda record: (getter(record),)
    )

    def __reduce__(self: T) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


class MailFlag(StrEnum):
    """A Maildir flag (the letters after ':2,' in a file name), or the same fact as an mbox
    writer records it in Status, X-Status or X-Mozilla-Status."""

    DRAFT = "draft"  # D
    FLAGGED = "flagged"  # F
    PASSED = "passed"  # P: forwarded or bounced
    REPLIED = "replied"  # R: the user answered it
    SEEN = "seen"  # S: read; not "sent"
    TRASHED = "trashed"  # T


class DateSource(StrEnum):
    """Where a message's date came from: its Date header, or the first fallback that worked."""

    DATE_HEADER = "date header"
    RECEIVED = "received header"
    FROM_LINE = "mbox From_ line"
    FILE_TIME = "file modification time"
    GIVEN = "given by the caller"
    UNKNOWN = "unknown"


@pickled_by_constructor
@dataclass(frozen=True, slots=True)
class MailAddress:
    """A name and an address as a header wrote them; `address` is lower-cased by
    handles.normalize_email, or empty when the header held no usable address."""

    name: str
    address: str

    def __str__(self) -> str:
        if self.name and self.address:
            return f"{self.name} <{self.address}>"
        return self.address or self.name


@pickled_by_constructor
@dataclass(frozen=True, slots=True)
class MailOrigin:
    """Where a message's bytes are: the file (a Maildir message file, or the mbox), the byte
    offset and length inside it (length None: the whole file), the line the message starts on,
    and its number among the mailbox's messages (from 1). Enough to read the message again."""

    path: str
    offset: int = 0
    length: int | None = None
    line: int = 1
    number: int = 1

    def __str__(self) -> str:
        if self.length is None:
            return self.path
        return f"{self.path}, line {self.line}"


@pickled_by_constructor
@dataclass(frozen=True, slots=True)
class MailMessage:
    """One message as its headers describe it.

    `key` is the Message-ID (without angle brackets) or, when there is none, a hash of the Date,
    From, To and Subject headers, so the same message read again gets the same key. `date` is
    aware UTC; `date_source` says whether it came from the Date header or a fallback. `snippet`
    (at most 280 characters) and `body` are empty and None unless the reader was asked for them;
    both are the author's own words, quoted replies and signature removed. `problems` lists
    header values that were present but unusable, so nothing is dropped unsaid."""

    key: str
    message_id: str
    origin: MailOrigin
    folder: str
    sender: MailAddress
    to: tuple[MailAddress, ...]
    cc: tuple[MailAddress, ...]
    bcc: tuple[MailAddress, ...]
    delivered_to: tuple[str, ...]
    date: datetime
    date_source: DateSource
    subject: str
    in_reply_to: str
    references: tuple[str, ...]
    list_id: str = ""
    list_unsubscribe: str = ""
    precedence: str = ""
    auto_submitted: str = ""
    flags: frozenset[MailFlag] = frozenset()
    labels: tuple[str, ...] = ()
    snippet: str = ""
    body: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def recipients(self) -> tuple[MailAddress, ...]:
        """Everyone the message was addressed to (To, Cc and Bcc), each address once."""
        seen: set[str] = set()
        found = []
        for person in (*self.to, *self.cc, *self.bcc):
            if person.address and person.address not in seen:
                seen.add(person.address)
                found.append(person)
        return tuple(found)

    @property
    def recipient_count(self) -> int:
        """How many distinct addresses the message went to."""
        return len(self.recipients)
