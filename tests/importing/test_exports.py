"""Exports read back without loss: vCard through Goodwill's own importer, CSV safe to open in a
spreadsheet, and a JSON backup that restores into an empty account with identical data."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.backup import RestoreError, backup_data, backup_restore, network_models
from goodwill.network.duplicates import contact_mark_not_same
from goodwill.network.export_contacts import contacts_csv, contacts_vcard, neutralize_cell
from goodwill.network.models import Contact, ContactPhoto
from goodwill.sources.detect import read_source
from goodwill.sources.records import ContactRecord
from tests.importing.helpers import (
    ANA,
    BEN,
    ME,
    PNG,
    connection_row,
    handles_of,
    import_bytes,
    linkedin_export,
    message_row,
)


@pytest.fixture
def network(owner: User) -> None:
    """Contacts with everything a vCard can carry, some of it awkward to escape."""
    lori = services.contact_create(
        owner=owner,
        full_name="Lori Chen-Ávila, Jr.",
        organization_name="Northwind; Design, Ltd.",
        position="Art director",
        notes="Met at Typo.\nLikes: espresso; dogs, \\ and long walks",
        handles=[
            ("email", "Lori@Northwind.example"),
            ("phone", "+1 415 555 0134 ext. 12"),
            ("linkedin", "https://de.linkedin.com/in/lori-chen%C3%A9/"),
            ("website", "northwind.example/team/lori"),
        ],
    )
    lori.birthday_month, lori.birthday_day = 2, 3
    lori.save()
    ContactPhoto.objects.create(owner=owner, contact=lori, data=PNG, mime_type="image/png")
    services.contact_create(owner=owner, full_name="Ben", handles=[("email", "ben@b.example")])
    services.contact_create(owner=owner, full_name="Zoë Ωmega 🚀 with a very long name indeed")


def test_a_vcard_export_reads_back_with_every_name_handle_organization_and_note(
    owner: User, network: None
) -> None:
    text = "".join(contacts_vcard(owner=owner))

    records = [
        r for r in read_source(text.encode(), name="export.vcf") if isinstance(r, ContactRecord)
    ]

    assert len(records) == Contact.objects.filter(owner=owner).count()
    for record, contact in zip(
        records, Contact.objects.filter(owner=owner).order_by("pk"), strict=True
    ):
        assert record.full_name == contact.full_name
        assert record.organization == (contact.organization.name if contact.organization else "")
        assert record.position == contact.position
        assert record.notes == contact.notes
        assert {(h.kind, h.normalized) for h in record.handles} == handles_of(contact)
        assert not record.problems
    lori = records[0]
    assert (lori.birthday.month, lori.birthday.day, lori.birthday.year) == (2, 3, None)  # type: ignore[union-attr]
    assert lori.photo is not None
    assert lori.photo.data == PNG
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_importing_a_vcard_export_into_a_fresh_account_gives_the_same_contacts(
    owner: User, stranger: User, network: None
) -> None:
    text = "".join(contacts_vcard(owner=owner))

    run = import_bytes(stranger, text, "export.vcf")

    assert run.added == 3
    mine = {(c.full_name, frozenset(handles_of(c))) for c in Contact.objects.filter(owner=owner)}
    theirs = {
        (c.full_name, frozenset(handles_of(c))) for c in Contact.objects.filter(owner=stranger)
    }
    assert mine == theirs


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1 415 555 0134", "'+1 415 555 0134"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Lori Chen", "Lori Chen"),
    ],
)
def test_a_csv_cell_that_would_start_a_formula_gets_a_leading_quote(cell: str, safe: str) -> None:
    assert neutralize_cell(cell) == safe


def test_the_csv_export_neutralises_formulas_in_every_column(owner: User) -> None:
    services.contact_create(
        owner=owner,
        full_name="=cmd|' /C calc'!A0",
        organization_name="@evil",
        position="-boss",
        notes="+notes",
        handles=[("phone", "+14155550134")],
    )

    text = "".join(contacts_csv(owner=owner))

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Name", "Organization", "Job title"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == "'=cmd|' /C calc'!A0"
    assert row["Organization"] == "'@evil"
    assert row["Job title"] == "'-boss"
    assert row["Phones"] == "'+14155550134"
    assert row["Notes"] == "'+notes"
    assert text.startswith("\ufeff")


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """A backup with ids replaced by each row's place in its table, so two backups of the same
    data compare equal whatever ids the database gave."""
    places = {
        label: {row["id"]: place for place, row in enumerate(rows)}
        for label, rows in data["tables"].items()
    }
    tables = {}
    for model in network_models():
        label = model._meta.label_lower
        references = {
            f.attname: f.related_model._meta.label_lower  # type: ignore[union-attr]
            for f in model._meta.concrete_fields
            if f.related_model is not None and f.name != "owner"
        }
        rows = []
        for row in data["tables"][label]:
            row = dict(row, id=places[label][row["id"]])
            for attname, target in references.items():
                if row[attname] is not None:
                    row[attname] = places[target][row[attname]]
            rows.append(row)
        tables[label] = rows
    return tables


@pytest.fixture
def full_network(owner: User, network: None) -> None:
    """Something in every table: an import with history, a loop, a give, a share, a skip."""
    import_bytes(
        owner,
        linkedin_export(
            connections=[connection_row(ANA, company="Lumen"), connection_row(BEN)],
            messages=[
                message_row(ANA, [ME, BEN], "Hello both"),
                message_row(ME, [ANA], "x", draft="Yes"),
            ],
        ),
        "export.zip",
    )
    ana = Contact.objects.get(owner=owner, full_name="Ana Bozic")
    services.loop_open(contact=ana, kind="ask", whose="theirs", summary="Intro to a designer")
    services.give_record(contact=ana, kind="advice", direction="in", summary="Pricing tips")
    services.share_record(contact=ana, url="https://example.com/a", title="A", note="for you")
    contact_mark_not_same(first=ana, second=Contact.objects.get(owner=owner, full_name="Ben"))


def test_a_backup_restores_into_an_empty_account_with_identical_data(
    owner: User, full_network: None
) -> None:
    data = json.loads(json.dumps(backup_data(owner=owner)))
    assert all(data["tables"][m._meta.label_lower] for m in network_models())

    restored = backup_restore(data=data, username="alice-restored")

    assert restored.username == "alice-restored"
    assert restored.password == owner.password  # the same password signs in
    assert canonical(backup_data(owner=restored)) == canonical(data)
    assert (
        Contact.objects.filter(owner=owner).count()
        == Contact.objects.filter(owner=restored).count()
    )


def test_a_backup_refuses_an_account_that_has_contacts_and_changes_nothing(
    owner: User, stranger: User, full_network: None
) -> None:
    services.contact_create(owner=stranger, full_name="Mallory's friend")
    data = backup_data(owner=owner)

    with pytest.raises(RestoreError, match="already has 1 contacts"):
        backup_restore(data=data, username="mallory")

    assert list(Contact.objects.filter(owner=stranger).values_list("full_name", flat=True)) == [
        "Mallory's friend"
    ]


def test_something_that_is_not_a_backup_is_refused() -> None:
    with pytest.raises(RestoreError, match="is not a Goodwill backup"):
        backup_restore(data={"contacts": []})
