from __future__ import annotations

from datetime import date

from goodwill.sources.records import SourceFormat
from tests.sources.helpers import contacts, csv_text, read, skipped
from tests.sources.layouts import (
    CONNECTIONS_2018,
    CONNECTIONS_2024,
    CONNECTIONS_EXCEL,
    LINKEDIN_NOTES,
)

ANA = {
    "First Name": "Ana",
    "Last Name": "Božić, Ph.D.",
    "URL": "https://www.linkedin.com/in/ana-bo%C5%BEi%C4%87",
    "Email Address": "Ana.Bozic@Example.com",
    "Company": "Northwind",
    "Position": "Head of Sales",
    "Connected On": "16 Dec 2024",
}


def test_a_2024_export_with_the_notes_preamble_yields_its_connections() -> None:
    [ana] = contacts(csv_text(CONNECTIONS_2024, [ANA], preamble=LINKEDIN_NOTES), "Connections.csv")
    assert ana.source == SourceFormat.LINKEDIN
    assert (ana.given_name, ana.family_name) == ("Ana", "Božić, Ph.D.")
    assert ana.full_name == "Ana Božić, Ph.D."
    assert (ana.organization, ana.position) == ("Northwind", "Head of Sales")
    assert [e.normalized for e in ana.emails] == ["ana.bozic@example.com"]
    assert ana.connected_on == date(2024, 12, 16)


def test_the_percent_encoded_profile_url_is_normalised_and_keys_the_record() -> None:
    [ana] = contacts(csv_text(CONNECTIONS_2024, [ANA], preamble=LINKEDIN_NOTES))
    assert ana.linkedin_url is not None
    assert ana.linkedin_url.value == "https://www.linkedin.com/in/ana-bo%C5%BEi%C4%87"
    assert ana.linkedin_url.normalized == "linkedin.com/in/ana-božić"
    assert ana.source_key == "linkedin:linkedin.com/in/ana-božić"


def test_the_2021_export_without_a_url_column_keys_connections_by_email_or_name() -> None:
    rows = [
        {"First Name": "Bo", "Last Name": "Li", "Email Address": "bo@li.example",
         "Connected On": "09 Sep 2022"},
        {"First Name": "Cy", "Last Name": "Ng", "Connected On": "10 Sep 2022"},
    ]  # fmt: skip
    bo, cy = contacts(csv_text(CONNECTIONS_2018, rows, preamble=LINKEDIN_NOTES))
    assert bo.linkedin_url is None
    assert bo.source_key == "email:bo@li.example"
    assert cy.source_key == "name:cy ng"


def test_the_2018_export_without_preamble_reads_its_date_and_time() -> None:
    row = {"First Name": "Di", "Last Name": "Ho", "Connected On": "1/8/18, 6:14 PM"}
    [di] = contacts(csv_text(CONNECTIONS_2018, [row]))
    assert di.connected_on == date(2018, 1, 8)


def test_a_file_resaved_by_excel_with_a_row_column_and_short_dates_still_reads() -> None:
    row = {"Row": "1", "First Name": "Ed", "Last Name": "Ko", "Connected On": "7-Sep-22"}
    [ed] = contacts(csv_text(CONNECTIONS_EXCEL, [row]))
    assert ed.full_name == "Ed Ko"
    assert ed.connected_on == date(2022, 9, 7)


def test_a_file_resaved_by_a_european_spreadsheet_with_semicolons_and_windows_1252_reads() -> None:
    text = "First Name;Last Name;Email Address;Company;Position;Connected On\r\n"
    text += "Jürgen;Müller;;Bäckerei Groß;Meister;21.04.2023\r\n"
    [jurgen] = contacts(text.encode("cp1252"), "Connections.csv")
    assert jurgen.full_name == "Jürgen Müller"
    assert jurgen.organization == "Bäckerei Groß"
    assert jurgen.connected_on == date(2023, 4, 21)


def test_trailing_spaces_in_names_are_dropped() -> None:
    row = {"First Name": "Bohdana ", "Last Name": "Shumeiko ", "Connected On": "16 Dec 2024"}
    [bohdana] = contacts(csv_text(CONNECTIONS_2024, [row], preamble=LINKEDIN_NOTES))
    assert bohdana.full_name == "Bohdana Shumeiko"
    assert bohdana.family_name == "Shumeiko"


def test_empty_company_position_and_email_are_empty_not_missing() -> None:
    row = {"First Name": "Fay", "Last Name": "Oh", "Connected On": "16 Dec 2024"}
    [fay] = contacts(csv_text(CONNECTIONS_2024, [row], preamble=LINKEDIN_NOTES))
    assert (fay.organization, fay.position, fay.emails) == ("", "", ())


def test_a_connected_on_that_is_no_date_is_kept_as_a_problem_not_a_lost_contact() -> None:
    row = {"First Name": "Gil", "Last Name": "Ma", "Connected On": "yesterday"}
    [gil] = contacts(csv_text(CONNECTIONS_2024, [row], preamble=LINKEDIN_NOTES))
    assert gil.connected_on is None
    assert gil.problems == ("Connected On 'yesterday' is not a date",)


def test_a_row_with_more_fields_than_the_header_is_skipped_with_its_line() -> None:
    text = csv_text(CONNECTIONS_2018, [{"First Name": "Hal", "Last Name": "Ri"}])
    text += "Ivy,Su,ivy@su.example,Acme, Inc,CEO,16 Dec 2024\n"
    [skip] = skipped(text, "Connections.csv")
    assert str(skip) == "Connections.csv, line 3: has 7 fields where the header has 6"
    assert [c.full_name for c in contacts(text)] == ["Hal Ri"]


def test_each_record_says_which_line_it_came_from() -> None:
    rows = [{"First Name": "Jo", "Last Name": "Ta"}, {"First Name": "Ke", "Last Name": "Wu"}]
    first, second = contacts(csv_text(CONNECTIONS_2024, rows, preamble=LINKEDIN_NOTES), "C.csv")
    assert (first.origin.file, first.origin.line, first.origin.record) == ("C.csv", 5, 1)
    assert (second.origin.line, second.origin.record) == (6, 2)


def test_a_connection_with_a_profile_but_no_name_is_named_by_its_profile() -> None:
    row = {"URL": "https://www.linkedin.com/in/lu-vo", "Connected On": "16 Dec 2024"}
    [lu] = contacts(csv_text(CONNECTIONS_2024, [row], preamble=LINKEDIN_NOTES))
    assert lu.full_name == "https://www.linkedin.com/in/lu-vo"


def test_a_blank_row_is_no_record() -> None:
    text = csv_text(CONNECTIONS_2024, [ANA], preamble=LINKEDIN_NOTES) + ",,,,,,\n\n"
    assert len(read(text)) == 1
