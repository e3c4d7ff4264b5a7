from __future__ import annotations

import base64
import codecs

import pytest

from goodwill.sources.errors import SourceError
from goodwill.sources.records import Birthday, SkippedRecord, SourceFormat
from tests.sources.helpers import contacts, read, skipped

# The smallest valid PNG: a 1x1 pixel.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAAD0lEQVQIHQEEAPv/AP///wX+Av4DfRnGAAAAAElFTkSuQmCC"
)
PNG_B64 = base64.b64encode(PNG)


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def test_a_plain_card_yields_its_name_handles_organization_and_title() -> None:
    [ana] = contacts(
        card(
            "FN:Ana Bozic",
            "N:Bozic;Ana;;;",
            "ORG:Northwind;Sales",
            "TITLE:Head of Sales",
            "EMAIL;TYPE=INTERNET,WORK:Ana@Northwind.example",
            "TEL;TYPE=CELL:+1 617 236 0442",
            "URL:https://ana.example/",
            "NOTE:Met at the fair",
        ),
        "ana.vcf",
    )
    assert ana.source == SourceFormat.VCARD
    assert (ana.full_name, ana.given_name, ana.family_name) == ("Ana Bozic", "Ana", "Bozic")
    assert (ana.organization, ana.position) == ("Northwind", "Head of Sales")
    assert [(e.normalized, e.label) for e in ana.emails] == [("ana@northwind.example", "work")]
    assert [(p.normalized, p.label) for p in ana.phones] == [("+16172360442", "cell")]
    assert [u.normalized for u in ana.urls] == ["ana.example"]
    assert ana.notes == "Met at the fair"
    assert ana.origin.line == 1


def test_many_cards_in_one_file_each_become_a_record_with_its_own_line() -> None:
    text = card("FN:One") + card("FN:Two") + "\r\n" + card("FN:Three")
    found = contacts(text)
    assert [c.full_name for c in found] == ["One", "Two", "Three"]
    assert [(c.origin.line, c.origin.record) for c in found] == [(1, 1), (5, 2), (10, 3)]


def test_quoted_printable_with_soft_line_breaks_decodes_whole() -> None:
    text = card(
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BC=",
        "ller",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:first line=0D=0A=",
        "second line=0D=0A=",
        "third",
        "TEL;CELL:+49 171 1234567",
        version="2.1",
    )
    [jurgen] = contacts(text)
    assert jurgen.full_name == "Jürgen Müller"
    assert (jurgen.given_name, jurgen.family_name) == ("Jürgen", "Müller")
    assert jurgen.notes == "first line\nsecond line\nthird"
    assert [p.normalized for p in jurgen.phones] == ["+491711234567"]


def test_a_soft_line_break_splitting_a_multibyte_character_still_decodes() -> None:
    text = card("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=BB=84=E4=B8=", "=96=E5=8B=87")
    assert contacts(text)[0].full_name == "黄世勇"


def test_a_fold_inside_a_multibyte_character_is_joined_before_decoding() -> None:
    name = "Αλέξανδρος Παπαδόπουλος".encode()
    cut = name.index("έ".encode()) + 1  # between the two bytes of έ
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name[:cut] + b"\r\n " + name[cut:]
    data += b"\r\nEND:VCARD\r\n"
    assert contacts(data)[0].full_name == "Αλέξανδρος Παπαδόπουλος"


def test_folded_lines_are_unfolded_with_tabs_or_spaces() -> None:
    text = card("FN:Ana", "NOTE:This note was folded at a", "  space and", "\t at a tab")
    assert contacts(text)[0].notes == "This note was folded at a space and at a tab"


def test_ios5_line_ends_with_two_carriage_returns_still_fold() -> None:
    data = b"BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Ana Bo\r\r\n zic\r\r\nEND:VCARD\r\r\n"
    assert contacts(data)[0].full_name == "Ana Bozic"


def test_a_declared_iso_8859_2_charset_is_honoured() -> None:
    data = card("FN;CHARSET=ISO-8859-2:Łukasz Żółć", version="2.1").encode("iso-8859-2")
    assert contacts(data)[0].full_name == "Łukasz Żółć"


def test_an_undeclared_windows_1252_card_decodes() -> None:
    name = "Zoë Müller \u2013 Café"  # the dash is one of the bytes Latin-1 lacks
    data = card(f"FN:{name}", version="2.1").encode("cp1252")
    assert contacts(data)[0].full_name == name


def test_a_wrongly_declared_charset_falls_back_to_what_decodes() -> None:
    data = card("FN;CHARSET=UTF-8:Zoë Müller", version="2.1").encode("cp1252")
    assert contacts(data)[0].full_name == "Zoë Müller"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_with_or_without_byte_order_mark_reads(encoding: str) -> None:
    data = card("FN:Ana Božić", "EMAIL:ana@example.com").encode(encoding)
    [ana] = contacts(data, "phone.vcf")
    assert ana.full_name == "Ana Božić"
    assert ana.emails[0].normalized == "ana@example.com"


