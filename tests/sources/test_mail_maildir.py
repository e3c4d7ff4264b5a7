"""Maildir folders: cur/ and new/, flags in file names, Maildir++ and nested sub-folders, what is
not a message, and the parallel reader giving the same records in the same order."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from goodwill.sources.mail_maildir import flags_from_name, folder_name
from goodwill.sources.mail_parse import every_message
from goodwill.sources.mail_read import MailRecord, read_mailbox, read_message_file
from goodwill.sources.mail_records import DateSource, MailFlag, MailMessage
from goodwill.sources.records import SkippedRecord


def mail(number: int, *, date: bool = True) -> bytes:
    lines = [
        f"From: Person {number} <p{number}@example.com>",
        "To: me@example.org",
        f"Subject: message {number}",
        f"Message-ID: <{number}@example.com>",
    ]
    if date:
        lines.append(f"Date: Tue, 5 Mar 2024 10:{number % 60:02d}:00 +0000")
    return ("\n".join(lines) + f"\n\nBody of message {number}.\n").encode()


def deliver(folder: Path, name: str, content: bytes, subdir: str = "cur") -> Path:
    for part in ("cur", "new", "tmp"):
        (folder / part).mkdir(parents=True, exist_ok=True)
    path = folder / subdir / name
    path.write_bytes(content)
    return path


def messages(records: list[MailRecord]) -> list[MailMessage]:
    return [record for record in records if isinstance(record, MailMessage)]


def test_flags_are_read_from_the_file_name() -> None:
    assert flags_from_name("1709.M1P2.host:2,RS") == {MailFlag.REPLIED, MailFlag.SEEN}
    assert flags_from_name("1709.M1P2.host:2,DFPTa") == {
        MailFlag.DRAFT,
        MailFlag.FLAGGED,
        MailFlag.PASSED,
        MailFlag.TRASHED,
    }
    assert flags_from_name("1709.M1P2.host!2,S") == {MailFlag.SEEN}
    assert flags_from_name("1709.M1P2.host") == frozenset()


def test_folder_names_read_as_a_mail_client_shows_them() -> None:
    assert folder_name("") == "INBOX"
    assert folder_name(".Sent") == "Sent"
    assert folder_name(".Archive.2024") == "Archive/2024"
    assert folder_name("Work/Clients") == "Work/Clients"


def test_a_maildir_gives_inbox_then_subfolders_cur_before_new_with_flags(tmp_path: Path) -> None:
    deliver(tmp_path, "1000.a:2,RS", mail(1))
    deliver(tmp_path, "1001.b", mail(2), subdir="new")
    deliver(tmp_path / ".Sent", "1002.c:2,S", mail(3))
    deliver(tmp_path / "Archive" / "2023", "1003.d:2,", mail(4))
    (tmp_path / "tmp" / "1004.e").write_bytes(mail(5))  # still being delivered
    (tmp_path / "cur" / ".hidden").write_bytes(mail(6))
    (tmp_path / "dovecot-uidlist").write_bytes(b"3 V1 N5\n")
    found = messages(list(read_mailbox(tmp_path)))
    assert [(m.key, m.folder, sorted(m.flags)) for m in found] == [
        ("1@example.com", "INBOX", ["replied", "seen"]),
        ("2@example.com", "INBOX", []),
        ("3@example.com", "Sent", ["seen"]),
        ("4@example.com", "Archive/2023", []),
    ]


def test_a_folder_holding_only_sub_folders_is_a_maildir(tmp_path: Path) -> None:
    deliver(tmp_path / "work", "1.a:2,S", mail(1))
    [message] = messages(list(read_mailbox(tmp_path)))
    assert message.folder == "work"


def test_a_message_without_any_date_is_dated_by_its_file_time(tmp_path: Path) -> None:
    path = deliver(tmp_path, "1.a:2,S", mail(1, date=False))
    moment = datetime(2022, 2, 2, 12, 0, tzinfo=UTC)
    os.utime(path, (moment.timestamp(), moment.timestamp()))
    [message] = messages(list(read_mailbox(tmp_path)))
    assert (message.date, message.date_source) == (moment, DateSource.FILE_TIME)


def test_unreadable_messages_are_counted_with_why_and_the_rest_read(tmp_path: Path) -> None:
    deliver(tmp_path, "1.a:2,S", mail(1))
    deliver(tmp_path, "2.b:2,S", b"")
    deliver(tmp_path, "3.c:2,S", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00")
    deliver(tmp_path, "4.d:2,S", mail(4))
    records = list(read_mailbox(tmp_path))
    skipped = [r for r in records if isinstance(r, SkippedRecord)]
    assert [m.key for m in messages(records)] == ["1@example.com", "4@example.com"]
    assert [(Path(s.origin.file).name, s.reason) for s in skipped] == [
        ("2.b:2,S", "is empty"),
        ("3.c:2,S", "holds binary data, not a mail message"),
    ]


def test_reading_in_parallel_gives_the_same_records_in_the_same_order(tmp_path: Path) -> None:
    for number in range(60):
        deliver(
            tmp_path / (".Sent" if number % 7 == 0 else ""),
            f"{1000 + number}.x:2,S",
            (mail(number) if number != 13 else b""),
        )
    serial = list(read_mailbox(tmp_path, processes=1, snippets=every_message))
    parallel = list(read_mailbox(tmp_path, processes=2, chunk_size=4, snippets=every_message))
    assert parallel == serial
    assert len(messages(parallel)) == 59
    # INBOX first (message 0 went to Sent), in file-name order.
    assert [m.snippet for m in messages(parallel)[:2]] == [
        "Body of message 1.",
        "Body of message 2.",
    ]


def test_a_predicate_that_cannot_reach_a_worker_is_refused_before_reading(tmp_path: Path) -> None:
    deliver(tmp_path, "1.a:2,S", mail(1))
    with pytest.raises(TypeError, match="KeysWanted"):
        read_mailbox(tmp_path, processes=2, bodies=lambda message: True)


def test_one_message_file_reads_on_its_own_with_its_flags(tmp_path: Path) -> None:
    path = deliver(tmp_path, "1.a:2,FS", mail(1))
    message = read_message_file(path)
    assert isinstance(message, MailMessage)
    assert message.flags == {MailFlag.FLAGGED, MailFlag.SEEN}
