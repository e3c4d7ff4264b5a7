"""mbox files as mail clients and exports write them: From_ lines, '>From ' quoting, the
Content-Length style, dates from the From_ line, and paths that are no mailbox at all."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from goodwill.sources.errors import SourceError
from goodwill.sources.mail_parse import KeysWanted, every_message
from goodwill.sources.mail_read import MailRecord, mailbox_kind, message_bytes, read_mailbox
from goodwill.sources.mail_records import DateSource, MailMessage
from goodwill.sources.records import SkippedRecord


def messages(records: list[MailRecord]) -> list[MailMessage]:
    return [record for record in records if isinstance(record, MailMessage)]


def write(tmp_path: Path, content: bytes, name: str = "Inbox") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


MBOXRD = b"""From ann@example.com Wed Mar  6 21:48:02 2024
From: Ann <ann@example.com>
Subject: first
Message-ID: <1@example.com>
Date: Wed, 06 Mar 2024 21:48:02 +0000

Hello Bob,
>From the top: this line began with From in the original.
>>From here on it was quoted once already.
Could you send the slides?

From bob@example.com Thu Mar  7 08:00:00 2024
From: Bob <bob@example.com>
Subject: Re: first
Message-ID: <2@example.com>
In-Reply-To: <1@example.com>
Date: Thu, 07 Mar 2024 08:00:00 +0000

Sure.
"""


def test_an_mbox_gives_its_messages_in_file_order(tmp_path: Path) -> None:
    found = messages(list(read_mailbox(write(tmp_path, MBOXRD), processes=1)))
    assert [m.key for m in found] == ["1@example.com", "2@example.com"]
    assert [m.folder for m in found] == ["Inbox", "Inbox"]
    assert [m.origin.line for m in found] == [1, 12]


def test_from_quoting_is_undone_in_the_body(tmp_path: Path) -> None:
    [first, _] = messages(list(read_mailbox(write(tmp_path, MBOXRD), bodies=every_message)))
    assert first.body is not None
    assert "\nFrom the top: this line began with From" in first.body
    assert "\n>From here on" not in first.body  # a quoted line, left out of the author's words
    assert "Could you send the slides?" in first.body


def test_an_unquoted_body_line_starting_with_from_does_not_split_a_message(
    tmp_path: Path,
) -> None:
    content = MBOXRD.replace(b">From the top", b"From the top")
    found = messages(list(read_mailbox(write(tmp_path, content), bodies=every_message)))
    assert len(found) == 2
    assert found[0].body is not None
    assert "From the top" in found[0].body


def test_content_length_bodies_may_hold_from_lines(tmp_path: Path) -> None:
    body = b"From now on, no quoting.\n\nFrom Monday 10:00 to 2024 we meet.\n"
    content = (
        b"From ann@example.com Wed Mar  6 21:48:02 2024\n"
        b"From: ann@example.com\nMessage-ID: <cl1@example.com>\n"
        b"Content-Length: " + str(len(body)).encode() + b"\n\n" + body + b"\n"
        b"From bob@example.com Thu Mar  7 08:00:00 2024\n"
        b"From: bob@example.com\nMessage-ID: <cl2@example.com>\nContent-Length: 3\n\nOk\n"
    )
    found = messages(list(read_mailbox(write(tmp_path, content), bodies=every_message)))
    assert [m.key for m in found] == ["cl1@example.com", "cl2@example.com"]
    assert found[0].body is not None
    assert "From Monday 10:00 to 2024 we meet." in found[0].body


def test_a_wrong_content_length_is_not_trusted(tmp_path: Path) -> None:
    content = MBOXRD.replace(b"Subject: first\n", b"Subject: first\nContent-Length: 5\n")
    assert len(messages(list(read_mailbox(write(tmp_path, content))))) == 2


def test_crlf_mbox_files_split_the_same(tmp_path: Path) -> None:
    found = messages(list(read_mailbox(write(tmp_path, MBOXRD.replace(b"\n", b"\r\n")))))
    assert [m.key for m in found] == ["1@example.com", "2@example.com"]


def test_a_message_without_date_is_dated_by_its_from_line(tmp_path: Path) -> None:
    content = b"From ann@example.com Wed Mar  6 21:48:02 2024\nFrom: ann@example.com\n\nHi\n"
    [message] = messages(list(read_mailbox(write(tmp_path, content))))
    assert message.date == datetime(2024, 3, 6, 21, 48, 2, tzinfo=UTC)
    assert message.date_source == DateSource.FROM_LINE


def test_takeout_from_lines_with_a_zone_are_read_in_utc(tmp_path: Path) -> None:
    content = b"From 1791234@xxx Wed Mar 06 21:48:02 +0100 2024\nFrom: ann@example.com\n\nHi\n"
    [message] = messages(list(read_mailbox(write(tmp_path, content, "All mail.mbox"))))
    assert message.date == datetime(2024, 3, 6, 20, 48, 2, tzinfo=UTC)
    assert message.folder == "All mail"


def test_thunderbird_status_headers_give_flags(tmp_path: Path) -> None:
    content = (
        b"From - Wed Mar 06 21:48:02 2024\nX-Mozilla-Status: 0003\nFrom: a@example.com\n\nx\n\n"
        b"From - Wed Mar 06 21:49:02 2024\nStatus: RO\nX-Status: A\nFrom: b@example.com\n\ny\n"
    )
    found = messages(list(read_mailbox(write(tmp_path, content))))
    assert [sorted(m.flags) for m in found] == [["replied", "seen"], ["replied", "seen"]]


def test_a_message_can_be_read_again_from_its_origin(tmp_path: Path) -> None:
    [_, second] = messages(list(read_mailbox(write(tmp_path, MBOXRD))))
    again = message_bytes(second.origin)
    assert again.startswith(b"From: Bob <bob@example.com>")
    assert again.endswith(b"Sure.\n")


def test_bodies_are_read_only_for_the_messages_asked_for(tmp_path: Path) -> None:
    found = messages(
        list(read_mailbox(write(tmp_path, MBOXRD), bodies=KeysWanted(frozenset({"2@example.com"}))))
    )
    assert [m.body for m in found] == [None, "Sure."]
    assert [m.snippet for m in found] == ["", "Sure."]


def test_an_empty_file_is_an_empty_mbox(tmp_path: Path) -> None:
    assert list(read_mailbox(write(tmp_path, b""))) == []


def test_a_file_that_is_no_mbox_is_refused_in_one_line_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, b"Name,Email\nAnn,ann@example.com\n", "contacts.csv")
    with pytest.raises(SourceError) as caught:
        read_mailbox(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "neither an mbox" in message
    assert "\n" not in message


def test_a_missing_path_and_a_folder_without_maildir_parts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        mailbox_kind(tmp_path / "nothing-here")
    (tmp_path / "photos").mkdir()
    with pytest.raises(SourceError, match="not a Maildir"):
        mailbox_kind(tmp_path / "photos")


def test_an_unreadable_message_in_an_mbox_is_counted_and_the_rest_read(tmp_path: Path) -> None:
    content = (
        b"From x Wed Mar 06 21:48:02 2024\n\n\nFrom y Wed Mar 06 21:49:02 2024\n"
        + (MBOXRD.split(b"\n", 1)[1])
    )
    records = list(read_mailbox(write(tmp_path, content)))
    assert [type(r) for r in records][:1] == [SkippedRecord]
    assert len(messages(records)) == 2
