"""The mail readers on real messages from other projects (../shared/data/fixtures beside the
repository): notmuch's test corpora, SpamScope mail-parser's spam and bounces, and the Ruby mail
gem's broken and multi-charset mail. Nothing raises, what cannot be read is counted, and all of
notmuch's messages thread with each message in exactly one thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodwill.insight.threads import ThreadMessage, thread_messages
from goodwill.sources.mail_parse import every_message
from goodwill.sources.mail_read import MailRecord, read_mailbox, read_message_file
from goodwill.sources.mail_records import MailMessage
from goodwill.sources.records import SkippedRecord

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "fixtures"
CORPORA = ("notmuch", "mail-parser", "ruby-mail")

pytestmark = pytest.mark.skipif(
    not all((FIXTURES / corpus).is_dir() for corpus in CORPORA),
    reason=f"the shared real-world mail fixtures are not at {FIXTURES}",
)


def files_of(corpus: str) -> list[Path]:
    return sorted(path for path in (FIXTURES / corpus).rglob("*") if path.is_file())


def read_all(corpus: str) -> list[MailRecord]:
    return [read_message_file(path, bodies=every_message) for path in files_of(corpus)]


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_real_message_makes_reading_raise_and_what_cannot_be_read_is_counted(
    corpus: str,
) -> None:
    records = read_all(corpus)
    skipped = sorted(
        Path(r.origin.file).relative_to(FIXTURES).as_posix()
        for r in records
        if isinstance(r, SkippedRecord)
    )
    # The notes files beside the mail, and one Outlook .msg (a binary container, not mail).
    expected = {
        "notmuch": ["notmuch/README", "notmuch/SOURCES.md"],
        "mail-parser": ["mail-parser/SOURCES.md", "mail-parser/mail_outlook_1"],
        "ruby-mail": ["ruby-mail/SOURCES.md"],
    }
    assert skipped == expected[corpus]
    assert len(records) == len(files_of(corpus))


def test_real_messages_give_senders_subjects_and_author_text() -> None:
    read = [r for corpus in CORPORA for r in read_all(corpus) if isinstance(r, MailMessage)]
    with_sender = [m for m in read if m.sender.address]
    assert len(with_sender) / len(read) > 0.95
    for message in read:
        assert "=?" not in message.subject, message.origin
        assert len(message.snippet) <= 280


def test_real_multi_charset_mail_decodes() -> None:
    def read(relative: str) -> MailMessage:
        record = read_message_file(FIXTURES / relative, bodies=every_message)
        assert isinstance(record, MailMessage)
        return record

    japanese = read("ruby-mail/multi_charset/japanese_iso_2022.eml")
    assert (japanese.to[0].name, japanese.subject) == ("みける", "まみむめも")
    assert japanese.body == "すみません。"
    chinese = read("mail-parser/mail_test_12")
    assert (chinese.sender.name, chinese.subject) == ("张先生", "代开各地增值税发票")
    assert read("ruby-mail/multi_charset/ks_c_5601-1987.eml").body == "스티해"


def test_notmuchs_maildir_reads_in_parallel_like_one_file_at_a_time() -> None:
    root = FIXTURES / "notmuch"
    in_cur_or_new = [p for p in files_of("notmuch") if p.parent.name in ("cur", "new")]
    parallel = list(read_mailbox(root, processes=2, chunk_size=16))
    assert len(parallel) == len(in_cur_or_new)
    one_by_one = {str(p): read_message_file(p) for p in in_cur_or_new}
    for record in parallel:
        assert isinstance(record, MailMessage)
        alone = one_by_one[record.origin.path]
        assert isinstance(alone, MailMessage)
        assert (record.key, record.subject, record.flags) == (alone.key, alone.subject, alone.flags)


def test_threading_all_of_notmuchs_messages_puts_each_in_exactly_one_thread() -> None:
    messages = [r for r in read_all("notmuch") if isinstance(r, MailMessage)]
    items = [
        ThreadMessage(m.key, m.message_id, m.in_reply_to, m.references, m.subject, m.date)
        for m in messages
    ]
    threads = thread_messages(items)
    placed = [id(entry.message) for thread in threads for entry in thread.messages]
    assert sorted(placed) == sorted(id(item) for item in items)
    by_key = {key: thread for thread in threads for key in thread.keys}
    # notmuch's own expectations: the loop is one thread, and so is the ghost-root family.
    assert by_key["mid-loop-12@example.org"] is by_key["mid-loop-21@example.org"]
    assert by_key["001-fake-message-root@example.org"].thread_id == "000-real-root@example.org"
    assert by_key["B01-grand-child@example.org"].keys == (
        "B00-root@example.org",
        "B01-child@example.org",
        "B01-grand-child@example.org",
    )
