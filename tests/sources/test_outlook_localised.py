"""Outlook desktop in German and in French writes its CSV header in that language (and, on
Windows, in Windows-1252); the column names here are those Roundcube's import maps list."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from goodwill.network.models import Contact
from goodwill.sources.records import Birthday, SourceFormat
from tests.importing.helpers import handles_of, import_bytes
from tests.sources.helpers import contacts, csv_text

GERMAN = [
    "Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung",
    "Position", "Straße geschäftlich", "Ort geschäftlich", "Postleitzahl geschäftlich",
    "Fax geschäftlich", "Telefon geschäftlich", "Telefon geschäftlich 2", "Autotelefon",
    "Fax privat", "Telefon privat", "Telefon privat 2", "Mobiltelefon", "Weiteres Telefon",
    "Pager", "Haupttelefon", "Geburtstag", "Kategorien", "E-Mail-Adresse", "E-Mail-Typ",
    "E-Mail: Angezeigter Name", "E-Mail 2: Adresse", "E-Mail 3: Adresse", "Notizen", "Webseite",
]  # fmt: skip
FRENCH = [
    "Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service", "Profession",
    "Rue (bureau)", "Ville (bureau)", "Code postal (bureau)", "Télécopie (bureau)",
    "Téléphone (bureau)", "Téléphone 2 (bureau)", "Téléphone (voiture)", "Télécopie (domicile)",
    "Téléphone (domicile)", "Tél. mobile", "Téléphone (autre)", "Récepteur de radiomessagerie",
    "Téléphone principal", "Anniversaire", "Catégories", "Adresse de messagerie", "Notes",
    "Page Web",
]  # fmt: skip


def test_a_german_outlook_export_in_windows_1252_reads_names_handles_and_birthday() -> None:
    row = {
        "Vorname": "Jürgen",
        "Nachname": "Weiß",
        "Firma": "Müller & Söhne GmbH",
        "Position": "Geschäftsführer",
        "Telefon geschäftlich": "+49 30 901820",
        "Mobiltelefon": "+49 151 23456789",
        "E-Mail-Adresse": "juergen@mueller.example",
        "E-Mail 2: Adresse": "jw@privat.example",
        "Geburtstag": "3.4.1971",
        "Notizen": "Kennt sich mit Zöllen aus",
        "Webseite": "mueller.example",
    }
    [jurgen] = contacts(csv_text(GERMAN, [row]).encode("cp1252"), "Kontakte.CSV")

    assert jurgen.source == SourceFormat.OUTLOOK_CSV
    assert jurgen.full_name == "Jürgen Weiß"
    assert (jurgen.organization, jurgen.position) == ("Müller & Söhne GmbH", "Geschäftsführer")
    assert [e.normalized for e in jurgen.emails] == [
        "juergen@mueller.example",
        "jw@privat.example",
    ]
    assert [(p.normalized, p.label) for p in jurgen.phones] == [
        ("+4930901820", "business phone"),
        ("+4915123456789", "mobile phone"),
    ]
    assert jurgen.birthday == Birthday(4, 3, 1971)
    assert jurgen.notes == "Kennt sich mit Zöllen aus"
    assert [u.normalized for u in jurgen.urls] == ["mueller.example"]


def test_a_french_outlook_export_reads_its_day_first_birthday() -> None:
    row = {
        "Titre": "Mme",
        "Prénom": "Hélène",
        "Nom": "Lefèvre",
        "Société": "Société Générale des Eaux",
        "Profession": "Directrice",
        "Tél. mobile": "+33 6 12 34 56 78",
        "Téléphone (domicile)": "+33 1 42 68 53 00",
        "Adresse de messagerie": "helene@eaux.example",
        "Anniversaire": "15/04/1980",
        "Page Web": "eaux.example",
    }
    [helene] = contacts(csv_text(FRENCH, [row]).encode("utf-8-sig"), "contacts.csv")

    assert helene.source == SourceFormat.OUTLOOK_CSV
    assert helene.full_name == "Mme Hélène Lefèvre"
    assert (helene.organization, helene.position) == ("Société Générale des Eaux", "Directrice")
    assert [e.normalized for e in helene.emails] == ["helene@eaux.example"]
    assert [(p.normalized, p.label) for p in helene.phones] == [
        ("+33142685300", "home phone"),
        ("+33612345678", "mobile phone"),
    ]
    assert helene.birthday == Birthday(4, 15, 1980)


@pytest.mark.parametrize(
    ("header", "column", "text", "expected"),
    [
        (GERMAN, "Geburtstag", "0.0.00", None),
        (GERMAN, "Geburtstag", "29.2.2000", Birthday(2, 29, 2000)),
        (GERMAN, "Geburtstag", "15.4.80", Birthday(4, 15, 1980)),
        (FRENCH, "Anniversaire", "00/00/0000", None),
        (FRENCH, "Anniversaire", "01/12/1975", Birthday(12, 1, 1975)),
    ],
)
def test_localised_birthdays_and_their_empty_forms(
    header: list[str], column: str, text: str, expected: Birthday | None
) -> None:
    first, last = header[1], header[3]
    [person] = contacts(csv_text(header, [{first: "Di", last: "Ho", column: text}]))
    assert (person.birthday, person.problems) == (expected, ())


def test_a_german_day_that_does_not_exist_is_a_problem_not_a_crash() -> None:
    [person] = contacts(
        csv_text(GERMAN, [{"Vorname": "Di", "Nachname": "Ho", "Geburtstag": "31.2.1980"}])
    )
    assert person.birthday is None
    assert person.problems == ("birthday '31.2.1980' is not a date",)


def test_a_german_export_imports_as_outlook_csv(owner: User) -> None:
    row = {"Vorname": "Jürgen", "Nachname": "Weiß", "E-Mail-Adresse": "juergen@mueller.example"}

    run = import_bytes(owner, csv_text(GERMAN, [row]).encode("cp1252"), "Kontakte.CSV")

    assert (run.format, run.added, run.skipped) == ("outlook-csv", 1, 0)
    jurgen = Contact.objects.get(owner=owner)
    assert jurgen.full_name == "Jürgen Weiß"
    assert handles_of(jurgen) == {("email", "juergen@mueller.example")}
