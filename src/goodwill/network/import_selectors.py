"""Reads for imports and duplicates, every one scoped to an owner."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet

from goodwill.network.models import (
    Contact,
    ContactPhoto,
    Handle,
    ImportRun,
    ImportSkip,
    MergeSuggestion,
)
from goodwill.network.services import Owner


def import_runs_for_owner(*, owner: Owner) -> QuerySet[ImportRun]:
    """The owner's import runs, newest first."""
    return ImportRun.objects.filter(owner=owner).order_by("-created_at", "-pk")


def import_runs_of_batch(*, owner: Owner, batch: UUID) -> list[ImportRun]:
    """The runs of one upload or one command, in the order the files were given."""
    return list(ImportRun.objects.filter(owner=owner, batch=batch).order_by("pk"))


def import_skips(*, run: ImportRun, limit: int | None = None) -> list[ImportSkip]:
    """What a run left out, in file order."""
    skips = ImportSkip.objects.filter(owner_id=run.owner_id, run=run).order_by("pk")
    return list(skips[:limit] if limit is not None else skips)


@dataclass(frozen=True)
class SuggestedPair:
    """An open merge suggestion with both contacts, for a page or a terminal."""

    suggestion: MergeSuggestion
    first: Contact
    second: Contact


def merge_suggestions_open(*, owner: Owner, limit: int | None = None) -> list[SuggestedPair]:
    """Open suggestions with their contacts, oldest first."""
    suggestions = (
        MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.OPEN)
        .select_related("contact_a__organization", "contact_b__organization")
        .order_by("pk")
    )
    if limit is not None:
        suggestions = suggestions[:limit]
    return [
        SuggestedPair(s, s.contact_a, s.contact_b) for s in suggestions if s.contact_b is not None
    ]


def merge_suggestions_open_count(*, owner: Owner) -> int:
    return MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.OPEN).count()


def merges_done(*, owner: Owner, limit: int | None = None) -> list[MergeSuggestion]:
    """The owner's merges, newest first: the contact kept (contact_a), the absorbed contact's
    name and when."""
    merged = (
        MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.MERGED)
        .select_related("contact_a__organization")
        .order_by("-decided_at", "-pk")
    )
    return list(merged[:limit] if limit is not None else merged)


def merges_done_count(*, owner: Owner) -> int:
    return MergeSuggestion.objects.filter(owner=owner, status=MergeSuggestion.Status.MERGED).count()


# What each source is called on a page; anything else is shown as its own name.
SOURCE_NAMES = {
    "linkedin": "LinkedIn export",
    "vcard": "vCard file",
    "google-csv": "Google Contacts CSV",
    "outlook-csv": "Outlook CSV",
    "thunderbird-csv": "Thunderbird CSV",
    "mail": "mail import",
}
_TYPED = ("manual", "user")
_FIELD_LABELS = (
    ("full_name", "Name"),
    ("organization", "Organization"),
    ("position", "Job title"),
    ("connected_on", "Connected on LinkedIn"),
    ("birthday", "Birthday"),
    ("photo", "Photo"),
    ("notes", "Notes"),
)


def source_name(source: str) -> str:
    """'LinkedIn export', 'typed by you', ...: where a value came from, for a person."""
    if source in _TYPED:
        return "typed by you"
    return f"from {SOURCE_NAMES.get(source, source)}"


@dataclass(frozen=True)
class ValueOrigin:
    """One value of a contact and where it came from; `run` is the import that brought it,
    when that is known (handles)."""

    label: str
    value: str
    origin: str
    run: ImportRun | None = None


@dataclass(frozen=True)
class ContactOrigins:
    """What imports stored about a contact beyond the basics, and where each value came from."""

    has_photo: bool
    photo_shown: bool
    birthday: str
    fields: list[ValueOrigin]
    handles: list[ValueOrigin]


def birthday_text(*, year: int | None, month: int | None, day: int | None) -> str:
    """'15 April 1980', or '15 April' when the year is not known; '' without a birthday."""
    if month is None or day is None or not 1 <= month <= 12:
        return ""
    return f"{day} {calendar.month_name[month]}" + (f" {year}" if year else "")


def contact_origins(*, contact: Contact) -> ContactOrigins:
    """The contact's photo (whether there is one), birthday, and the origin of each field and
    handle. The photo's bytes are not read here."""
    mime_type = (
        ContactPhoto.objects.filter(owner_id=contact.owner_id, contact=contact)
        .values_list("mime_type", flat=True)
        .first()
    )
    has_photo = mime_type is not None
    birthday = birthday_text(
        year=contact.birthday_year, month=contact.birthday_month, day=contact.birthday_day
    )
    values = {
        "full_name": contact.full_name,
        "organization": contact.organization.name if contact.organization else "",
        "position": contact.position,
        "connected_on": contact.connected_on.strftime("%-d %B %Y") if contact.connected_on else "",
        "birthday": birthday,
        "photo": "a picture" if has_photo else "",
        "notes": "notes" if contact.notes.strip() else "",
    }
    sources = contact.field_sources or {}
    fields = [
        ValueOrigin(label, values[name], source_name(sources.get(name, "user")))
        for name, label in _FIELD_LABELS
        if values[name]
    ]
    handles = []
    stored = Handle.objects.filter(owner_id=contact.owner_id, contact=contact)
    for handle in stored.select_related("import_run").order_by("kind", "pk"):
        run = handle.import_run
        if run is not None and run.owner_id != contact.owner_id:
            run = None  # never another account's run, whatever a row says
        handles.append(
            ValueOrigin(handle.get_kind_display(), handle.value, source_name(handle.source), run)
        )
    return ContactOrigins(has_photo, mime_type in PHOTO_TYPES, birthday, fields, handles)


# Pictures a browser shows as they are; anything else (SVG can hold scripts) is only downloaded.
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp"})


def contact_photo(*, contact: Contact) -> ContactPhoto | None:
    """The contact's picture with its bytes, or None."""
    return ContactPhoto.objects.filter(owner_id=contact.owner_id, contact=contact).first()
