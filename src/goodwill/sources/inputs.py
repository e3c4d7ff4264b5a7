"""Where a source's bytes come from, and which charset turns them into text.

A Blob can be opened again from the start, so a parser may read a file twice (once to learn the
charset or who the user is, once to yield records) without holding it all in memory.
"""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TextIO

from goodwill.sources.errors import SourceError

HEAD_SIZE = 64 * 1024
CHUNK_SIZE = 1024 * 1024

# What reading a damaged zip member or an unreadable file raises, whatever layer it comes from:
# zipfile says NotImplementedError for an unknown compression method or version, RuntimeError
# for an encrypted member and ValueError for offsets that point outside the archive.
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


@dataclass(frozen=True)
class Blob:
    """Bytes with a name for messages, readable from the start as often as needed."""

    name: str
    opener: Callable[[], IO[bytes]]

    @classmethod
    def from_path(cls, path: Path, name: str) -> Blob:
        """A file on disk."""
        return cls(name, lambda: path.open("rb"))

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> Blob:
        """Bytes already in memory."""
        return cls(name, lambda: io.BytesIO(data))

    @classmethod
    def from_zip(cls, archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> Blob:
        """One member of an open zip archive."""
        return cls(name, lambda: archive.open(member))

    def head(self, size: int = HEAD_SIZE) -> bytes:
        """The first `size` bytes."""
        with self.reading("line 1"), self.opener() as stream:
            return stream.read(size)

    def read_all(self) -> bytes:
        """Every byte; for formats that need the whole file at once."""
        with self.reading("line 1"), self.opener() as stream:
            return stream.read()

    @contextmanager
    def reading(self, location: str) -> Iterator[None]:
        """Turns a damaged archive or an unreadable file into a SourceError naming this blob."""
        try:
            yield
        except READ_ERRORS as exc:
            raise SourceError(self.name, location, f"cannot be read: {exc}") from exc


def sniff_encoding(blob: Blob) -> str:
    """The codec that decodes every byte of the blob: a byte-order mark's, UTF-16 without one,
    UTF-8, or Windows-1252 (what spreadsheets on Windows save). SourceError when none does."""
    head = blob.head()
    declared = encoding_from_bom(head) or utf16_without_bom(head)
    if declared:
        return declared
    if b"\x00" in head:
        line = head.count(b"\n", 0, head.index(b"\x00")) + 1
        raise SourceError(blob.name, f"line {line}", "holds binary data, not text in any charset")
    for encoding in ("utf-8", "cp1252"):
        if first_undecodable_line(blob, encoding) is None:
            return encoding
    bad_line = first_undecodable_line(blob, "utf-8")
    raise SourceError(
        blob.name,
        f"line {bad_line}",
        "the bytes decode in no charset Goodwill reads (UTF-8, UTF-16 or Windows-1252)",
    )


def encoding_from_bom(head: bytes) -> str | None:
    """The codec a byte-order mark announces, or None."""
    # UTF-32's little-endian mark begins with UTF-16's, so it is asked first.
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the zero bytes sit where mostly-ASCII UTF-16 puts them."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zeros = sample[0 : pairs * 2 : 2].count(0)
    odd_zeros = sample[1 : pairs * 2 : 2].count(0)
    if odd_zeros > pairs * 0.4 and even_zeros < pairs * 0.05:
        return "utf-16-le"
    if even_zeros > pairs * 0.4 and odd_zeros < pairs * 0.05:
        return "utf-16-be"
    return None


def first_undecodable_line(blob: Blob, encoding: str) -> int | None:
    """The line of the first byte `encoding` cannot decode, or None when all of it decodes."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines_before = 0
    with blob.reading("line 1"), blob.opener() as stream:
        while chunk := stream.read(CHUNK_SIZE):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return lines_before + chunk.count(b"\n", 0, max(exc.start, 0)) + 1
            lines_before += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return lines_before + 1
    return None


def head_text(blob: Blob, encoding: str, size: int = HEAD_SIZE) -> str:
    """The first part of the blob as text, for telling formats apart."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(blob.head(size), final=False)


@contextmanager
def open_text(blob: Blob, encoding: str) -> Iterator[TextIO]:
    """The blob as a text stream with newlines left alone (what the csv module wants). Errors
    while reading it are the reader's to place, since only the reader knows the line."""
    with blob.reading("line 1"):
        raw = blob.opener()
    with raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        yield text
