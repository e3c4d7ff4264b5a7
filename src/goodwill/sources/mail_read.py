"""The one way in for mail on disk: point at an mbox file or a Maildir folder, get its messages.

Messages are read in chunks by worker processes, both cores when there are two, and handed back
in mailbox order as they are ready; at most a few chunks are in flight, so memory stays flat
whatever the size of the mailbox. A message that cannot be read becomes a SkippedRecord saying
why; only a path that is no mailbox at all raises, before the first message.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import IO

from goodwill.sources.errors import SourceError
from goodwill.sources.mail_maildir import (
    MaildirEntry,
    flags_from_name,
    looks_like_maildir,
    maildir_entries,
)
from goodwill.sources.mail_mbox import (
    MboxSpan,
    from_line_date,
    looks_like_mbox,
    mbox_spans,
    split_from_line,
    unquote_from_lines,
)
from goodwill.sources.mail_parse import (
    DateFallback,
    MessageWanted,
    no_message,
    read_message,
    skipped,
)
from goodwill.sources.mail_records import DateSource, MailMessage, MailOrigin
from goodwill.sources.mail_text import SNIPPET_WINDOW
from goodwill.sources.records import SkippedRecord

type MailRecord = MailMessage | SkippedRecord

# Messages per chunk handed to a worker: large enough that passing it costs little next to
# parsing it, small enough that the chunks in flight stay a few megabytes.
CHUNK_SIZE = 256
# Chunks in flight per worker process: enough to keep every core busy while the caller works.
CHUNKS_AHEAD = 2


class MailboxKind(StrEnum):
    """What a path holds."""

    MBOX = "mbox"
    MAILDIR = "maildir"


def mailbox_kind(path: str | os.PathLike[str]) -> MailboxKind:
    """Whether `path` is an mbox file or a Maildir folder; SourceError in one line naming the
    path and why when it is neither."""
    where = Path(path)
    if where.is_dir():
        if looks_like_maildir(where):
            return MailboxKind.MAILDIR
        raise SourceError(
            str(where), "", "is a folder without cur/ or new/ in it or below it, so not a Maildir"
        )
    if not where.exists():
        raise SourceError(str(where), "", "no such file or folder")
    try:
        with where.open("rb") as stream:
            head = stream.read(5)
    except OSError as exc:
        raise SourceError(str(where), "", f"cannot be read: {exc.strerror or exc}") from exc
    # An empty file is an mbox that holds no mail yet, as mail clients create them.
    if head == b"" or looks_like_mbox(head):
        return MailboxKind.MBOX
    raise SourceError(
        str(where),
        "line 1",
        "is neither an mbox (it does not begin with a 'From ' line) nor a Maildir folder",
    )


def read_mailbox(
    path: str | os.PathLike[str],
    *,
    snippets: MessageWanted = no_message,
    bodies: MessageWanted = no_message,
    processes: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    skip: Callable[[MaildirEntry], bool] | None = None,
) -> Iterator[MailRecord]:
    """Every message of the mbox file or Maildir folder at `path`, in mailbox order, with a
    SkippedRecord for each message that could not be read.

    Headers are always read. `snippets` and `bodies` are asked of each header-only message
    whether to read its snippet or its body too (pass mail_parse.every_message, a KeysWanted,
    or any module-level function: they travel to worker processes, so must pickle).
    `processes` defaults to the cores this process may use; 1 reads in this process. Workers
    start from a fork server, so a script calling this keeps its top-level code under
    `if __name__ == "__main__":`, as multiprocessing asks. Raises SourceError at once, before
    any message, when the path is no mailbox. `skip` is asked of each Maildir file, before it
    is opened, whether to pass it over (a re-import skips the files it read before)."""
    where = Path(path)
    kind = mailbox_kind(where)
    workers = _worker_count(processes)
    if workers > 1:
        for wanted in (snippets, bodies):
            _check_picklable(wanted)
    if kind == MailboxKind.MAILDIR:
        jobs: Iterator[_Chunk] = _maildir_chunks(where, chunk_size, snippets, bodies, skip)
    else:
        jobs = _mbox_chunks(where, chunk_size, snippets, bodies)
    return _in_order(jobs, workers)


def read_message_file(
    path: str | os.PathLike[str],
    *,
    folder: str = "",
    snippets: MessageWanted = no_message,
    bodies: MessageWanted = no_message,
) -> MailRecord:
    """The one message in a file (an .eml, or a Maildir file read on its own); its flags come
    from a Maildir-style name when it has one."""
    where = Path(path)
    origin = MailOrigin(str(where))
    try:
        raw = where.read_bytes()
    except OSError as exc:
        return skipped(origin, f"could not be read: {exc.strerror or exc}")
    return read_message(
        raw,
        origin=origin,
        folder=folder,
        flags=flags_from_name(where.name),
        date_fallback=_file_time(where),
        snippets=snippets,
        bodies=bodies,
    )


def message_bytes(origin: MailOrigin) -> bytes:
    """The bytes of a message read before, from where its origin says they are (the From_ line
    of an mbox message left out). OSError when the file has gone."""
    with open(origin.path, "rb") as stream:
        stream.seek(origin.offset)
        if origin.length is None:
            return stream.read()
        _, message = split_from_line(stream.read(origin.length))
        return unquote_from_lines(message)


@dataclass(frozen=True, slots=True)
class _Chunk:
    # One worker's share: a few hundred messages of one mailbox and what to read of them.
    kind: MailboxKind
    mailbox: str
    maildir_entries: tuple[MaildirEntry, ...]
    mbox_spans: tuple[MboxSpan, ...]
    folder: str
    snippets: MessageWanted
    bodies: MessageWanted


def _maildir_chunks(
    root: Path,
    size: int,
    snippets: MessageWanted,
    bodies: MessageWanted,
    skip: Callable[[MaildirEntry], bool] | None = None,
) -> Iterator[_Chunk]:
    entries = maildir_entries(root)
    if skip is not None:
        entries = (entry for entry in entries if not skip(entry))
    while batch := tuple(islice(entries, size)):
        yield _Chunk(MailboxKind.MAILDIR, str(root), batch, (), "", snippets, bodies)


def _mbox_chunks(
    path: Path, size: int, snippets: MessageWanted, bodies: MessageWanted
) -> Iterator[_Chunk]:
    # Thunderbird names an mbox after its folder ("Sent"); Takeout calls it "All mail ... .mbox".
    folder = path.stem if path.suffix == ".mbox" else path.name
    spans = mbox_spans(path)
    while batch := tuple(islice(spans, size)):
        yield _Chunk(MailboxKind.MBOX, str(path), (), batch, folder, snippets, bodies)


def read_chunk(chunk: _Chunk) -> list[MailRecord]:
    """The records of one chunk; what a worker process runs."""
    if chunk.kind == MailboxKind.MAILDIR:
        return [_read_maildir_entry(chunk, entry) for entry in chunk.maildir_entries]
    with open(chunk.mailbox, "rb") as stream:
        return [_read_mbox_span(chunk, stream, span) for span in chunk.mbox_spans]


def _read_maildir_entry(chunk: _Chunk, entry: MaildirEntry) -> MailRecord:
    path = os.path.join(chunk.mailbox, entry.relative)
    origin = MailOrigin(path)
    # Bodies are wanted of some messages, and which is known only once the headers are read.
    full = chunk.bodies is not no_message
    try:
        with open(path, "rb") as stream:
            raw = stream.read() if full else _head(stream)
    except OSError as exc:
        return skipped(origin, f"could not be read: {exc.strerror or exc}")
    return read_message(
        raw,
        origin=origin,
        folder=entry.folder,
        flags=entry.flags,
        date_fallback=_file_time(Path(path)),
        snippets=chunk.snippets,
        bodies=chunk.bodies,
    )


def _head(stream: IO[bytes]) -> bytes:
    # Enough of a message for its headers and a snippet, without reading its attachments.
    data = stream.read(SNIPPET_WINDOW)
    while b"\n\n" not in data and b"\r\n\r\n" not in data:
        more = stream.read(SNIPPET_WINDOW)
        if not more:
            break
        data += more
    return data


def _read_mbox_span(chunk: _Chunk, stream: IO[bytes], span: MboxSpan) -> MailRecord:
    origin = MailOrigin(chunk.mailbox, span.offset, span.length, span.line, span.number)
    stream.seek(span.offset)
    raw = stream.read(span.length)
    from_line, message = split_from_line(raw)
    if span.quoted:
        message = unquote_from_lines(message)
    return read_message(
        message,
        origin=origin,
        folder=chunk.folder,
        date_fallback=_from_line_time(from_line, Path(chunk.mailbox)),
        snippets=chunk.snippets,
        bodies=chunk.bodies,
    )


def _file_time(path: Path) -> DateFallback:
    def fallback() -> tuple[datetime, DateSource] | None:
        try:
            return datetime.fromtimestamp(path.stat().st_mtime, UTC), DateSource.FILE_TIME
        except OSError:
            return None

    return fallback


def _from_line_time(line: bytes, path: Path) -> DateFallback:
    def fallback() -> tuple[datetime, DateSource] | None:
        moment = from_line_date(line)
        if moment is not None:
            return moment, DateSource.FROM_LINE
        return _file_time(path)()

    return fallback


def _worker_count(processes: int | None) -> int:
    if processes is not None:
        return max(1, processes)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check_picklable(wanted: MessageWanted) -> None:
    try:
        pickle.dumps(wanted)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        raise TypeError(
            f"{wanted!r} cannot travel to a worker process: pass a module-level function or a "
            "KeysWanted, or processes=1"
        ) from exc


def _in_order(jobs: Iterator[_Chunk], workers: int) -> Iterator[MailRecord]:
    # Small mailboxes are read here: starting processes would cost more than it saves.
    first = list(islice(jobs, workers))
    if workers == 1 or len(first) < 2:
        for chunk in _chained(first, jobs):
            yield from read_chunk(chunk)
        return
    context = multiprocessing.get_context(_start_method())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: deque[Future[list[MailRecord]]] = deque()
        for chunk in _chained(first, jobs):
            pending.append(pool.submit(read_chunk, chunk))
            if len(pending) >= workers * CHUNKS_AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chained(first: list[_Chunk], rest: Iterable[_Chunk]) -> Iterator[_Chunk]:
    yield from first
    yield from rest


def _start_method() -> str:
    # Forking a process that holds database connections or threads (Django, the task worker)
    # is unsafe; the fork server starts workers from a clean process instead.
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"
