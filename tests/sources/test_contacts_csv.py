from __future__ import annotations

import codecs

import pytest

from goodwill.sources.errors import SourceError
from goodwill.sources.records import Birthday, SourceFormat
from tests.sources.helpers import contacts, csv_text, read, skipped
from tests.sources.layouts import (
    GOOGLE,
    GOOGLE_LEGACY,
    OUTLOOK_COM,
    OUTLOOK_DESKTOP,
    THUNDERBIRD,
)

GOOGLE_ROW = {
    "First Name": "Ana",
    "Middle Name": "Maria",
    "Last Name": "Bozic",
    "Organization Name": "Northwind",
    "Organization Title": "Head of Sales",
    "Birthday": "--04-15",
    "Notes": "Met at the fair.\nLikes sailing.",
    "Labels": "* myContacts ::: * starred ::: Clients",
    "E-mail 1 - Label": "* Work",
    "E-mail 1 - Value": "ana@northwind.example ::: ana.bozic@northwind.example",
    "E-mail 2 - Label": "Home",
    "E-mail 2 - Value": "ana@home.example",
    "Phone 1 - Label": "Mobile",
    "Phone 1 - Value": "+1 617 236 0442",
    "Website 1 - Label": "Profile",
    "Website 1 - Value": "https://www.linkedin.com/in/ana-bozic",
}


def test_a_google_export_with_byte_order_mark_yields_names_handles_and_notes() -> None:
    data = codecs.BOM_UTF8 + csv_text(GOOGLE, [GOOGLE_ROW]).encode()
    [ana] = contacts(data, "contacts.csv")
    assert ana.source == SourceFormat.GOOGLE_CSV
    assert ana.full_name == "Ana Maria Bozic"
    assert (ana.given_name, ana.family_name) == ("Ana", "Bozic")
    assert (ana.organization, ana.position) == ("Northwind", "Head of Sales")
    assert ana.birthday == Birthday(4, 15)
    assert ana.notes == "Met at the fair.\nLikes sailing."


def test_google_cells_holding_several_values_give_several_handles_with_their_label() -> None:
    [ana] = contacts(csv_text(GOOGLE, [GOOGLE_ROW]))
    assert [(e.normalized, e.label) for e in ana.emails] == [
        ("ana@northwind.example", "Work"),
        ("ana.bozic@northwind.example", "Work"),
        ("ana@home.example", "Home"),
    ]
    assert [(p.normalized, p.label) for p in ana.phones] == [("+16172360442", "Mobile")]


def test_a_google_website_on_linkedin_becomes_the_linkedin_handle() -> None:
    [ana] = contacts(csv_text(GOOGLE, [GOOGLE_ROW]))
    assert ana.linkedin_url is not None
    assert ana.linkedin_url.normalized == "linkedin.com/in/ana-bozic"
    assert ana.urls == ()


def test_the_legacy_google_layout_reads_its_name_and_organization_columns() -> None:
    row = {
        "Name": "Bo Li",
        "Given Name": "Bo",
        "Family Name": "Li",
        "Birthday": "1980-03-22",
        "E-mail 1 - Type": "* Other",
        "E-mail 1 - Value": "bo@li.example",
        "Phone 1 - Type": "Work",
        "Phone 1 - Value": "(617) 236-0442",
        "Organization 1 - Name": "Contoso",
        "Organization 1 - Title": "CTO",
    }
    [bo] = contacts(csv_text(GOOGLE_LEGACY, [row]))
    assert bo.source == SourceFormat.GOOGLE_CSV
    assert (bo.full_name, bo.organization, bo.position) == ("Bo Li", "Contoso", "CTO")
    assert [(e.normalized, e.label) for e in bo.emails] == [("bo@li.example", "Other")]
    assert bo.birthday == Birthday(3, 22, 1980)


def test_an_outlook_desktop_export_in_utf16_reads_its_many_phone_columns() -> None:
    row = {
        "Title": "Dr.",
        "First Name": "Cy",
        "Last Name": "Ng",
        "Company": "Fabrikam",
        "Job Title": "Partner",
        "Business Phone": "(617) 236-0442",
        "Mobile Phone": "+44 20 7946 0958",
        "E-mail Address": "cy@fabrikam.example",
        "E-mail Type": "SMTP",
        "E-mail Display Name": "Cy Ng (cy@fabrikam.example)",
        "Birthday": "3/22/1980",
        "Notes": "Prefers calls",
        "Web Page": "fabrikam.example",
    }
    data = csv_text(OUTLOOK_DESKTOP, [row]).encode("utf-16")
    [cy] = contacts(data, "outlook.csv")
    assert cy.source == SourceFormat.OUTLOOK_CSV
    assert cy.full_name == "Dr. Cy Ng"
    assert (cy.organization, cy.position) == ("Fabrikam", "Partner")
    assert [(p.normalized, p.label) for p in cy.phones] == [
        ("+16172360442", "business phone"),
        ("+442079460958", "mobile phone"),
    ]
    assert cy.birthday == Birthday(3, 22, 1980)
    assert [u.normalized for u in cy.urls] == ["fabrikam.example"]


