"""Exports read back without loss: vCard through Goodwill's own importer, CSV safe to open in a
spreadsheet, and a JSON backup that restores into an empty account with identical data."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from goodwill.network import services
from goodwill.network.backup import (
    BACKUP_EXCLUDED,
    RestoreError,
    backup_data,
    backup_models,
    backup_restore,
    goodwill_models,
    network_models,
    owned_models,
)
from goodwill.network.duplicates import contact_mark_not_same
from goodwill.network.export_contacts import contacts_csv, contacts_vcard, neutralize_cell
from goodwill.network.models import Contact, ContactPhoto, Loop
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
    for model in backup_models():
        label = model._meta.label_lower
        if label not in data["tables"]:
            continue
        references = {
            f.attname: f.related_model._meta.label_lower
            for f in model._meta.concrete_fields
            if f.related_model is not None and f.name != "owner"
        }
        id_columns = getattr(model, "backup_id_columns", {})
        rows = []
        for row in data["tables"][label]:
            row = dict(row, id=places[label][row["id"]])
            for attname, target in references.items():
                if row[attname] is not None:
                    row[attname] = places[target][row[attname]]
            for column, (kind_column, by_kind) in id_columns.items():
                target = by_kind[row[kind_column]].lower()
                row[column] = (target, places[target][row[column]])
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
    assert data["version"] == 2

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


def test_every_model_of_every_goodwill_app_is_backed_up_or_left_out_on_purpose() -> None:
    backed_up = {m._meta.label for m in backup_models()}
    every = {m._meta.label for m in goodwill_models()}
    # A new model, owned or not, must be backed up or named in BACKUP_EXCLUDED with a reason.
    assert sorted(every - backed_up - set(BACKUP_EXCLUDED)) == []
    assert set(BACKUP_EXCLUDED) <= every  # no stale names
    assert not backed_up & set(BACKUP_EXCLUDED)
    assert backed_up == {m._meta.label for m in owned_models()} - set(BACKUP_EXCLUDED)
    assert {"work.Work", "work.WorkIntroduction", "mail.Message", "feeds.Article"} <= backed_up
    order = backup_models()
    for place, model in enumerate(order):
        for field in model._meta.concrete_fields:
            target = field.related_model
            if target is None or field.name == "owner":
                continue
            # Every reference stays inside the backup, and points at a model restored earlier.
            assert target in order, f"{model._meta.label}.{field.name}"
            assert target is model or order.index(target) < place, f"{model._meta.label}"
        for many in model._meta.many_to_many:
            through = many.remote_field.through
            assert through is not None
            assert not through._meta.auto_created, f"{model._meta.label}.{many.name}"
        # An id kept without a foreign key must be declared, or a restore would not remap it.
        declared = getattr(model, "backup_id_columns", {})
        for field in model._meta.concrete_fields:
            if isinstance(field, models.IntegerField) and field.name.endswith("_id"):
                assert field.attname in declared, f"{model._meta.label}.{field.name}"


@pytest.fixture
def every_app(owner: User, full_network: None, tmp_path: Path) -> None:
    """Rows in every app: work with introductions, mail from a Maildir (threads, an ask on the
    radar, dismissed), an IMAP account and its position, a feed with articles, rhythm settings,
    an event, Today's decisions; and an API token and calendar feed, which stay behind."""
    from goodwill.api.tokens import token_create
    from goodwill.feeds import services as feeds
    from goodwill.feeds.polling import feed_poll
    from goodwill.mail import services as mail
    from goodwill.mail.ingest import mailbox_import
    from goodwill.mail.models import FolderState, RadarItem
    from goodwill.mail.sync import account_add
    from goodwill.rhythm import services as rhythm
    from goodwill.work.services import WorkFields, work_record
    from tests.feeds.server import Route, rss, serving
    from tests.mail.conftest import LORI, ME, Maildir, days_ago, message

    lori = Contact.objects.get(owner=owner, full_name__startswith="Lori")
    ana = Contact.objects.get(owner=owner, full_name="Ana Bozic")
    ben = Contact.objects.get(owner=owner, full_name="Ben")
    work_record(
        owner=owner,
        fields=WorkFields(
            title="Brand refresh", referred_by=lori, via=[ana, ben], value="1200.50",
            currency="EUR", came_on=date(2026, 3, 4), client_name="Lumen", notes="Via Typo",
        ),
    )  # fmt: skip
    work_record(owner=owner, fields=WorkFields(title="Passed on", direction="out", passed_to=ben))

    for folder in ("", ".Sent"):
        for sub in ("cur", "new", "tmp"):
            (tmp_path / "mail" / folder / sub).mkdir(parents=True, exist_ok=True)
    maildir = Maildir(tmp_path / "mail")
    maildir.inbox(
        message(
            sender=f"Lori Chen <{LORI}>", to=ME, subject="Studio", date=days_ago(3),
            body="Could you introduce me to someone at the design studio?", message_id="a@x",
        )
    )  # fmt: skip
    maildir.sent(
        message(
            sender=ME, to=f"Lori Chen <{LORI}>", subject="Re: Studio", date=days_ago(2),
            body="Gladly, give me a day.", message_id="b@x", in_reply_to="a@x",
        )
    )  # fmt: skip
    maildir.inbox(message(sender="Dee <dee@else.example>", to=ME, body="Lunch next week?"))
    mailbox_import(owner=owner, path=maildir.root, me=(ME,))
    for item in RadarItem.objects.filter(owner=owner)[:1]:
        mail.radar_item_dismiss(item=item)
    account = account_add(
        owner=owner, name="Work", host="imap.example", port=993, username=ME,
        password_env="GOODWILL_IMAP", folders=("INBOX", "Archive"),
    )  # fmt: skip
    # Written by an IMAP sync as it reads a folder; here without a server.
    FolderState.objects.create(
        owner=owner, account=account, folder="INBOX", uidvalidity=7, last_uid=42
    )

    feed_xml = rss("Lori writes", [("fonts", "Variable fonts", "One file"), ("ink", "Ink", "x")])
    with serving({"/feed": Route(feed_xml)}) as server:
        feed = feeds.feed_follow(owner=owner, url=server.url("/feed"), role="contact", contact=lori)
        feed_poll(feed)
    feeds.sharing_profile_set(contact=ana, interests="typography, ink", no_articles=False)

    rhythm.rhythm_settings_update(
        owner=owner,
        daily_limit=5,
        digest_enabled=True,
        digest_email="a@alice.example",
        digest_hour=8,
    )
    rhythm.digest_mark_sent(owner=owner, on=date(2026, 11, 1))
    event = rhythm.event_create(owner=owner, name="Typo Berlin", held_on=date(2026, 5, 1))
    attendee = rhythm.event_add_person(event=event, full_name="Cleo", email="cleo@c.example")
    rhythm.positions_note_changes(owner=owner)
    loop = Loop.objects.filter(owner=owner, status="open").order_by("pk").first()
    assert loop is not None
    rhythm.today_snooze(subject=rhythm.subject_of_loop(loop), until=timezone.now() + timedelta(5))
    rhythm.today_dismiss(subject=rhythm.subject_of_attendee(attendee))
    rhythm.today_logged(subject=rhythm.subject_of_contact(ben))

    token_create(owner=owner, name="script", scope="read")
    rhythm.calendar_feed_create(owner=owner)