def test_a_utf8_byte_order_mark_is_no_obstacle() -> None:
    data = codecs.BOM_UTF8 + card("FN:Ana").encode()
    assert contacts(data)[0].full_name == "Ana"


def test_a_base64_photo_keeps_its_bytes_and_type() -> None:
    folded = "\r\n ".join(PNG_B64[i : i + 60].decode() for i in range(0, len(PNG_B64), 60))
    [ana] = contacts(card("FN:Ana", f"PHOTO;ENCODING=b;TYPE=PNG:{folded}"))
    assert ana.photo is not None
    assert ana.photo.data == PNG
    assert ana.photo.mime_type == "image/png"


def test_a_data_uri_photo_keeps_its_bytes_even_with_an_escaped_comma() -> None:
    [ana] = contacts(
        card("FN:Ana", f"PHOTO:data:image/png;base64\\,{PNG_B64.decode()}", version="4.0")
    )
    assert ana.photo is not None
    assert ana.photo.data == PNG


def test_a_data_uri_photo_marked_as_base64_too_keeps_its_bytes() -> None:
    line = f"PHOTO;ENCODING=b;TYPE=png:data:image/png;base64,{PNG_B64.decode()}"
    [ana] = contacts(card("FN:Ana", line))
    assert ana.photo is not None
    assert ana.photo.data == PNG


def test_an_outlook_photo_indented_and_closed_by_a_blank_line_keeps_its_bytes() -> None:
    body = "".join(f"\r\n    {PNG_B64[i : i + 40].decode()}" for i in range(0, len(PNG_B64), 40))
    text = card(f"PHOTO;TYPE=JPEG;ENCODING=BASE64:{body}\r\n", "EMAIL;PREF;INTERNET:a@b.example")
    [contact] = contacts(text.replace("VERSION:3.0", "VERSION:2.1"))
    assert contact.photo is not None
    assert contact.photo.data == PNG
    assert contact.photo.mime_type == "image/png"  # the bytes say PNG, whatever TYPE claims
    assert contact.emails[0].normalized == "a@b.example"


def test_a_photo_that_is_not_base64_is_a_problem_not_a_lost_card() -> None:
    [ana] = contacts(card("FN:Ana", "PHOTO;ENCODING=b:abcde"))
    assert ana.photo is None
    assert ana.problems == ("line 4: the photo is not valid base64",)


def test_a_photo_link_is_not_fetched() -> None:
    [ana] = contacts(card("FN:Ana", "PHOTO;VALUE=uri:https://example.com/ana.jpg"))
    assert ana.photo is None


def test_grouped_properties_take_their_apple_label() -> None:
    text = card(
        "FN:Ana",
        "item1.TEL:+1 617 236 0442",
        "item1.X-ABLabel:_$!<AssistantPhone>!$_",
        "item2.URL:http\\://ana.example",
        "item2.X-ABLabel:Blog",
    )
    [ana] = contacts(text)
    assert [(p.normalized, p.label) for p in ana.phones] == [("+16172360442", "AssistantPhone")]
    assert [(u.normalized, u.label) for u in ana.urls] == [("ana.example", "Blog")]


def test_a_linkedin_url_becomes_the_linkedin_handle_not_a_website() -> None:
    text = card(
        "FN:Ana",
        "item1.URL:https://de.linkedin.com/in/ana-bozic/",
        "X-SOCIALPROFILE;type=twitter:https://twitter.com/ana",
    )
    [ana] = contacts(text)
    assert ana.linkedin_url is not None
    assert ana.linkedin_url.normalized == "linkedin.com/in/ana-bozic"
    assert [u.normalized for u in ana.urls] == ["twitter.com/ana"]


