from __future__ import annotations

from pathlib import Path

import pytest

from goodwill.sources.detect import detect_format, read_source
from goodwill.sources.errors import SourceError
from goodwill.sources.handles import HandleError
from goodwill.sources.records import ContactRecord, SourceFormat
from tests.sources.helpers import csv_text, read, zip_bytes
from tests.sources.layouts import (
    CONNECTIONS_2024,
    GOOGLE,
    LINKEDIN_NOTES,
    MESSAGES_2024,
    OUTLOOK_COM,
    OUTLOOK_DESKTOP,
    THUNDERBIRD,
)

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (zip_bytes({"Connections.csv": csv_text(CONNECTIONS_2024, [])}), SourceFormat.LINKEDIN),
        (csv_text(CONNECTIONS_2024, [], preamble=LINKEDIN_NOTES).encode(), SourceFormat.LINKEDIN),
        (csv_text(MESSAGES_2024, []).encode(), SourceFormat.LINKEDIN),
        (f"\r\n{VCARD}".encode(), SourceFormat.VCARD),
        (VCARD.encode("utf-16"), SourceFormat.VCARD),
        (csv_text(GOOGLE, []).encode(), SourceFormat.GOOGLE_CSV),
        (csv_text(OUTLOOK_DESKTOP, []).encode("utf-16"), SourceFormat.OUTLOOK_CSV),
        (csv_text(OUTLOOK_COM, []).encode(), SourceFormat.OUTLOOK_CSV),
        (csv_text(THUNDERBIRD, []).encode(), SourceFormat.THUNDERBIRD_CSV),
    ],
)
def test_the_format_is_read_from_the_content_whatever_the_file_is_called(
    content: bytes, expected: SourceFormat
) -> None:
    assert detect_format(content, name="download (3).txt") == expected


def test_a_path_is_read_and_named_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "phone.vcf"
    path.write_text(VCARD)
    [ana] = list(read_source(path))
    assert isinstance(ana, ContactRecord)
    assert ana.origin.file == "phone.vcf"


def test_a_missing_path_is_a_source_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^nothing\.vcf: no such file$"):
        read_source(tmp_path / "nothing.vcf", name="nothing.vcf")


def test_a_forced_format_is_used_even_when_the_content_would_say_otherwise() -> None:
    # A Google header forced as Outlook fails; forced as Google it reads.
    text = csv_text(GOOGLE, [{"First Name": "Ana"}])
    [ana] = read(text, format="google-csv")
    assert isinstance(ana, ContactRecord)
    assert ana.full_name == "Ana"
    with pytest.raises(SourceError):
        read(text, format=SourceFormat.THUNDERBIRD_CSV)


def test_a_file_of_the_wrong_kind_is_one_line_naming_file_line_and_problem() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
    with pytest.raises(SourceError) as caught:
        read(png, "holiday.png")
    assert str(caught.value) == (
        "holiday.png, line 3: is not a LinkedIn export, a vCard, or a Google, Outlook or "
        "Thunderbird CSV: holds binary data, not text in any charset"
    )


def test_bytes_that_decode_in_no_charset_name_their_line() -> None:
    data = b"First Name,Last Name\nAna,Bozic\nBo,\x81\x8d\xc3\n"
    with pytest.raises(SourceError) as caught:
        read(data, "odd.csv")
    assert str(caught.value).startswith("odd.csv, line 3: is not a LinkedIn export")
    assert str(caught.value).endswith(
        "the bytes decode in no charset Goodwill reads (UTF-8, UTF-16 or Windows-1252)"
    )


def test_an_empty_file_says_it_is_empty() -> None:
    with pytest.raises(SourceError, match=r"^empty\.csv, line 1: is empty$"):
        read(b"", "empty.csv")


def test_the_error_is_raised_when_reading_starts_not_after_some_records() -> None:
    with pytest.raises(SourceError):
        read_source(b"no header here\n", name="x.csv")  # no iteration needed


def test_an_unknown_format_name_is_a_value_error_listing_the_known_ones() -> None:
    with pytest.raises(ValueError, match="'excel' is not a format Goodwill reads"):
        read(VCARD, format="excel")


def test_an_unknown_default_region_is_refused() -> None:
    with pytest.raises(HandleError, match="'Mars' is not a region code"):
        read(VCARD, default_region="Mars")
