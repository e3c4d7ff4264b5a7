"""`goodwill export`, `goodwill backup` and `goodwill restore`, in this process and, for the
fresh-instance round trip, through the real command with data folders of its own."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.models import Contact
from goodwill.sources.detect import read_source
from goodwill.sources.records import ContactRecord
from tests.cli.conftest import invoke, run_goodwill
from tests.importing.helpers import (
    ANA,
    BEN,
    ME,
    connection_row,
    linkedin_export,
    message_row,
)
from tests.importing.test_exports import canonical


@pytest.fixture
def lori_and_ana(owner: User, stranger: User) -> None:
    services.contact_create(
        owner=owner,
        full_name="Lori Chen",
        organization_name="Northwind",
        notes="=1+1",
        handles=[("email", "lori@northwind.example"), ("phone", "+14155550134")],
    )
    services.contact_create(owner=stranger, full_name="Ana Bozic")


def test_export_vcard_writes_cards_the_importer_reads_back(
    lori_and_ana: None, tmp_path: Path
) -> None:
    target = tmp_path / "contacts.vcf"

    result = invoke("export", "vcard", str(target), "--user", "alice")

    assert result.exit_code == 0, result.output
    [lori] = [r for r in read_source(target) if isinstance(r, ContactRecord)]
    assert (lori.full_name, lori.organization, lori.notes) == ("Lori Chen", "Northwind", "=1+1")
    assert {h.normalized for h in lori.handles} == {"lori@northwind.example", "+14155550134"}


def test_export_csv_neutralises_formulas_and_holds_only_the_accounts_contacts(
    lori_and_ana: None, tmp_path: Path
) -> None:
    target = tmp_path / "contacts.csv"

    result = invoke("export", "csv", str(target), "--user", "alice")

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [(row["Name"], row["Notes"], row["Phones"]) for row in rows] == [
        ("Lori Chen", "'=1+1", "'+14155550134")
    ]


def test_export_to_standard_output(lori_and_ana: None) -> None:
    result = invoke("export", "vcard", "-", "--user", "mallory")

    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Bozic\r\n")
    assert "Lori" not in result.stdout


def test_restore_into_an_account_with_contacts_is_refused_in_one_line(
    lori_and_ana: None, tmp_path: Path
) -> None:
    target = tmp_path / "alice.json"
    invoke("backup", str(target), "--user", "alice")

    result = invoke("restore", str(target), "--user", "mallory")

    assert result.exit_code == 2
    assert result.stderr == (
        f"goodwill: {target}: the account 'mallory' already has 1 contacts; a backup restores "
        "only into an account without contacts or a fresh instance\n"
    )
    assert list(Contact.objects.values_list("full_name", flat=True).order_by("pk")) == [
        "Lori Chen",
        "Ana Bozic",
    ]


def test_restore_of_a_file_that_is_no_backup_says_so(owner: User, tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    target.write_text("[1, 2, 3]")

    result = invoke("restore", str(target))

    assert result.exit_code == 2
    assert result.stderr == f"goodwill: {target}: is not a Goodwill backup\n"


def test_backup_and_restore_into_a_fresh_instance_gives_identical_data(
    tmp_path: Path, command_env: dict[str, str]
) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(
        linkedin_export(
            connections=[connection_row(ANA, company="Lumen"), connection_row(BEN)],
            messages=[
                message_row(ANA, [ME, BEN], "Hello both"),
                message_row(ME, [ANA], "Draft", draft="Yes"),
            ],
        )
    )
    first = dict(
        command_env,
        GOODWILL_HOME=str(tmp_path / "first"),
        GOODWILL_PASSWORD="a long pass phrase 42",
    )
    fresh = dict(command_env, GOODWILL_HOME=str(tmp_path / "fresh"))
    for args in (
        ("migrate",),
        ("adduser", "alice"),
        ("import", str(export)),
        ("backup", str(tmp_path / "b1.json")),
    ):
        done = run_goodwill(*args, env=first, timeout=60)
        assert done.returncode == 0, done.stderr

    restored = run_goodwill("migrate", env=fresh, timeout=60)
    assert restored.returncode == 0, restored.stderr
    restored = run_goodwill("restore", str(tmp_path / "b1.json"), env=fresh, timeout=60)
    again = run_goodwill("backup", str(tmp_path / "b2.json"), env=fresh, timeout=60)

    assert restored.returncode == 0, restored.stderr
    assert restored.stdout == f"Restored {tmp_path / 'b1.json'} into the account 'alice'.\n"
    assert again.returncode == 0, again.stderr
    before = json.loads((tmp_path / "b1.json").read_text())
    after = json.loads((tmp_path / "b2.json").read_text())
    assert after["account"] == before["account"]
    assert canonical(after) == canonical(before)
    assert len(before["tables"]["network.interaction"]) == 1