@pytest.mark.parametrize(
    ("bday", "expected"),
    [
        ("BDAY:--0415", Birthday(4, 15)),
        ("BDAY:0000-04-15", Birthday(4, 15)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", Birthday(4, 15)),
        ("BDAY;VALUE=date:1980-04-15", Birthday(4, 15, 1980)),
        ("BDAY:19800415", Birthday(4, 15, 1980)),
    ],
)
def test_birthdays_read_with_and_without_a_year(bday: str, expected: Birthday) -> None:
    assert contacts(card("FN:Ana", bday))[0].birthday == expected


def test_a_birthday_in_words_is_a_problem_not_a_lost_card() -> None:
    [ana] = contacts(card("FN:Ana", "BDAY;VALUE=text:circa 1800", version="4.0"))
    assert ana.birthday is None
    assert ana.problems == ("birthday 'circa 1800' is not a date",)


def test_a_card_without_fn_is_named_from_n() -> None:
    [ana] = contacts(card("N:Bozic;Ana;Maria;Dr.;PhD"))
    assert ana.full_name == "Dr. Ana Maria Bozic PhD"
    assert (ana.given_name, ana.family_name) == ("Ana", "Bozic")


def test_a_card_without_n_splits_its_fn_into_given_and_family_names() -> None:
    first, second = contacts(card("FN:Ana Maria Bozic") + card("FN:Bozic, Ana"))
    assert (first.given_name, first.family_name) == ("Ana Maria", "Bozic")
    assert (second.given_name, second.family_name) == ("Ana", "Bozic")


def test_a_card_with_no_name_is_named_from_its_organization_then_its_email() -> None:
    org, email = contacts(card("ORG:Ximian\\, Inc.") + card("EMAIL:Sales@Acme.example"))
    assert org.full_name == "Ximian, Inc."
    assert email.full_name == "Sales@Acme.example"


def test_a_card_with_nothing_to_name_it_by_is_skipped_with_why() -> None:
    [skip] = skipped(card("N:", "LABEL:somewhere"), "phone.vcf")
    assert str(skip) == (
        "phone.vcf, line 1: has no name, organization, email, phone or profile to know it by"
    )


def test_a_group_card_is_skipped_as_not_a_person() -> None:
    [skip] = skipped(card("KIND:group", "FN:Book club", version="4.0"))
    assert skip.reason == "is a group of contacts"


def test_a_card_cut_short_at_the_end_of_the_file_is_kept_and_flagged() -> None:
    [ana] = contacts("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana\r\n")
    assert ana.full_name == "Ana"
    assert ana.problems == ("the file ends inside this card (no END:VCARD): it may be cut short",)


def test_a_card_missing_its_end_does_not_swallow_the_next_one() -> None:
    text = "BEGIN:VCARD\r\nFN:Ana\r\n" + card("FN:Bo")
    assert [c.full_name for c in contacts(text)] == ["Ana", "Bo"]


def test_quoted_parameter_values_may_hold_colons_and_semicolons() -> None:
    text = card(
        'ADR;GEO="geo:51.52,0.15";LABEL="221B Baker St; London":;;221B Baker St;London;;;UK',
        "FN:Sherlock Holmes",
        'TEL;VALUE=uri;TYPE="voice,home":tel:+44-20-7946-0958;ext=5555',
        version="4.0",
    )
    [sherlock] = contacts(text)
    assert sherlock.full_name == "Sherlock Holmes"
    assert [(p.normalized, p.label) for p in sherlock.phones] == [
        ("+442079460958;ext=5555", "home")
    ]


def test_vcard_21_bare_parameters_and_lower_case_names_read() -> None:
    text = "begin:vcard\nversion:2.1\nn:geiser;ian\nemail;internet:Ian@Example.com\nend:vcard\n"
    [ian] = contacts(text)
    assert ian.full_name == "ian geiser"
    assert ian.emails[0].normalized == "ian@example.com"


def test_escaped_newlines_commas_and_semicolons_are_unescaped() -> None:
    [ana] = contacts(card("FN:Ana", "NOTE:one\\ntwo\\, three\\; four\\\\five"))
    assert ana.notes == "one\ntwo, three; four\\five"


def test_a_phone_that_is_no_phone_is_kept_as_a_problem() -> None:
    [ana] = contacts(card("FN:Ana", "TEL;WORK;VOICE:BusinessPhone"))
    assert ana.phones == ()
    assert ana.problems == ("phone 'BusinessPhone' is not a phone number",)


def test_phones_are_read_in_the_default_region_asked_for() -> None:
    [ana] = contacts(card("FN:Ana", "TEL:0351 223344"), default_region="DE")
    assert [p.normalized for p in ana.phones] == ["+49351223344"]


def test_the_same_handle_twice_in_one_card_is_kept_once() -> None:
    [ana] = contacts(card("FN:Ana", "EMAIL:ana@x.example", "EMAIL;TYPE=HOME:ANA@x.example"))
    assert len(ana.emails) == 1


def test_the_uid_keys_the_card_so_a_re_export_matches_it() -> None:
    [ana] = contacts(card("UID:urn:uuid:1234", "FN:Ana"))
    assert ana.source_key == "uid:urn:uuid:1234"


def test_a_card_without_uid_is_keyed_by_its_first_email() -> None:
    [ana] = contacts(card("FN:Ana", "EMAIL:Ana@X.example"))
    assert ana.source_key == "email:ana@x.example"


def test_a_binary_file_forced_as_vcard_is_refused_in_one_line() -> None:
    with pytest.raises(SourceError, match=r"^photo\.vcf, line 3: holds binary data"):
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.vcf", format="vcard")


def test_a_text_file_forced_as_vcard_says_it_holds_no_card() -> None:
    with pytest.raises(SourceError, match=r"^notes\.txt, line 1: holds no vCard"):
        read("just some notes\n", "notes.txt", format="vcard")


def test_every_skip_is_a_skipped_record_not_an_exception() -> None:
    records = read(card("FN:Ana") + card("N:;;;;") + card("FN:Bo"))
    assert [type(r).__name__ for r in records] == [
        "ContactRecord",
        "SkippedRecord",
        "ContactRecord",
    ]
    assert isinstance(records[1], SkippedRecord)