def test_outlooks_empty_birthday_is_no_birthday_and_no_problem() -> None:
    row = {"First Name": "Di", "Last Name": "Ho", "Birthday": "0/0/00"}
    [di] = contacts(csv_text(OUTLOOK_DESKTOP, [row]))
    assert (di.birthday, di.problems) == (None, ())


def test_an_outlook_com_export_reads_by_column_name() -> None:
    row = {
        "First Name": "Ed",
        "Last Name": "Ko",
        "E-mail Address": "ed@ko.example",
        "E-mail 2 Address": "ed@work.example",
        "Home Phone": "+1 617 236 0442",
        "Company": "Tailspin",
        "Job Title": "Designer",
        "Personal Web Page": "ed.example",
    }
    [ed] = contacts(csv_text(OUTLOOK_COM, [row]))
    assert ed.source == SourceFormat.OUTLOOK_CSV
    assert [e.normalized for e in ed.emails] == ["ed@ko.example", "ed@work.example"]
    assert [(p.normalized, p.label) for p in ed.phones] == [("+16172360442", "home phone")]
    assert [(u.normalized, u.label) for u in ed.urls] == [("ed.example", "home")]


def test_a_thunderbird_export_with_its_trailing_comma_reads_display_name_and_birthday() -> None:
    row = {
        "First Name": "Fay",
        "Last Name": "Oh",
        "Display Name": "Fay Oh (Contoso)",
        "Primary Email": "fay@oh.example",
        "Secondary Email": "fay@contoso.example",
        "Mobile Number": "+1 617 236 0442",
        "Organization": "Contoso",
        "Job Title": "Buyer",
        "Birth Month": "4",
        "Birth Day": "15",
    }
    text = csv_text(THUNDERBIRD, [row])
    assert text.splitlines()[0].endswith("Notes,")
    [fay] = contacts(text)
    assert fay.source == SourceFormat.THUNDERBIRD_CSV
    assert fay.full_name == "Fay Oh (Contoso)"
    assert (fay.given_name, fay.family_name) == ("Fay", "Oh")
    assert [e.normalized for e in fay.emails] == ["fay@oh.example", "fay@contoso.example"]
    assert [(p.normalized, p.label) for p in fay.phones] == [("+16172360442", "mobile")]
    assert fay.birthday == Birthday(4, 15)


def test_a_header_that_fits_no_layout_names_the_file_and_line_one() -> None:
    with pytest.raises(SourceError) as caught:
        read("Vorname,Nachname,E-Mail\nAna,Bozic,ana@x.example\n", "kontakte.csv")
    message = str(caught.value)
    assert message.startswith("kontakte.csv, line 1: ")
    assert message.endswith("the header fits no format Goodwill knows")


def test_a_file_forced_to_another_csv_format_is_refused() -> None:
    with pytest.raises(
        SourceError,
        match=r"^g\.csv, line 1: the header does not fit the format asked for \(outlook-csv\)$",
    ):
        read(csv_text(GOOGLE, [GOOGLE_ROW]), "g.csv", format="outlook-csv")


def test_a_row_shifted_by_an_extra_field_is_skipped_and_the_rest_kept() -> None:
    text = csv_text(THUNDERBIRD, [{"Display Name": "Gil Ma"}]) + ("x," * len(THUNDERBIRD)) + "x\n"
    [skip] = skipped(text, "tb.csv")
    assert (
        skip.reason == f"has {len(THUNDERBIRD) + 1} fields where the header has {len(THUNDERBIRD)}"
    )
    assert [c.full_name for c in contacts(text)] == ["Gil Ma"]


def test_a_row_with_nothing_to_name_it_by_is_skipped() -> None:
    [skip] = skipped(csv_text(GOOGLE, [{"Notes": "who was this?"}]), "g.csv")
    assert (
        str(skip)
        == "g.csv, line 2: has no name, organization, email, phone or profile to know it by"
    )


def test_a_bad_email_is_a_problem_on_the_contact() -> None:
    row = {"First Name": "Hal", "E-mail Address": "/o=ExchangeLabs/ou=Exchange/cn=hal"}
    [hal] = contacts(csv_text(OUTLOOK_DESKTOP, [row]))
    assert hal.emails == ()
    assert hal.problems == ("email '/o=ExchangeLabs/ou=Exchange/cn=hal' is not an email address",)


def test_a_website_urllib_cannot_split_is_a_problem_not_a_crash() -> None:
    row = {"First Name": "Ivy", "Website 1 - Value": "http://[broken"}
    [ivy] = contacts(csv_text(GOOGLE, [row]))
    assert ivy.urls == ()
    assert ivy.problems == ("website 'http://[broken' is not a web address",)
