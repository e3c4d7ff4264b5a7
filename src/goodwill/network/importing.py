"""Import runs: a file in, a recorded run out.

A run is all or nothing: every record is applied inside one transaction, so a crash, an error or
a kill part-way leaves the network as it was. A dry run does the very same work and rolls it
back, so its counts are what the real run will say. The run's own row, its counts and its skipped
records are written outside that transaction, so they are kept either way.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from uuid import UUID, uuid4

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goodwill.network.duplicates import duplicates_suggest
from goodwill.network.import_apply import RecordApplier
from goodwill.network.import_files import (
    file_digest,
    progress_clear,
    progress_read,
    progress_write,
    stored_file_delete,
    stored_file_path,
)
from goodwill.network.models import ImportRun, ImportSkip
from goodwill.sources.detect import detect_format, read_source
from goodwill.sources.errors import SourceError
from goodwill.sources.handles import HandleError, check_region
from goodwill.sources.records import SourceFormat, SourceRecord

BATCH_SIZE = 2000
# A run that has not reported progress for this long died with its process (a kill, a crash
# of the machine): its transaction never committed, so nothing it did is kept.
ABANDONED_AFTER = timedelta(minutes=5)

Progress = Callable[[int], None]


def import_run_create(
    *,
    owner: User,
    file_name: str,
    file_size: int = 0,
    sha256: str = "",
    format: str = "",
    default_region: str = "US",
    dry_run: bool = False,
    batch: UUID | None = None,
    stored_file: str = "",
) -> ImportRun:
    """A run waiting to start; the format ('' to detect it) and region are checked now."""
    if format and format not in SourceFormat:
        known = ", ".join(kind.value for kind in SourceFormat)
        raise ValidationError({"format": f"{format!r} is not a format Goodwill reads ({known})."})
    try:
        region = check_region(default_region)
    except HandleError as exc:
        raise ValidationError({"default_region": str(exc)}) from exc
    run = ImportRun(
        owner=owner,
        file_name=file_name[:300],
        file_size=file_size,
        sha256=sha256,
        format=format,
        default_region=region,
        dry_run=dry_run,
        stored_file=stored_file,
        created_at=timezone.now(),
    )
    if batch is not None:
        run.batch = batch
    run.save()
    return run


def import_path(
    *,
    owner: User,
    path: Path,
    format: str = "",
    default_region: str = "US",
    dry_run: bool = False,
    batch: UUID | None = None,
    progress: Progress | None = None,
) -> ImportRun:
    """Imports one file from disk as a new run. SourceError (run recorded as failed) when the
    file cannot be read at all."""
    if not path.is_file():
        raise SourceError(path.name, "", "no such file")
    size, sha256 = file_digest(path)
    run = import_run_create(
        owner=owner,
        file_name=path.name,
        file_size=size,
        sha256=sha256,
        format=format,
        default_region=default_region,
        dry_run=dry_run,
        batch=batch,
    )
    return import_run_execute(run=run, source=path, progress=progress)


def import_run_execute(
    *, run: ImportRun, source: Path | bytes, progress: Progress | None = None
) -> ImportRun:
    """Runs a created run over its file (a path or the bytes)."""
    _start(run)
    try:
        format = run.format or detect_format(source, name=run.file_name).value
        records = read_source(
            source, name=run.file_name, format=format, default_region=run.default_region
        )
    except SourceError as exc:
        _fail(run, str(exc))
        raise
    run.format = format
    return import_records(run=run, records=records, progress=progress)


def import_stored_run(run: ImportRun) -> ImportRun:
    """Runs a run whose upload waits in the owner's imports folder (the web's way); a real run
    deletes the upload when it is done, a dry run keeps it for the confirmation."""
    path = stored_file_path(owner_id=run.owner_id, name=run.stored_file)
    if path is None:
        _start(run)
        _fail(run, f"{run.file_name}: the uploaded file is gone; upload it again")
        return run
    # A file that cannot be read is recorded on the run as failed, which is what the page shows.
    with contextlib.suppress(SourceError):
        import_run_execute(run=run, source=path)
    if not run.dry_run:
        stored_file_delete(owner_id=run.owner_id, name=run.stored_file)
        ImportRun.objects.filter(pk=run.pk).update(stored_file="")
        run.stored_file = ""
    return run


def import_batch_confirm(*, owner: User, batch: UUID) -> list[ImportRun]:
    """Real runs for the previewed (dry) runs of a batch whose uploads are still kept, in a new
    batch; each upload passes to its real run, so a second confirmation imports nothing twice."""
    new_batch = uuid4()
    confirmed = []
    with transaction.atomic():
        previews = ImportRun.objects.select_for_update().filter(
            owner=owner, batch=batch, dry_run=True, status=ImportRun.Status.DONE
        )
        for preview in previews.exclude(stored_file="").order_by("pk"):
            confirmed.append(
                import_run_create(
                    owner=owner,
                    file_name=preview.file_name,
                    file_size=preview.file_size,
                    sha256=preview.sha256,
                    format=preview.format,
                    default_region=preview.default_region,
                    batch=new_batch,
                    stored_file=preview.stored_file,
                )
            )
        # Uploads of previews that failed cannot be imported: they are not kept either.
        for failed in ImportRun.objects.filter(
            owner=owner, batch=batch, status=ImportRun.Status.FAILED
        ):
            stored_file_delete(owner_id=owner.pk, name=failed.stored_file)
        ImportRun.objects.filter(owner=owner, batch=batch).update(stored_file="")
    return confirmed


def import_batch_discard(*, owner: User, batch: UUID) -> None:
    """Deletes the uploads a batch still keeps (a preview the user did not confirm)."""
    for run in ImportRun.objects.filter(owner=owner, batch=batch).exclude(stored_file=""):
        stored_file_delete(owner_id=owner.pk, name=run.stored_file)
    ImportRun.objects.filter(owner=owner, batch=batch).update(stored_file="")


def import_records(
    *,
    run: ImportRun,
    records: Iterable[SourceRecord],
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportRun:
    """Applies records as the run, all or nothing, and records the outcome on the run. Each
    batch of `batch_size` records is written before the next is read."""
    if run.status != ImportRun.Status.RUNNING:
        _start(run)
    applier = RecordApplier(owner=run.owner, run=run, now=timezone.now())
    try:
        with transaction.atomic():
            for batch in itertools.batched(records, batch_size):
                applier.apply(list(batch))
                progress_write(run.pk, applier.records_read)
                if progress is not None:
                    progress(applier.records_read)
            applier.finish()
            # A run that added or changed no contact cannot have made a new pair: a re-import
            # of an unchanged file skips the comparison.
            suggested = (
                duplicates_suggest(owner=run.owner, conflicts=applier.conflicts)
                if applier.people.contacts_written or applier.conflicts
                else 0
            )
            if run.dry_run:
                transaction.set_rollback(True)
    except SourceError as exc:
        _fail(run, str(exc))
        raise
    except BaseException as exc:
        _fail(run, _stopped_line(run, exc))
        raise
    ImportSkip.objects.bulk_create(
        [_owned_by_run(skip, run) for skip in applier.skips], batch_size=BATCH_SIZE
    )
    run.added = applier.counts["added"]
    run.updated = applier.counts["updated"]
    run.unchanged = applier.counts["unchanged"]
    run.skipped = applier.counts["skipped"]
    run.duplicates_suggested = suggested
    run.status = ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()
    progress_clear(run.pk)
    return run


def import_runs_close_abandoned(*, owner: User) -> int:
    """Marks as failed the owner's runs whose process died part-way (killed, machine down):
    nothing of theirs was kept. Returns how many there were."""
    now = timezone.now()
    closed = 0
    for run in ImportRun.objects.filter(owner=owner, status=ImportRun.Status.RUNNING):
        progress = progress_read(run.pk)
        quiet_for = (
            timedelta(seconds=progress[1])
            if progress is not None
            else now - (run.started_at or run.created_at)
        )
        if quiet_for < ABANDONED_AFTER:
            continue
        run.status = ImportRun.Status.FAILED
        run.error = (
            f"{run.file_name}: the import stopped before it finished (its process ended); "
            "nothing of it was kept"
        )
        run.finished_at = now
        run.save(update_fields=["status", "error", "finished_at"])
        progress_clear(run.pk)
        closed += 1
    return closed


def _owned_by_run(skip: ImportSkip, run: ImportRun) -> ImportSkip:
    skip.run = run
    return skip


def _start(run: ImportRun) -> None:
    run.status = ImportRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at"])


def _fail(run: ImportRun, error: str) -> None:
    run.status = ImportRun.Status.FAILED
    run.error = error
    run.finished_at = timezone.now()
    run.added = run.updated = run.unchanged = run.skipped = 0
    run.save()
    progress_clear(run.pk)


def _stopped_line(run: ImportRun, exc: BaseException) -> str:
    if isinstance(exc, KeyboardInterrupt):
        return f"{run.file_name}: interrupted; nothing of it was kept"
    problem = " ".join(str(exc).split()) or type(exc).__name__
    return f"{run.file_name}: the import stopped on an error ({problem}); nothing of it was kept"
