"""A run is all or nothing, and a dry run shows the same counts while changing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import services
from goodwill.network.import_apply import RecordError
from goodwill.network.importing import (
    import_records,
    import_run_create,
    import_runs_close_abandoned,
)
from goodwill.network.models import ImportRun, ImportSkip
from goodwill.sources.detect import read_source
from goodwill.sources.errors import SourceError
from goodwill.sources.records import Origin, SourceRecord
from tests.importing.helpers import (
    ANA,
    BEN,
    ME,
    connection_row,
    counts,
    import_bytes,
    linkedin_export,
    message_row,
    snapshot,
    vcard,
)

EXPORT = linkedin_export(
    connections=[connection_row(ANA, company="Lumen"), connection_row(BEN)],
    messages=[
        message_row(ANA, [ME], "Hello Sam"),
        message_row(ME, [ANA], "Draft", draft="Yes"),
    ],
)


@pytest.fixture
def typed_contact(owner: User) -> None:
    services.contact_create(
        owner=owner, full_name="Lori Chen", handles=[("email", "lori@x.example")]
    )


@pytest.mark.usefixtures("typed_contact")
def test_a_dry_run_counts_what_the_real_run_does_and_changes_nothing(owner: User) -> None:
    before = snapshot()

    dry = import_bytes(owner, EXPORT, "export.zip", dry_run=True)

    assert snapshot() == before
    assert dry.dry_run
    assert dry.status == ImportRun.Status.DONE
    real = import_bytes(owner, EXPORT, "export.zip")
    assert counts(dry) == counts(real) == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 1}
    assert [s.reason for s in dry.skips.all()] == [s.reason for s in real.skips.all()]


class BrokenRecord:
    """Not a record at all: what a bug in a parser would hand the importer."""

    origin = Origin("export.zip/Connections.csv", 99, 98)


def records_then_a_broken_one(data: bytes) -> Iterator[SourceRecord]:
    yield from read_source(data, name="export.zip")
    yield BrokenRecord()  # type: ignore[misc]


@pytest.mark.usefixtures("typed_contact")
def test_a_failure_at_the_last_record_leaves_the_data_as_it_was(owner: User) -> None:
    before = snapshot()
    run = import_run_create(owner=owner, file_name="export.zip")

    with pytest.raises(RecordError):
        # One record a batch, so that everything before the broken record was written.
        import_records(run=run, records=records_then_a_broken_one(EXPORT), batch_size=1)

    assert snapshot() == before
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "nothing of it was kept" in run.error
    assert not ImportSkip.objects.filter(run=run).exists()


def test_a_file_that_breaks_part_way_leaves_the_data_as_it_was(owner: User) -> None:
    good = vcard("FN:Ana Bozic", "EMAIL:ana@lumen.example")
    before = snapshot()
    run = import_run_create(owner=owner, file_name="contacts.vcf")

    def cut_short() -> Iterator[SourceRecord]:
        yield from read_source(good.encode(), name="contacts.vcf")
        raise SourceError("contacts.vcf", "line 7", "cannot be read: the disk went away")

    with pytest.raises(SourceError):
        import_records(run=run, records=cut_short(), batch_size=1)

    assert snapshot() == before
    run.refresh_from_db()
    assert (run.status, run.error) == (
        ImportRun.Status.FAILED,
        "contacts.vcf, line 7: cannot be read: the disk went away",
    )


def test_an_unreadable_file_is_a_failed_run_naming_the_file_line_and_problem(
    owner: User,
) -> None:
    with pytest.raises(SourceError) as raised:
        import_bytes(owner, "Name;Age\nAna;40\n", "people.csv")

    run = ImportRun.objects.get(owner=owner)
    assert run.status == ImportRun.Status.FAILED
    assert run.error == str(raised.value)
    assert run.error.startswith("people.csv, line 1: ")


def test_a_mostly_good_file_imports_the_good_records_and_lists_each_skipped_one(
    owner: User,
) -> None:
    cards = (
        vcard("FN:Ana Bozic", "EMAIL:ana@lumen.example", "TEL:12")
        + vcard("NOTE:nobody")
        + vcard("FN:Ben Okafor")
    )

    run = import_bytes(owner, cards, "contacts.vcf")

    assert counts(run) == {"added": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    skips = [(s.location, s.record_kept, s.reason) for s in run.skips.all()]
    assert skips[0][:2] == ("contacts.vcf, line 1", True)
    assert "'12'" in skips[0][2]
    assert skips[1][:2] == ("contacts.vcf, line 7", False)
    assert "no name" in skips[1][2]


def test_a_run_whose_process_died_is_marked_failed_once_it_has_been_silent(owner: User) -> None:
    died = import_run_create(owner=owner, file_name="export.zip")
    working = import_run_create(owner=owner, file_name="contacts.vcf")
    ImportRun.objects.filter(pk=died.pk).update(
        status=ImportRun.Status.RUNNING, started_at=timezone.now() - timedelta(minutes=6)
    )
    ImportRun.objects.filter(pk=working.pk).update(
        status=ImportRun.Status.RUNNING, started_at=timezone.now() - timedelta(minutes=1)
    )

    closed = import_runs_close_abandoned(owner=owner)

    died.refresh_from_db()
    working.refresh_from_db()
    assert closed == 1
    assert died.status == ImportRun.Status.FAILED
    assert died.error == (
        "export.zip: the import stopped before it finished (its process ended); "
        "nothing of it was kept"
    )
    assert working.status == ImportRun.Status.RUNNING
