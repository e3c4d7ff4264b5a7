"""Address books exported as CSV: Google Contacts (today's layout and the one before 2020),
Outlook (desktop and Outlook.com; desktop also in German and French) and Thunderbird. Each is
recognised by its header row, and read by column name, so extra or reordered columns do no
harm."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from goodwill.sources.contact_builder import ContactBuilder
from goodwill.sources.dates import parse_birthday
from goodwill.sources.errors import SourceError
from goodwill.sources.inputs import Blob
from goodwill.sources.records import ContactRecord, Origin, SkippedRecord, SourceFormat
from goodwill.sources.tables import Row, Table, find_table, header_key, table_rows

# Google puts several values in one cell, and marks the primary label with '* '.
_GOOGLE_SEPARATOR = " ::: "
_NUMBERED = re.compile(r"^(e-mail|phone|website) (\d+) - value$")
_OUTLOOK_PHONE = re.compile(r"(phone|fax|pager|callback|telex|isdn)( \d+)?$")


class CsvLayout(StrEnum):
    """A contacts CSV layout Goodwill recognises."""

    GOOGLE = "Google Contacts"
    GOOGLE_LEGACY = "Google Contacts (before 2020)"
    OUTLOOK = "Outlook"
    OUTLOOK_COM = "Outlook.com"
    OUTLOOK_GERMAN = "Outlook (German)"
    OUTLOOK_FRENCH = "Outlook (French)"
    THUNDERBIRD = "Thunderbird"

    @property
    def source(self) -> SourceFormat:
        """The format a record of this layout comes from."""
        if self in (CsvLayout.GOOGLE, CsvLayout.GOOGLE_LEGACY):
            return SourceFormat.GOOGLE_CSV
        if self in _OUTLOOK_LAYOUTS:
            return SourceFormat.OUTLOOK_CSV
        return SourceFormat.THUNDERBIRD_CSV


_OUTLOOK_LAYOUTS = frozenset(
    {CsvLayout.OUTLOOK, CsvLayout.OUTLOOK_COM, CsvLayout.OUTLOOK_GERMAN, CsvLayout.OUTLOOK_FRENCH}
)


def classify_header(header: tuple[str, ...]) -> CsvLayout | None:
    """Which contacts layout a (normalised) header row is, or None."""
    columns = set(header)
    if {"first name", "last name", "display name", "primary email"} <= columns:
        return CsvLayout.THUNDERBIRD
    if {"name", "given name", "family name"} <= columns:
        return CsvLayout.GOOGLE_LEGACY
    if {"first name", "last name"} <= columns and (
        "labels" in columns or "e-mail 1 - value" in columns or "phone 1 - value" in columns
    ):
        return CsvLayout.GOOGLE
    if {"first name", "last name", "e-mail address"} <= columns:
        if "e-mail display name" in columns:
            return CsvLayout.OUTLOOK
        return CsvLayout.OUTLOOK_COM
    if {"vorname", "nachname", "e-mail-adresse"} <= columns:
        return CsvLayout.OUTLOOK_GERMAN
    if {"prénom", "nom", "adresse de messagerie"} <= columns:
        return CsvLayout.OUTLOOK_FRENCH
    return None


def read_contacts_csv(
    blob: Blob, *, default_region: str, expected: SourceFormat | None = None
) -> Iterator[ContactRecord | SkippedRecord]:
    """Each row as a ContactRecord, or a SkippedRecord saying why not. SourceError now when
    the header fits no layout (or not the `expected` format's, when one is forced)."""

    def _classify(header: tuple[str, ...]) -> CsvLayout | None:
        layout = classify_header(header)
        if expected is not None and layout is not None and layout.source != expected:
            return None
        return layout

    try:
        table = find_table(blob, _classify)
    except SourceError as exc:
        if expected is None:
            raise
        raise SourceError(
            exc.file, exc.location, f"the header does not fit the format asked for ({expected})"
        ) from exc
    return _rows(table, _columns(table.header, table.layout), default_region)


@dataclass(frozen=True)
class _Columns:
    """Which columns hold what, for one file's header. Handle columns pair a value column with
    the column holding its label, or with a fixed label written '=label'."""

    full_name: tuple[str, ...] = ()
    prefix: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    middle: tuple[str, ...] = ()
    family: tuple[str, ...] = ()
    suffix: tuple[str, ...] = ()
    nickname: tuple[str, ...] = ()
    organization: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    birthday: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    emails: tuple[tuple[str, str], ...] = ()
    phones: tuple[tuple[str, str], ...] = ()
    urls: tuple[tuple[str, str], ...] = ()


def _columns(header: tuple[str, ...], layout: CsvLayout) -> _Columns:
    if layout in (CsvLayout.GOOGLE, CsvLayout.GOOGLE_LEGACY):
        groups: dict[str, list[tuple[str, str]]] = {"e-mail": [], "phone": [], "website": []}
        for column in header:
            if match := _NUMBERED.match(column):
                label_column = next(
                    (
                        f"{match[1]} {match[2]} - {word}"
                        for word in ("label", "type")
                        if f"{match[1]} {match[2]} - {word}" in header
                    ),
                    "",
                )
                groups[match[1]].append((column, label_column))
        return _Columns(
            full_name=("name",) if layout == CsvLayout.GOOGLE_LEGACY else (),
            prefix=("name prefix",),
            given=("first name", "given name"),
            middle=("middle name", "additional name"),
            family=("last name", "family name"),
            suffix=("name suffix",),
            nickname=("nickname", "file as"),
            organization=("organization name", "organization 1 - name"),
            position=("organization title", "organization 1 - title"),
            birthday=("birthday",),
            notes=("notes",),
            emails=tuple(groups["e-mail"]),
            phones=tuple(groups["phone"]),
            urls=tuple(groups["website"]),
        )
    if layout in _LOCALISED_OUTLOOK:
        return _LOCALISED_OUTLOOK[layout]
    if layout in (CsvLayout.OUTLOOK, CsvLayout.OUTLOOK_COM):
        return _Columns(
            prefix=("title",),  # Outlook's Title is Mr./Ms.; the job is 'Job Title'
            given=("first name",),
            middle=("middle name",),
            family=("last name",),
            suffix=("suffix",),
            nickname=("nickname",),
            organization=("company",),
            position=("job title",),
            birthday=("birthday",),
            notes=("notes",),
            emails=tuple(
                (column, "")
                for column in ("e-mail address", "e-mail 2 address", "e-mail 3 address")
            ),
            phones=tuple(
                (column, f"={column}") for column in header if _OUTLOOK_PHONE.search(column)
            ),
            urls=(("web page", "=work"), ("personal web page", "=home")),
        )
    return _Columns(
        full_name=("display name",),
        given=("first name",),
        family=("last name",),
        nickname=("nickname",),
        organization=("organization",),
        position=("job title",),
        notes=("notes",),
        emails=(("primary email", ""), ("secondary email", "")),
        phones=(
            ("work phone", "=work"),
            ("home phone", "=home"),
            ("mobile number", "=mobile"),
            ("fax number", "=fax"),
            ("pager number", "=pager"),
        ),
        urls=(("web page 1", "=work"), ("web page 2", "=home")),
    )


def _keys(*names: str) -> tuple[str, ...]:
    return tuple(header_key(name) for name in names)


def _labelled(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    # Each localised column with the label the English export's column gives the same value.
    return tuple((header_key(column), f"={label}") for column, label in pairs)


# Outlook desktop writes its column names in the language it runs in. The names are those of
# Roundcube's maps (program/localization/de_DE and fr_FR/csv2vcard.inc); labels are English, as
# the English export's would be.
_LOCALISED_OUTLOOK = {
    CsvLayout.OUTLOOK_GERMAN: _Columns(
        given=_keys("Vorname"),
        middle=_keys("Weitere Vornamen"),
        family=_keys("Nachname"),
        suffix=_keys("Suffix"),
        organization=_keys("Firma"),
        position=_keys("Position"),
        birthday=_keys("Geburtstag"),
        notes=_keys("Notizen"),
        emails=tuple(
            (column, "")
            for column in _keys("E-Mail-Adresse", "E-Mail 2: Adresse", "E-Mail 3: Adresse")
        ),
        phones=_labelled(
            ("Telefon geschäftlich", "business phone"),
            ("Telefon geschäftlich 2", "business phone 2"),
            ("Fax geschäftlich", "business fax"),
            ("Telefon privat", "home phone"),
            ("Telefon privat 2", "home phone 2"),
            ("Fax privat", "home fax"),
            ("Mobiltelefon", "mobile phone"),
            ("Autotelefon", "car phone"),
            ("Haupttelefon", "primary phone"),
            ("Weiteres Telefon", "other phone"),
            ("Weiteres Fax", "other fax"),
            ("Telefon Assistent", "assistant's phone"),
            ("Pager", "pager"),
        ),
        urls=_labelled(("Webseite", "work")),
    ),
    CsvLayout.OUTLOOK_FRENCH: _Columns(
        prefix=_keys("Titre"),
        given=_keys("Prénom"),
        middle=_keys("Deuxième prénom"),
        family=_keys("Nom"),
        suffix=_keys("Suffixe"),
        organization=_keys("Société"),
        position=_keys("Profession"),
        birthday=_keys("Anniversaire"),
        notes=_keys("Notes"),
        emails=((header_key("Adresse de messagerie"), ""),),
        phones=_labelled(
            ("Téléphone (bureau)", "business phone"),
            ("Téléphone 2 (bureau)", "business phone 2"),
            ("Télécopie (bureau)", "business fax"),
            ("Téléphone (domicile)", "home phone"),
            ("Téléphone 2 (domicile)", "home phone 2"),
            ("Télécopie (domicile)", "home fax"),
            ("Tél. mobile", "mobile phone"),
            ("Téléphone (voiture)", "car phone"),
            ("Téléphone principal", "primary phone"),
            ("Téléphone (autre)", "other phone"),
            ("Télécopie (autre)", "other fax"),
            ("Téléphone de l'assistant(e)", "assistant's phone"),
            ("Récepteur de radiomessagerie", "pager"),
        ),
        urls=_labelled(("Page Web", "work")),
    ),
}
# A localised Outlook writes a birthday day first (15.4.1980, 15/04/1980), and none as zeros.
_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")


def _rows(
    table: Table[CsvLayout], columns: _Columns, default_region: str
) -> Iterator[ContactRecord | SkippedRecord]:
    layout = table.layout
    for row in table_rows(table):
        origin = Origin(table.blob.name, row.line, row.number)
        if problem := row.misfit(len(table.header)):
            yield SkippedRecord(origin, problem)
            continue
        contact = ContactBuilder(source=layout.source, origin=origin, default_region=default_region)
        contact.full_name = row.get(*columns.full_name)
        contact.prefix = row.get(*columns.prefix)
        contact.given_name = row.get(*columns.given)
        contact.middle_name = row.get(*columns.middle)
        contact.family_name = row.get(*columns.family)
        contact.suffix = row.get(*columns.suffix)
        contact.nickname = row.get(*columns.nickname)
        contact.organization = _first_value(row.get(*columns.organization))
        contact.position = _first_value(row.get(*columns.position))
        for value, label in _handles(row, columns.emails):
            contact.add_email(value, label)
        for value, label in _handles(row, columns.phones):
            contact.add_phone(value, label)
        for value, label in _handles(row, columns.urls):
            contact.add_url(value, label)
        birthday = _birthday_text(row, layout, columns)
        try:
            contact.birthday = parse_birthday(birthday)
        except ValueError:
            written = row.get(*columns.birthday) if layout in _LOCALISED_OUTLOOK else birthday
            contact.add_problem(f"birthday {written!r} is not a date")
        contact.add_note(row.cells.get(columns.notes[0], "") if columns.notes else "")
        yield contact.build()


def _handles(row: Row, columns: tuple[tuple[str, str], ...]) -> Iterator[tuple[str, str]]:
    for value_column, label_column in columns:
        cell = row.cells.get(value_column, "")
        if not cell.strip():
            continue
        if label_column.startswith("="):
            label = label_column[1:]
        else:
            label = row.cells.get(label_column, "").strip().removeprefix("* ")
        for value in cell.split(_GOOGLE_SEPARATOR):
            yield value.strip(), label


def _first_value(cell: str) -> str:
    return cell.split(_GOOGLE_SEPARATOR)[0].strip()


def _birthday_text(row: Row, layout: CsvLayout, columns: _Columns) -> str:
    if layout in _LOCALISED_OUTLOOK:
        text = row.get(*columns.birthday)
        if match := _DAY_FIRST.match(text):
            numbers = [int(part) for part in match.groups()]
            if not any(numbers):
                return ""
            if len(match[3]) == 2:
                # A two-digit year is read as parse_birthday reads one in 4/15/80.
                return f"{numbers[1]}/{numbers[0]}/{match[3]}"
            return f"{numbers[0]:02d}.{numbers[1]:02d}.{numbers[2]:04d}"
        return text
    if layout != CsvLayout.THUNDERBIRD:
        return row.get(*columns.birthday)
    year, month, day = row.get("birth year"), row.get("birth month"), row.get("birth day")
    if not (month and day):
        return ""
    if not (month.isdigit() and day.isdigit() and (not year or year.isdigit())):
        return f"{year}-{month}-{day}".strip("-")
    if year:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return f"--{int(month):02d}-{int(day):02d}"
