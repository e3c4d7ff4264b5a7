"""vCard 2.1, 3.0 and 4.0 files, one or many cards each, as phones, Gmail, Outlook, Apple,
Evolution and Thunderbird really write them.

Written by hand rather than with vobject: on the shared real-world fixtures vobject dropped
quoted-printable continuation lines, rejected whole files over one odd photo, and lost folds
inside multi-byte characters. Here a bad property costs that property, a bad card that card.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator
from urllib.parse import unquote_to_bytes

from goodwill.sources.contact_builder import ContactBuilder
from goodwill.sources.dates import parse_birthday
from goodwill.sources.errors import SourceError
from goodwill.sources.inputs import Blob, encoding_from_bom, utf16_without_bom
from goodwill.sources.records import ContactRecord, Origin, Photo, SkippedRecord, SourceFormat
from goodwill.sources.vcard_lines import (
    Property,
    components,
    decode_base64,
    decode_text,
    logical_lines,
    parse_property,
    unescape,
    value_bytes,
)

_BEGIN = re.compile(rb"BEGIN:VCARD", re.IGNORECASE)
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
# TYPE values that say nothing a person would call a label.
_NOISE_TYPES = {"internet", "pref", "voice", "x400", "msg", "text", "uri", "x-internet"}
_NOT_PEOPLE = {"group": "is a group of contacts", "org": "describes an organization, not a person"}
_IMAGE_TYPES = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG", "image/png"),
    (b"GIF8", "image/gif"),
    (b"BM", "image/bmp"),
)


def looks_like_vcard(text: str) -> bool:
    """True when text (the start of a file) opens a vCard, after blank lines if any."""
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


def read_vcards(blob: Blob, *, default_region: str) -> Iterator[ContactRecord | SkippedRecord]:
    """Each card of the file as a ContactRecord, or a SkippedRecord saying why not; SourceError
    now when the file is binary or holds no card at all."""
    data, wide = _card_bytes(blob)
    if not _BEGIN.search(data):
        raise SourceError(blob.name, "line 1", "holds no vCard (no BEGIN:VCARD line)")
    return _cards(blob.name, data, default_region=default_region, wide=wide)


def _card_bytes(blob: Blob) -> tuple[bytes, bool]:
    # The file as UTF-8-compatible bytes: a UTF-16 or UTF-32 file is decoded whole first, so
    # the line and property work below can stay on bytes. The flag says the file was wide, so
    # CHARSET parameters (which would describe the original bytes) no longer apply.
    data = blob.read_all()
    encoding = encoding_from_bom(data[:4]) or utf16_without_bom(data[:4096])
    if encoding == "utf-8-sig":
        return data[3:], False
    if encoding:
        try:
            return data.decode(encoding).encode("utf-8"), True
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise SourceError(blob.name, f"line {line}", f"is not valid {encoding}") from exc
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SourceError(blob.name, f"line {line}", "holds binary data, not text in any charset")
    return data, False


def _cards(
    name: str, data: bytes, *, default_region: str, wide: bool
) -> Iterator[ContactRecord | SkippedRecord]:
    card: list[Property] | None = None
    problems: list[str] = []
    origin = Origin(name, 1, 0)
    number = 0
    for line_number, line in logical_lines(data):
        head = line.lstrip()[:11].upper()
        if head.startswith(b"BEGIN:VCARD"):
            if card is not None:
                problems.append("has no END:VCARD before the next card begins")
                yield _record(card, origin, problems, default_region, wide)
            number += 1
            card, problems, origin = [], [], Origin(name, line_number, number)
            continue
        if head.startswith(b"END:VCARD"):
            if card is not None:
                yield _record(card, origin, problems, default_region, wide)
            card = None
            continue
        if card is None:
            continue  # text between cards belongs to no one
        prop = parse_property(line_number, line)
        if prop is None:
            preview = line[:40].decode("utf-8", "replace")
            problems.append(f"line {line_number} is not a vCard property: {preview!r}")
        else:
            card.append(prop)
    if card is not None:
        problems.append("the file ends inside this card (no END:VCARD): it may be cut short")
        yield _record(card, origin, problems, default_region, wide)


def _record(
    props: list[Property], origin: Origin, problems: list[str], default_region: str, wide: bool
) -> ContactRecord | SkippedRecord:
    version = next((_text(p, "", wide) for p in props if p.name == "VERSION"), "3.0").strip()
    kind = next((_text(p, version, wide).lower() for p in props if p.name == "KIND"), "")
    if kind in _NOT_PEOPLE:
        return SkippedRecord(origin, _NOT_PEOPLE[kind])
    labels = {
        p.group: _APPLE_LABEL.sub(r"\1", _text(p, version, wide).strip())
        for p in props
        if p.name == "X-ABLABEL" and p.group
    }
    contact = ContactBuilder(
        source=SourceFormat.VCARD, origin=origin, default_region=default_region
    )
    for problem in problems:
        contact.add_problem(problem)
    roles: list[str] = []
    seen: set[str] = set()
    for prop in props:
        name = prop.name
        first = name not in seen
        seen.add(name)
        if name == "FN" and not contact.full_name:
            contact.full_name = _text(prop, version, wide)
        elif name == "N" and first:
            parts = [*components(_decoded(prop, wide), version), "", "", "", "", ""]
            contact.family_name, contact.given_name, contact.middle_name = parts[0:3]
            contact.prefix, contact.suffix = parts[3:5]
        elif name == "NICKNAME" and not contact.nickname:
            contact.nickname = _text(prop, version, wide).split(",")[0]
        elif name == "ORG" and not contact.organization:
            contact.organization = components(_decoded(prop, wide), version)[0]
        elif name == "TITLE" and not contact.position:
            contact.position = _text(prop, version, wide)
        elif name == "ROLE":
            roles.append(_text(prop, version, wide))
        elif name == "EMAIL":
            contact.add_email(_text(prop, version, wide), _label(prop, labels))
        elif name == "TEL":
            contact.add_phone(_text(prop, version, wide), _label(prop, labels))
        elif name == "URL":
            contact.add_url(_text(prop, version, wide), _label(prop, labels))
        elif name == "X-SOCIALPROFILE":
            value = _text(prop, version, wide)
            if value.lower().startswith(("http://", "https://")):
                contact.add_url(value, ",".join(prop.types))
        elif name == "BDAY" and contact.birthday is None:
            _birthday(contact, _text(prop, version, wide))
        elif name == "PHOTO" and contact.photo is None:
            contact.photo = _photo(prop, contact)
        elif name == "NOTE":
            contact.add_note(_text(prop, version, wide))
        elif name == "UID" and not contact.uid:
            contact.uid = _text(prop, version, wide)
    if not contact.position and roles:
        contact.position = roles[0]
    return contact.build()


def _decoded(prop: Property, wide: bool) -> str:
    try:
        data = value_bytes(prop)
    except (binascii.Error, ValueError):
        data = prop.raw
    return decode_text(data, "" if wide else _charset(prop))


def _charset(prop: Property) -> str:
    charset = prop.param("CHARSET")
    try:
        return codecs.lookup(charset).name if charset else ""
    except LookupError:
        return ""


def _text(prop: Property, version: str, wide: bool) -> str:
    return unescape(_decoded(prop, wide), version).strip()


def _label(prop: Property, labels: dict[str, str]) -> str:
    if prop.group and labels.get(prop.group):
        return labels[prop.group]
    return next((kind for kind in prop.types if kind not in _NOISE_TYPES), "")


def _birthday(contact: ContactBuilder, value: str) -> None:
    try:
        contact.birthday = parse_birthday(value)
    except ValueError:
        contact.add_problem(f"birthday {value!r} is not a date")


def _photo(prop: Property, contact: ContactBuilder) -> Photo | None:
    raw = prop.raw.strip()
    if not raw:
        return None
    declared = prop.param("MEDIATYPE") or prop.param("TYPE")
    try:
        if raw[:5].lower() == b"data:":
            data, declared = _data_uri(raw.replace(b"\\,", b","), declared)
        elif prop.encoding in ("B", "BASE64"):
            data = decode_base64(raw)
        else:
            return None  # a link to a picture elsewhere: nothing to keep without fetching it
    except (binascii.Error, ValueError):
        contact.add_problem(f"line {prop.line}: the photo is not valid base64")
        return None
    if not data:
        return None
    return Photo(data, _mime_type(data, declared))


def _data_uri(raw: bytes, declared: str) -> tuple[bytes, str]:
    header, _, payload = raw[5:].partition(b",")
    media = header.decode("ascii", "replace").split(";")
    mime = media[0] or declared
    if "base64" in (part.lower() for part in media[1:]):
        return decode_base64(payload), mime
    return unquote_to_bytes(payload), mime


def _mime_type(data: bytes, declared: str) -> str:
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    declared = declared.lower()
    if "/" in declared:
        return declared
    return _IMAGE_TYPES.get(declared, "application/octet-stream")
