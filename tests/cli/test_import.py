"""`goodwill import`: a summary per file, every skipped record with why, one line and status 2
for a file it cannot read, and nothing changed by a dry run or a second run."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User

from goodwill.network.models import Contact, ImportRun
from tests.cli.conftest import invoke
from tests.importing.helpers import (
    ANA,
    BEN,
    ME,
    connection_row,
    linkedin_export,
    message_row,
    snapshot,
    vcard,
)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    export = tmp_path / "Basic_LinkedInDataExport.zip"
    export.write_bytes(
        linkedin_export(
            connections=[connection_row(ANA, company="Lumen"), connection_row(BEN)],
            messages=[message_row(ANA, [ME], "Hello"), message_row(ME, [ANA], "Hm", draft="Yes")],
        )
    )
    cards = tmp_path / "phone.vcf"
    cards.write_text(vcard("FN:Lori Chen", "EMAIL:lori@northwind.example", "TEL:12"))
    return export, cards


def test_import_prints_a_summary_per_file_with_each_skipped_record(
    owner: User, tmp_path: Path
) -> None:
    export, cards = _files(tmp_path)

    result = invoke("import", str(export), str(cards), "--user", "alice")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Basic_LinkedInDataExport.zip (linkedin): 3 added, 0 updated, 0 unchanged, 1 skipped"
    )
    assert lines[1].startswith("  skipped: Basic_LinkedInDataExport.zip/messages.csv, line 3: ")
    assert "draft" in lines[1]
    assert lines[2] == "phone.vcf (vcard): 1 added, 0 updated, 0 unchanged, 0 skipped"
    assert lines[3].startswith("  kept without: phone.vcf, line 1: phone '12'")
    assert Contact.objects.filter(owner=owner).count() == 3
    assert ImportRun.objects.filter(owner=owner).values("batch").distinct().count() == 1


def test_importing_the_same_files_again_reports_everything_unchanged(
    owner: User, tmp_path: Path
) -> None:
    export, cards = _files(tmp_path)
    invoke("import", "--user", "alice", str(export), str(cards))
    before = snapshot()

    result = invoke("import", "--user", "alice", str(export), str(cards))

    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 3 unchanged, 1 skipped" in result.stdout
    assert "0 added, 0 updated, 1 unchanged, 0 skipped" in result.stdout
    assert snapshot() == before


def test_a_dry_run_says_what_would_change_and_changes_nothing(owner: User, tmp_path: Path) -> None:
    export, _ = _files(tmp_path)
    before = snapshot()

    result = invoke("import", "--user", "alice", "--dry-run", str(export))

    assert result.exit_code == 0, result.output
    assert "3 added, 0 updated, 0 unchanged, 1 skipped (dry run: nothing was changed)" in (
        result.stdout
    )
    assert snapshot() == before


def test_a_file_of_the_wrong_kind_ends_with_one_line_and_status_2(
    owner: User, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("Title,Body\nGroceries,milk\n")

    result = invoke("import", "--user", "alice", str(bad))

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("goodwill: notes.csv, line 1: is not a LinkedIn export")
    assert not Contact.objects.filter(owner=owner).exists()


def test_a_truncated_zip_names_the_file_and_the_problem(owner: User, tmp_path: Path) -> None:
    export, _ = _files(tmp_path)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(export.read_bytes()[: len(export.read_bytes()) // 2])

    result = invoke("import", "--user", "alice", str(cut))

    assert result.exit_code == 2
    assert result.stderr == (
        "goodwill: cut.zip, end of file: is not a complete zip archive (cut short or damaged)\n"
    )


def test_a_missing_file_is_named_before_anything_is_imported(owner: User, tmp_path: Path) -> None:
    export, _ = _files(tmp_path)

    result = invoke("import", "--user", "alice", str(export), str(tmp_path / "nope.vcf"))

    assert result.exit_code == 2
    assert "nope.vcf: no such file" in result.stderr
    assert not ImportRun.objects.exists()


def test_an_unknown_region_is_refused_in_one_line(owner: User, tmp_path: Path) -> None:
    _, cards = _files(tmp_path)

    result = invoke("import", "--user", "alice", "--region", "XX", str(cards))

    assert result.exit_code == 2
    assert "--region 'XX' is not a region code" in result.stderr


def test_importing_for_the_stranger_never_touches_the_owners_network(
    owner: User, stranger: User, tmp_path: Path
) -> None:
    export, _ = _files(tmp_path)
    invoke("import", str(export), "--user", "alice")
    owners_contacts = list(Contact.objects.filter(owner=owner).values())

    result = invoke("import", str(export), "--user", "mallory")

    assert result.exit_code == 0, result.output
    assert "3 added" in result.stdout  # the stranger gets contacts of their own
    assert list(Contact.objects.filter(owner=owner).values()) == owners_contacts