@pytest.mark.usefixtures("every_app")
def test_a_backup_of_every_app_restores_with_identical_data_and_without_secrets(
    owner: User,
) -> None:
    data = json.loads(json.dumps(backup_data(owner=owner)))
    empty = [m._meta.label for m in backup_models() if not data["tables"][m._meta.label_lower]]
    assert empty == []  # something in every table, so every table is compared below
    assert not {label.lower() for label in BACKUP_EXCLUDED} & set(data["tables"])

    restored = backup_restore(data=data, username="alice-restored")

    assert canonical(backup_data(owner=restored)) == canonical(data)
    for model in backup_models():  # the original is untouched, the copy as large
        label = model._meta.label_lower
        assert len(data["tables"][label]) == len(backup_data(owner=owner)["tables"][label])
    for label in BACKUP_EXCLUDED:
        model = apps.get_model(label)
        if any(f.name == "owner" for f in model._meta.concrete_fields):
            assert not model._default_manager.filter(owner=restored).exists()
            assert model._default_manager.filter(owner=owner).exists()


@pytest.mark.usefixtures("every_app")
def test_a_backup_restores_into_a_fresh_instance_under_its_own_name(owner: User) -> None:
    data = json.loads(json.dumps(backup_data(owner=owner)))
    # A fresh instance: every row of every app and every account goes.
    for model in [*reversed(backup_models()), *map(apps.get_model, BACKUP_EXCLUDED)]:
        model._default_manager.all().delete()
    User.objects.all().delete()

    restored = backup_restore(data=data)

    assert restored.username == "alice"
    assert canonical(backup_data(owner=restored)) == canonical(data)


def test_a_version_1_backup_of_the_network_alone_still_restores(
    owner: User, full_network: None
) -> None:
    current = json.loads(json.dumps(backup_data(owner=owner)))
    network_tables = {m._meta.label_lower for m in network_models()}
    # What Goodwill wrote before every app was backed up: version 1, the network's tables only.
    old = dict(
        current,
        version=1,
        tables={k: v for k, v in current["tables"].items() if k in network_tables},
    )

    restored = backup_restore(data=old, username="alice-old")

    again = canonical(backup_data(owner=restored))
    assert {k: again[k] for k in network_tables} == canonical(old)
    assert all(not rows for label, rows in again.items() if label not in network_tables)


def test_a_backup_refuses_an_account_that_has_work_of_its_own(
    owner: User, stranger: User, full_network: None
) -> None:
    from goodwill.work.models import Work
    from goodwill.work.services import WorkFields, work_record

    work_record(owner=stranger, fields=WorkFields(title="Mallory's job"))

    with pytest.raises(RestoreError, match="already has 1 work"):
        backup_restore(data=backup_data(owner=owner), username="mallory")

    assert list(Work.objects.filter(owner=stranger).values_list("title", flat=True)) == [
        "Mallory's job"
    ]


def test_a_backup_of_an_unknown_version_is_refused() -> None:
    with pytest.raises(RestoreError, match="version 99; this Goodwill reads 1 and 2"):
        backup_restore(data={"format": "goodwill-backup", "version": 99, "tables": {}})
