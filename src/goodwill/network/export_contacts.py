"""An owner's contacts as a vCard 4.0 file or a CSV file.

The vCard export is written so that Goodwill's own importer reads back every name, handle,
organization, job title, note, birthday and photo. The CSV is for spreadsheets, and so any
cell a spreadsheet would run as a formula is made plain text first.
"""

from __future__ import annotations

import base64
import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from goodwill.network.models import Contact, ContactPhoto, Handle
from goodwill.network.services import Owner
from goodwill.sources.contact_builder import split_full_name

# A spreadsheet runs a cell that starts with one of these as a formula (or as the start of one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = (
    "Name",
    "Organization",
    "Job title",
    "Emails",
    "Phones",
    "LinkedIn",
    "Websites",
    "Feeds",
    "Circle",
    "Birthday",
    "Connected on",
    "Last touch",
    "Notes",
)
_FOLD_AT = 75  # octets per line, as RFC 6350 asks


@dataclass(frozen=True)
class _ContactWithHandles:
    contact: Contact
    handles: dict[str, list[Handle]]


def _contacts_with_handles(owner: Owner) -> Iterator[_ContactWithHandles]:
    handles: dict[int, dict[str, list[Handle]]] = defaultdict(lambda: defaultdict(list))
    for handle in Handle.objects.filter(owner=owner).order_by("contact_id", "pk"):
        handles[handle.contact_id][handle.kind].append(handle)
    contacts = (
        Contact.objects.filter(owner=owner).select_related("organization", "circle").order_by("pk")
    )
    for contact in contacts.iterator(chunk_size=2000):
        yield _ContactWithHandles(contact, handles.get(contact.pk, {}))


# -- vCard -----------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    # Folds at 75 octets without cutting a UTF-8 character in two.
    data = line.encode()
    if len(data) <= _FOLD_AT:
        return line
    parts = []
    start = 0
    limit = _FOLD_AT
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode())
        start = end
        limit = _FOLD_AT - 1  # continuation lines start with a space
    return "\r\n ".join(parts)


def _linkedin_url(handle: Handle) -> str:
    return f"https://www.{handle.normalized}"


def _web_url(handle: Handle) -> str:
    value = handle.value.strip()
    return value if "://" in value else f"https://{value}"


def contact_vcard(
    contact: Contact, handles: dict[str, list[Handle]], photo: ContactPhoto | None
) -> str:
    """One contact as a vCard 4.0 card, lines ending in CRLF."""
    given, family = split_full_name(contact.full_name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{_escape(contact.full_name)}",
        f"N:{_escape(family)};{_escape(given)};;;",
    ]
    if contact.organization is not None:
        lines.append(f"ORG:{_escape(contact.organization.name)}")
    if contact.position:
        lines.append(f"TITLE:{_escape(contact.position)}")
    lines += [f"EMAIL:{_escape(h.value.strip())}" for h in handles.get(Handle.Kind.EMAIL, [])]
    lines += [f"TEL;VALUE=uri:tel:{h.normalized}" for h in handles.get(Handle.Kind.PHONE, [])]
    lines += [f"URL:{_linkedin_url(h)}" for h in handles.get(Handle.Kind.LINKEDIN, [])]
    lines += [f"URL:{_web_url(h)}" for h in handles.get(Handle.Kind.WEBSITE, [])]
    lines += [f"URL;TYPE=feed:{_web_url(h)}" for h in handles.get(Handle.Kind.FEED, [])]
    if contact.birthday_month and contact.birthday_day:
        day = f"{contact.birthday_month:02d}{contact.birthday_day:02d}"
        year = f"{contact.birthday_year:04d}" if contact.birthday_year else "--"
        lines.append(f"BDAY:{year}{day}")
    if contact.notes.strip():
        lines.append(f"NOTE:{_escape(contact.notes.strip())}")
    if photo is not None:
        encoded = base64.b64encode(bytes(photo.data)).decode()
        lines.append(f"PHOTO:data:{photo.mime_type};base64,{encoded}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def contacts_vcard(*, owner: Owner) -> Iterator[str]:
    """Every contact of the owner as vCard 4.0 text, a card at a time."""
    photos = {photo.contact_id: photo for photo in ContactPhoto.objects.filter(owner=owner)}
    for item in _contacts_with_handles(owner):
        yield contact_vcard(item.contact, item.handles, photos.get(item.contact.pk))


# -- CSV -------------------------------------------------------------------------------------


def neutralize_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading '."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv_row(item: _ContactWithHandles) -> list[str]:
    contact = item.contact

    def joined(kind: str) -> str:
        return "; ".join(h.value.strip() for h in item.handles.get(kind, []))

    birthday = ""
    if contact.birthday_month and contact.birthday_day:
        year = f"{contact.birthday_year:04d}" if contact.birthday_year else "--"
        birthday = f"{year}-{contact.birthday_month:02d}-{contact.birthday_day:02d}"
    cells = [
        contact.full_name,
        contact.organization.name if contact.organization else "",
        contact.position,
        joined(Handle.Kind.EMAIL),
        "; ".join(h.normalized for h in item.handles.get(Handle.Kind.PHONE, [])),
        joined(Handle.Kind.LINKEDIN),
        joined(Handle.Kind.WEBSITE),
        joined(Handle.Kind.FEED),
        contact.circle.name,
        birthday,
        contact.connected_on.isoformat() if contact.connected_on else "",
        contact.last_touch_at.isoformat() if contact.last_touch_at else "",
        contact.notes,
    ]
    return [neutralize_cell(cell) for cell in cells]


def contacts_csv(*, owner: Owner) -> Iterator[str]:
    """Every contact of the owner as CSV text (UTF-8 with a byte-order mark, which spreadsheets
    need to read it as UTF-8), a row at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    yield "\ufeff" + out.getvalue()
    for item in _contacts_with_handles(owner):
        out.seek(0)
        out.truncate()
        writer.writerow(_csv_row(item))
        yield out.getvalue()
