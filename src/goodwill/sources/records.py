"""The records a parser yields: frozen, typed, and free of Django, so the importer can trust them.

Every record says where it came from (file, line, record number) and carries a `source_key` that
stays the same when the same thing is exported again next month, so a re-import changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class SourceFormat(StrEnum):
    """A kind of file Goodwill imports; the value is what `--format` accepts."""

    LINKEDIN = "linkedin"
    VCARD = "vcard"
    GOOGLE_CSV = "google-csv"
    OUTLOOK_CSV = "outlook-csv"
    THUNDERBIRD_CSV = "thunderbird-csv"


class Direction(StrEnum):
    """Which way something went, seen from the user; the values are network.models.Direction's."""

    FROM_ME = "out"
    TO_ME = "in"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read: the file (a zip member reads 'export.zip/messages.csv'), the line
    the record starts on, and its number among the file's records (row or card, from 1)."""

    file: str
    line: int
    record: int

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}"


@dataclass(frozen=True, slots=True)
class HandleRecord:
    """One handle: `value` as the source wrote it, `normalized` as handles.py spells it."""

    kind: str  # one of handles.KINDS
    value: str
    normalized: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Birthday:
    """A birthday; many address books know the day but not the year."""

    month: int
    day: int
    year: int | None = None

    def as_date(self) -> date | None:
        """The full date, or None when the year is unknown."""
        return date(self.year, self.month, self.day) if self.year else None


@dataclass(frozen=True, slots=True)
class Photo:
    """A contact's picture as its bytes, with the MIME type read from the bytes or the source."""

    data: bytes
    mime_type: str


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone named in a LinkedIn record: the name shown there and their profile, when given."""

    name: str
    linkedin: HandleRecord | None = None


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """A person as one source describes them. `problems` lists values that were present but
    unusable (a phone that is no phone, a date that is no date), so nothing vanishes unsaid."""

    source: SourceFormat
    source_key: str
    origin: Origin
    full_name: str
    given_name: str = ""
    family_name: str = ""
    organization: str = ""
    position: str = ""
    emails: tuple[HandleRecord, ...] = ()
    phones: tuple[HandleRecord, ...] = ()
    urls: tuple[HandleRecord, ...] = ()
    linkedin_url: HandleRecord | None = None
    birthday: Birthday | None = None
    photo: Photo | None = None
    notes: str = ""
    connected_on: date | None = None
    problems: tuple[str, ...] = ()

    @property
    def handles(self) -> tuple[HandleRecord, ...]:
        """Every handle of the record, LinkedIn profile first: the order matching should try."""
        linkedin = (self.linkedin_url,) if self.linkedin_url else ()
        return (*linkedin, *self.emails, *self.phones, *self.urls)


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One LinkedIn message. `counterparts` is everyone in it but the user; `direction` says
    whether the user sent it. Content has HTML entities decoded and keeps its line breaks."""

    source_key: str
    origin: Origin
    conversation_id: str
    conversation_title: str
    sender: Participant
    recipients: tuple[Participant, ...]
    counterparts: tuple[Participant, ...]
    sent_at: datetime
    subject: str
    content: str
    direction: Direction
    folder: str
    source: SourceFormat = SourceFormat.LINKEDIN


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    """A LinkedIn invitation to connect, sent by the user or to them."""

    source_key: str
    origin: Origin
    direction: Direction
    counterpart: Participant
    sent_at: datetime | None
    message: str
    source: SourceFormat = SourceFormat.LINKEDIN


@dataclass(frozen=True, slots=True)
class EndorsementRecord:
    """A skill endorsement on LinkedIn, given by the user (FROM_ME) or received (TO_ME)."""

    source_key: str
    origin: Origin
    direction: Direction
    counterpart: Participant
    skill: str
    endorsed_at: datetime | None
    status: str
    source: SourceFormat = SourceFormat.LINKEDIN


@dataclass(frozen=True, slots=True)
class RecommendationRecord:
    """A LinkedIn recommendation, written by the user (FROM_ME) or about them (TO_ME)."""

    source_key: str
    origin: Origin
    direction: Direction
    counterpart: Participant
    company: str
    job_title: str
    text: str
    created_at: datetime | None
    status: str
    source: SourceFormat = SourceFormat.LINKEDIN


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A record the parser did not turn into anything, and why; the importer lists each one."""

    origin: Origin
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


SourceRecord = (
    ContactRecord
    | MessageRecord
    | InvitationRecord
    | EndorsementRecord
    | RecommendationRecord
    | SkippedRecord
)
