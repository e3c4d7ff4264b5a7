"""Import runs: a file in, a recorded run out.

A run is all or nothing: every record is applied inside one transaction, so a crash, an error or
a kill part-way leaves the network as it was. A dry run does the very same work and rolls it
back, so its counts are what the real run will say. The run's own row, its counts and its skipped
records are written outside that transaction, so they are kept either way.

A file byte for byte the same as one the owner imported before (same SHA-256, region and
format, that run done and real) is not read again: the run is recorded with `same_as` pointing
at the earlier run, every record counted unchanged and the earlier skips copied. `reread=True`
reads it anyway.
"""

from __future__ import annotations

import contextlib
import itertools
import time
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
PROGRESS_EVERY = 0.5  # seconds
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
    reread: bool = False,
) -> ImportRun:
    """Imports one file from disk as a new run. SourceError (run recorded as failed) when the
    file cannot be read at all. A file imported before, byte for byte, is not read again unless
    `reread`."""
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
    return import_run_execute(run=run, source=path, progress=progress, reread=reread)


def import_run_execute(
    *,
    run: ImportRun,
    source: Path | bytes,
    progress: Progress | None = None,
    reread: bool = False,
) -> ImportRun:
    """Runs a created run over its file (a path or the bytes); a file the owner imported
    before, byte for byte, is not read again unless `reread`."""
    _start(run)
    earlier = None if reread else identical_run_before(run)
    if earlier is not None:
        return _record_identical(run, earlier)
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


def identical_run_before(run: ImportRun) -> ImportRun | None:
    """The owner's latest real, finished run of a byte-identical file read with the same region
    (and the same format, when this run forces one), or None. A file whose hash is not known
    has none."""
    if not run.sha256:
        return None
    earlier = ImportRun.objects.filter(
        owner_id=run.owner_id,
        sha256=run.sha256,
        file_size=run.file_size,
        default_region=run.default_region,
        status=ImportRun.Status.DONE,
        dry_run=False,
    ).exclude(pk=run.pk)
    if run.format:
        earlier = earlier.filter(format=run.format)
    return earlier.order_by("-pk").first()


def _record_identical(run: ImportRun, earlier: ImportRun) -> ImportRun:
    # What a full read would find: every record that was used is unchanged, every record that
    # was skipped is skipped again for the same reason.
    run.same_as_id = earlier.same_as_id or earlier.pk
    run.format = earlier.format
    run.added = run.updated = 0
    run.unchanged = earlier.added + earlier.updated + earlier.unchanged
    run.skipped = earlier.skipped
    run.duplicates_suggested = 0
    ImportSkip.objects.bulk_create(
        [
            ImportSkip(
                owner_id=run.owner_id,
                run=run,
                location=skip.location,
                reason=skip.reason,
                record_kept=skip.record_kept,
            )
            for skip in ImportSkip.objects.filter(owner_id=run.owner_id, run=earlier).order_by("pk")
        ],
        batch_size=BATCH_SIZE,
    )
    run.status = ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()
    progress_clear(run.pk)
    return run


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
            written_at = 0.0
            for batch in itertools.batched(records, batch_size):
                applier.apply(list(batch))
                # The file is what a page polls each second and what tells a killed run from
                # a slow one: rewritten at most twice a second, not for every batch.
                if time.monotonic() - written_at >= PROGRESS_EVERY:
                    progress_write(run.pk, applier.records_read)
                    written_at = time.monotonic()
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
