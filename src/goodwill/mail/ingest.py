"""Importing an mbox file or a Maildir folder: read it (both cores), store what is new in
batches, then settle threads, interactions and the radar once at the end.

Re-importing is cheap: Maildir files read before are passed over by name before they are
opened, and messages already stored are recognised by key, so nothing is stored twice.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path

from django.utils import timezone

from goodwill.insight.asks import Detection
from goodwill.insight.asks_batch import detect_many
from goodwill.mail import services
from goodwill.mail.models import MailImport, MailSource
from goodwill.network.services import Owner
from goodwill.sources.mail_maildir import MaildirEntry
from goodwill.sources.mail_read import MailboxKind, MailRecord, mailbox_kind, read_mailbox
from goodwill.sources.mail_records import MailMessage
from goodwill.sources.mail_wanted import RecentOrKnownWanted, RecentWanted
from goodwill.sources.records import SkippedRecord

# Called with the number of messages read so far.
Progress = Callable[[int], None]
_INFO_SEPARATORS = (":2,", "!2,", ";2,")
# Texts in a batch from which detection is handed to worker processes.
PARALLEL_DETECTION = 200
# Batches read ahead of the oldest one still waiting for its detections (memory: a few
# thousand rows and texts each).
BATCHES_DETECTING = 4


@dataclass(frozen=True)
class ImportResult:
    run: MailImport
    settled: services.SettleReport
    own: frozenset[str]


def maildir_unique_name(name: str) -> str:
    """A Maildir file's name without its flags, which change when the message is read."""
    base = os.path.basename(name)
    for separator in _INFO_SEPARATORS:
        found, sep, _ = base.rpartition(separator)
        if sep:
            return found
    return base


def _seen_names(source: MailSource) -> set[str]:
    data = bytes(source.seen_names or b"")
    if not data:
        return set()
    return set(zlib.decompress(data).decode("utf-8", "surrogateescape").split("\n"))


def _store_seen(source: MailSource, names: set[str]) -> None:
    text = "\n".join(sorted(names)).encode("utf-8", "surrogateescape")
    source.seen_names = zlib.compress(text, 1)
    source.save(update_fields=["seen_names"])


def read_wanted(*, owner: Owner, now: datetime) -> tuple[RecentOrKnownWanted, RecentWanted]:
    """What to read past the headers: a snippet of mail with contacts and of recent mail, and
    the text of recent mail, whose asks and offers can still be on the radar."""
    since = now - timedelta(days=services.RADAR_HORIZON_DAYS)
    # Contacts' addresses only: the user's own are on every message, which would read them all.
    contacts = frozenset(services.contact_addresses(owner=owner))
    return RecentOrKnownWanted(since, contacts), RecentWanted(since)


