"""The parsers on real files from other projects (../shared/data/fixtures beside the repository):
none may raise anything but SourceError, and real cards give the names and emails they hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodwill.sources.detect import read_source
from goodwill.sources.errors import SourceError
from goodwill.sources.records import Birthday, ContactRecord, SkippedRecord, SourceRecord

FIXTURES = Path(__file__).parents[2] / ".." / "shared" / "data" / "fixtures"
VCARDS = sorted(FIXTURES.glob("**/*.vcf")) if FIXTURES.is_dir() else []

pytestmark = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"the shared real-world fixtures are not at {FIXTURES}"
)


def records_of(relative: str) -> list[SourceRecord]:
    return list(read_source(FIXTURES / relative))


def cards_of(relative: str) -> list[ContactRecord]:
    return [r for r in records_of(relative) if isinstance(r, ContactRecord)]


@pytest.mark.parametrize("path", VCARDS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_real_vcard_reads_without_raising_and_names_each_contact(path: Path) -> None:
    for record in read_source(path):
        assert isinstance(record, ContactRecord | SkippedRecord)
        if isinstance(record, ContactRecord):
            assert record.full_name.strip()
            assert "\ufffd" not in record.full_name


def test_no_real_file_of_any_kind_makes_the_importer_raise_anything_but_source_error() -> None:
    unexpected = []
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        try:
            for _ in read_source(path):
                pass
        except SourceError:
            continue
        except Exception as exc:  # the point is to catch everything else
            unexpected.append(f"{path.relative_to(FIXTURES)}: {type(exc).__name__}: {exc}")
    assert unexpected == []


def test_a_gmail_export_gives_each_person_with_their_email() -> None:
    found = [(c.full_name, c.emails[0].normalized) for c in cards_of("ez-vcard/gmail-list.vcf")]
    assert found == [
        ("Arnold Smith", "asmithk@gmail.com"),
        ("Chris Beatle", "chrisy55d@yahoo.com"),
        ("Doug White", "dwhite@gmail.com"),
    ]


def test_an_iphone_card_gives_names_email_phones_and_photo() -> None:
    [john] = cards_of("ez-vcard/John_Doe_IPHONE.vcf")
    assert (john.given_name, john.family_name, john.organization) == ("John", "Doe", "IBM")
    assert [e.normalized for e in john.emails] == ["john.doe@ibm.com"]
    assert "+19055551234" in [p.normalized for p in john.phones]
    assert john.photo is not None
    assert john.photo.mime_type == "image/jpeg"


def test_an_outlook_2007_card_keeps_its_quoted_printable_note_whole() -> None:
    [mike] = cards_of("ez-vcard/outlook-2007.vcf")
    assert mike.emails[0].normalized == "mike.angstadt@gmail.com"
    assert mike.notes.splitlines()[-1] == "It does not preserve the formatting"


def test_an_android_card_joins_quoted_printable_soft_breaks() -> None:
    names = [c.full_name for c in cards_of("ez-vcard/John_Doe_ANDROID.vcf")]
    assert "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ" in names


def test_a_chinese_quoted_printable_card_decodes() -> None:
    [card] = cards_of("radicale/vcard-quoted-printable1.vcf")
    assert card.full_name == "黄世勇"


def test_a_fold_inside_a_utf8_character_in_a_real_card_decodes() -> None:
    [card] = cards_of("kcontacts/vcard9.vcf")
    assert card.family_name.startswith("123ㄓㄕㄖbcde")
    assert "\ufffd" not in card.notes


def test_real_cards_missing_n_and_fn_are_named_by_their_email() -> None:
    names = [c.full_name for c in cards_of("radicale/broken-vcards.vcf")]
    assert names == ["test-misses-N-or-FN@example.com", "test-misses-N-or-FN@example1.com"]


def test_real_data_uri_photos_keep_their_png_bytes() -> None:
    for relative in ("khard/photov4.vcf", "radicale/contact_photo_with_data_uri.vcf"):
        [card] = cards_of(relative)
        assert card.photo is not None
        assert card.photo.data.startswith(b"\x89PNG")


def test_real_birthdays_without_a_year_read_as_such() -> None:
    [perreault] = cards_of("ez-vcard/rfc6350-example.vcf")
    [cardbook] = cards_of("radicale/contact4-with-bday-no-year.vcf")
    assert perreault.birthday == Birthday(2, 3)
    assert cardbook.birthday == Birthday(1, 1)
