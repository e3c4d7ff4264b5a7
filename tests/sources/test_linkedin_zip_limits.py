"""A zip that would unpack far past a real LinkedIn export (a zip bomb) is refused before any of
it is unpacked, with one line naming the member and the problem."""

from __future__ import annotations

import io
import zipfile

import pytest

from goodwill.sources.errors import SourceError
from goodwill.sources.inputs import Blob
from goodwill.sources.linkedin import open_linkedin_zip
from tests.sources.helpers import csv_text, read
from tests.sources.layouts import CONNECTIONS_2024

CONNECTIONS = csv_text(
    CONNECTIONS_2024,
    [{"First Name": "Ana", "Last Name": "Bozic", "Connected On": "16 Dec 2024"}],
)


def _deflated(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_member_compressed_a_thousand_times_is_refused_as_a_zip_bomb() -> None:
    # 50 MB of one repeated line packs into about 50 KB.
    bomb = CONNECTIONS.encode() + b"Ana,Bozic,,,,,16 Dec 2024\n" * 2_000_000
    data = _deflated({"Connections.csv": bomb})

    with pytest.raises(SourceError) as caught:
        read(data, name="export.zip")

    assert caught.value.file == "export.zip/Connections.csv"
    assert "times larger than it is stored" in caught.value.problem
    assert "zip bomb" in str(caught.value)


def test_a_member_larger_than_one_file_may_be_is_refused() -> None:
    data = _deflated({"Connections.csv": CONNECTIONS.encode()})

    with pytest.raises(SourceError) as caught:
        open_linkedin_zip(Blob.from_bytes(data, "export.zip"), max_member_bytes=10)

    assert caught.value.file == "export.zip/Connections.csv"
    assert "more than the" in caught.value.problem
    assert "one file may hold" in caught.value.problem


def test_members_together_larger_than_the_total_limit_are_refused() -> None:
    data = _deflated({"Connections.csv": CONNECTIONS.encode(), "messages.csv": b"x" * 4000})
    size = len(CONNECTIONS.encode())

    with pytest.raises(SourceError) as caught:
        open_linkedin_zip(Blob.from_bytes(data, "export.zip"), max_total_bytes=size + 100)

    assert "unpacked, more than the" in caught.value.problem


def test_members_goodwill_does_not_read_are_not_held_against_the_export() -> None:
    # A huge, highly compressed file Goodwill never opens (say, a video) costs nothing.
    data = _deflated(
        {"Connections.csv": CONNECTIONS.encode(), "Rich_Media/video.bin": b"\0" * 20_000_000}
    )

    names = [getattr(record, "full_name", None) for record in read(data, name="export.zip")]

    assert "Ana Bozic" in names


def test_a_real_sized_export_reads_within_the_limits() -> None:
    rows = [
        {"First Name": f"Person{i}", "Last Name": "Example", "Connected On": "16 Dec 2024"}
        for i in range(5000)
    ]
    data = _deflated({"Connections.csv": csv_text(CONNECTIONS_2024, rows).encode()})

    assert len(read(data, name="export.zip")) == 5000
