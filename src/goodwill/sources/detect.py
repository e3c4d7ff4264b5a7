"""The one way in: hand over a file, get its records. The format is read from the content
(a zip, BEGIN:VCARD, or a header row Goodwill knows), not from the file name, unless forced."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from goodwill.sources import contacts_csv, linkedin
from goodwill.sources.errors import SourceError
from goodwill.sources.handles import DEFAULT_REGION, check_region
from goodwill.sources.inputs import Blob, head_text, sniff_encoding
from goodwill.sources.records import SourceFormat, SourceRecord
from goodwill.sources.tables import find_table
from goodwill.sources.vcard import looks_like_vcard, read_vcards

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_WHAT_WE_READ = "a LinkedIn export, a vCard, or a Google, Outlook or Thunderbird CSV"

type SourceInput = str | os.PathLike[str] | bytes


def read_source(
    source: SourceInput,
    *,
    name: str | None = None,
    format: SourceFormat | str | None = None,
    default_region: str = DEFAULT_REGION,
) -> Iterator[SourceRecord]:
    """The records of a file (a path or its bytes), in file order, with a SkippedRecord for each
    record that could not be used. A file that cannot be read at all raises SourceError before
    the first record; `format` forces a format, `default_region` reads phones without a country
    code. `name` is what messages call the file (a path's name by default)."""
    region = check_region(default_region)
    blob = _blob(source, name)
    chosen = _format(format) or detect_format(blob)
    if chosen == SourceFormat.LINKEDIN:
        if _is_zip(blob):
            return linkedin.open_linkedin_zip(blob).records(default_region=region)
        return linkedin.read_linkedin_csv(blob, default_region=region)
    if chosen == SourceFormat.VCARD:
        return read_vcards(blob, default_region=region)
    return contacts_csv.read_contacts_csv(blob, default_region=region, expected=chosen)


def detect_format(source: SourceInput | Blob, *, name: str | None = None) -> SourceFormat:
    """The format of a file, read from its content; SourceError naming the file, the line and
    the problem when it is none Goodwill imports."""
    blob = source if isinstance(source, Blob) else _blob(source, name)
    head = blob.head()
    if not head.strip():
        raise SourceError(blob.name, "line 1", "is empty")
    if head.startswith(_ZIP_MAGIC):
        return SourceFormat.LINKEDIN
    if looks_like_vcard(head[:64].decode("latin-1")):
        return SourceFormat.VCARD
    try:
        encoding = sniff_encoding(blob)
        if looks_like_vcard(head_text(blob, encoding, 256)):
            return SourceFormat.VCARD
        return find_table(blob, _classify).layout
    except SourceError as exc:
        raise SourceError(exc.file, exc.location, f"is not {_WHAT_WE_READ}: {exc.problem}") from exc


def _classify(header: tuple[str, ...]) -> SourceFormat | None:
    if linkedin.classify_header(header) is not None:
        return SourceFormat.LINKEDIN
    layout = contacts_csv.classify_header(header)
    return layout.source if layout else None


def _format(format: SourceFormat | str | None) -> SourceFormat | None:
    if format is None or format == "":
        return None
    try:
        return SourceFormat(format)
    except ValueError:
        known = ", ".join(kind.value for kind in SourceFormat)
        raise ValueError(f"{format!r} is not a format Goodwill reads ({known})") from None


def _blob(source: SourceInput, name: str | None) -> Blob:
    if isinstance(source, bytes):
        return Blob.from_bytes(source, name or "upload")
    path = Path(source)
    if not path.is_file():
        raise SourceError(name or str(path), "", "no such file")
    return Blob.from_path(path, name or path.name)


def _is_zip(blob: Blob) -> bool:
    return blob.head(4).startswith(_ZIP_MAGIC)
