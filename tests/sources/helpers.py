"""Small builders for test inputs: CSV text from a header and rows, zips from members, and
readers that return the records of each kind."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from goodwill.sources.detect import read_source
from goodwill.sources.records import ContactRecord, SkippedRecord, SourceRecord


def csv_text(header: list[str], rows: list[dict[str, str]], *, preamble: str = "") -> str:
    """A CSV file: optional preamble lines, the header, then each row by column name (cells
    of columns the header lacks are left out, as an older export would)."""
    out = io.StringIO()
    out.write(preamble)
    writer = csv.DictWriter(
        out, fieldnames=header, lineterminator="\n", restval="", extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def zip_bytes(members: dict[str, str | bytes]) -> bytes:
    """A zip archive holding the given members (text is stored as UTF-8)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return out.getvalue()


def read(data: str | bytes, name: str = "file", **options: Any) -> list[SourceRecord]:
    """Every record read_source yields for the data (text is encoded as UTF-8)."""
    raw = data.encode() if isinstance(data, str) else data
    return list(read_source(raw, name=name, **options))


def contacts(data: str | bytes, name: str = "file", **options: Any) -> list[ContactRecord]:
    """Only the contact records."""
    return [r for r in read(data, name, **options) if isinstance(r, ContactRecord)]


def skipped(data: str | bytes, name: str = "file", **options: Any) -> list[SkippedRecord]:
    """Only the skipped records."""
    return [r for r in read(data, name, **options) if isinstance(r, SkippedRecord)]
