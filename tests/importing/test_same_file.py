"""A file imported before, byte for byte, is recognised by its SHA-256 and not read again: the run
is still recorded, with the earlier run's counts as unchanged and its skipped records; --reread
(reread=True) reads it anyway."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User

from goodwill.network.importing import import_path
from goodwill.network.models import Contact, ImportRun
from tests.cli.conftest import invoke
from tests.conftest import Accounts
from tests.importing.helpers import (
    ANA,
    BEN,
    ME,
    connection_row,
    counts,
    linkedin_export,
    message_row,
    snapshot,
)


def _export(tmp_path: Path) -> Path:
    path = tmp_path / "Basic_LinkedInDataExport.zip"
    path.write_bytes(
        linkedin_export(
            connections=[connection_row(ANA, company="Lumen"), connection_row(BEN)],
            messages=[message_row(ANA, [ME], "Hello"), message_row(ME, [ANA], "Hm", draft="Yes")],
        )
    )
    return path


def test_the_same_file_again_is_a_recorded_run_that_reads_nothing(
    owner: User, tmp_path: Path
) -> None:
    path = _export(tmp_path)
    first = import_path(owner=owner, path=path)
    # Had the file been read again, the contact it brought would come back.
    Contact.objects.get(owner=owner, full_name="Ben Okafor").delete()
    before = snapshot()

    again = import_path(owner=owner, path=path)

    assert counts(first) == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 1}
    assert counts(again) == {"added": 0, "updated": 0, "unchanged": 3, "skipped": 1}
    assert again.same_as == first
    assert again.status == ImportRun.Status.DONE
    assert again.format == "linkedin"
    assert [(s.location, s.reason) for s in again.skips.all()] == [
        (s.location, s.reason) for s in first.skips.all()
    ]
    assert snapshot() == before
    assert ImportRun.objects.filter(owner=owner).count() == 2


def test_reread_reads_the_same_file_in_full(owner: User, tmp_path: Path) -> None:
    path = _export(tmp_path)
    import_path(owner=owner, path=path)
    Contact.objects.get(owner=owner, full_name="Ben Okafor").delete()

    again = import_path(owner=owner, path=path, reread=True)

    assert again.same_as is None
    assert counts(again) == {"added": 1, "updated": 0, "unchanged": 2, "skipped": 1}
    assert Contact.objects.filter(owner=owner, full_name="Ben Okafor").exists()


def test_a_third_run_points_at_the_run_that_read_the_file(owner: User, tmp_path: Path) -> None:
    path = _export(tmp_path)
    first = import_path(owner=owner, path=path)
    import_path(owner=owner, path=path)

    third = import_path(owner=owner, path=path)

    assert third.same_as == first
    assert counts(third) == {"added": 0, "updated": 0, "unchanged": 3, "skipped": 1}


def test_a_preview_or_a_run_with_another_region_does_not_count_as_imported(
    owner: User, tmp_path: Path
) -> None:
    path = _export(tmp_path)
    preview = import_path(owner=owner, path=path, dry_run=True)
    other_region = import_path(owner=owner, path=path, default_region="DE")

    real = import_path(owner=owner, path=path)

    assert preview.same_as is None
    assert other_region.same_as is None
    assert real.same_as is None
    assert counts(real)["unchanged"] == 3  # read in full: the DE run had brought everyone


def test_a_preview_of_a_file_imported_before_says_so_and_changes_nothing(
    owner: User, tmp_path: Path
) -> None:
    path = _export(tmp_path)
    first = import_path(owner=owner, path=path)
    before = snapshot()

    preview = import_path(owner=owner, path=path, dry_run=True)

    assert preview.same_as == first
    assert counts(preview) == {"added": 0, "updated": 0, "unchanged": 3, "skipped": 1}
    assert snapshot() == before


def test_another_account_that_imported_the_same_file_changes_nothing_for_this_one(
    accounts: Accounts, tmp_path: Path
) -> None:
    path = _export(tmp_path)
    import_path(owner=accounts.stranger, path=path)

    mine = import_path(owner=accounts.owner, path=path)

    assert mine.same_as is None
    assert counts(mine) == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 1}
    assert Contact.objects.filter(owner=accounts.owner).count() == 2


def test_the_command_says_nothing_to_do_and_reread_reads_it(owner: User, tmp_path: Path) -> None:
    path = _export(tmp_path)
    invoke("import", "--user", "alice", str(path))

    same = invoke("import", "--user", "alice", str(path))
    reread = invoke("import", "--user", "alice", "--reread", str(path))

    assert same.exit_code == 0, same.output
    assert "0 added, 0 updated, 3 unchanged, 1 skipped" in same.stdout
    assert "unchanged, nothing to do: the same file as the import of " in same.stdout
    assert reread.exit_code == 0, reread.output
    assert "0 added, 0 updated, 3 unchanged, 1 skipped" in reread.stdout
    assert "nothing to do" not in reread.stdout