def mailbox_import(
    *,
    owner: Owner,
    path: str | os.PathLike[str],
    me: tuple[str, ...] = (),
    keep_bodies: bool = False,
    progress: Progress | None = None,
    processes: int | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Import the mbox file or Maildir folder at `path` for `owner`. SourceError (one line)
    when the path is no mailbox; HandleError when an address in `me` is no address."""
    where = Path(path).resolve()
    kind = mailbox_kind(where)
    now = now or timezone.now()
    added = services.own_addresses_configure(owner=owner, addresses=me)
    source, _ = MailSource.objects.get_or_create(
        owner=owner, path=services.clean_text(str(where)[:1000]), defaults={"kind": str(kind)}
    )
    seen = _seen_names(source) if kind == MailboxKind.MAILDIR else set()
    passed_over = 0

    def skip(entry: MaildirEntry) -> bool:
        nonlocal passed_over
        if maildir_unique_name(entry.relative) in seen:
            passed_over += 1
            return True
        return False

    snippets, bodies = read_wanted(owner=owner, now=now)
    run = services.import_start(owner=owner, source=str(where), kind=str(kind))
    records = read_mailbox(
        where,
        snippets=snippets,
        bodies=bodies,
        processes=processes,
        skip=skip if kind == MailboxKind.MAILDIR else None,
    )
    known = services.known_message_keys(owner=owner)
    read_names: set[str] = set()
    with _Detector(processes) as detector:
        # Batches whose texts are being read for detections, oldest first. Reading goes on
        # meanwhile: recent mail, the only mail read for detections, comes in runs, and
        # waiting for each run's detections would leave the readers idle.
        waiting: deque[tuple[services.PreparedBatch, Future[list[list[Detection]]]]] = deque()

        def write_oldest() -> None:
            prepared, found = waiting.popleft()
            services.messages_write(owner=owner, run=run, batch=prepared, found=found.result())

        for batch in _batches(records, services.BATCH):
            if kind == MailboxKind.MAILDIR:
                read_names.update(_record_name(record) for record in batch)
            prepared = services.messages_prepare(
                owner=owner, run=run, records=batch, known=known, keep_bodies=keep_bodies
            )
            waiting.append((prepared, detector.submit(prepared.text_list)))
            while waiting and (waiting[0][1].done() or len(waiting) > BATCHES_DETECTING):
                write_oldest()
            if progress is not None:
                progress(run.read)
        while waiting:
            write_oldest()
    run.known += passed_over
    if read_names:
        _store_seen(source, seen | read_names)
    settled = services.mail_settle(owner=owner, now=now, force=bool(added))
    services.import_finish(run=run)
    return ImportResult(run, settled, services.own_addresses(owner=owner))


def records_import(
    *,
    owner: Owner,
    records: Iterable[MailRecord],
    source: str,
    kind: str = "files",
    keep_bodies: bool = False,
    now: datetime | None = None,
) -> ImportResult:
    """Import messages read some other way (single message files, say): store what is new,
    count what could not be read or was left out, then settle."""
    run = services.import_start(owner=owner, source=source, kind=kind)
    known = services.known_message_keys(owner=owner)
    for batch in _batches(iter(records), services.BATCH):
        services.messages_store(
            owner=owner, run=run, records=batch, known=known, keep_bodies=keep_bodies
        )
    settled = services.mail_settle(owner=owner, now=now)
    services.import_finish(run=run)
    return ImportResult(run, settled, services.own_addresses(owner=owner))


class _Detector:
    """Reads texts for asks, offers and promises: in worker processes (both cores) when a batch
    holds enough texts to be worth it, else here. Detection costs a few milliseconds a message,
    the largest share of a first import after reading the mail itself."""

    def __init__(self, processes: int | None) -> None:
        self.workers = max(1, processes if processes is not None else _cores())
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Detector:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, texts: list[str]) -> Future[list[list[Detection]]]:
        if self.workers == 1 or len(texts) < PARALLEL_DETECTION:
            done: Future[list[list[Detection]]] = Future()
            done.set_result(services.detect_all(texts))
            return done
        if self.pool is None:
            context = multiprocessing.get_context(
                "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            )
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        size = -(-len(texts) // (self.workers * 4))
        parts = [texts[start : start + size] for start in range(0, len(texts), size)]
        futures = [self.pool.submit(detect_many, part) for part in parts]
        joined: Future[list[list[Detection]]] = Future()

        def gather(_: object) -> None:
            if all(future.done() for future in futures) and not joined.done():
                try:
                    joined.set_result([found for future in futures for found in future.result()])
                except Exception as exc:  # a worker's failure is the import's
                    joined.set_exception(exc)

        for future in futures:
            future.add_done_callback(gather)
        return joined


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _batches(records: Iterator[MailRecord], size: int) -> Iterator[list[MailRecord]]:
    while batch := list(islice(records, size)):
        yield batch


def _record_name(record: MailMessage | SkippedRecord) -> str:
    path = record.origin.path if isinstance(record, MailMessage) else record.origin.file
    return maildir_unique_name(path)
