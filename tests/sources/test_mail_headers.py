"""Headers as real mail writes them: encoded words, raw 8-bit bytes, odd charsets, broken dates,
missing Message-IDs."""

from __future__ import annotations

from datetime import UTC, datetime

from goodwill.sources.mail_parse import read_message
from goodwill.sources.mail_records import DateSource, MailAddress, MailMessage, MailOrigin
from goodwill.sources.records import SkippedRecord

ORIGIN = MailOrigin("inbox/cur/1:2,S")


def parse(raw: bytes, **options: object) -> MailMessage:
    record = read_message(raw, origin=ORIGIN, folder="INBOX", **options)  # type: ignore[arg-type]
    assert isinstance(record, MailMessage), record
    return record


def headers(*lines: str, body: str = "Hello.\n") -> bytes:
    return ("\n".join(lines) + "\n\n" + body).encode()


def test_encoded_word_subject_and_names_decode() -> None:
    message = parse(
        headers(
            "From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <Joerg@Example.DE>",
            "To: =?UTF-8?B?5bGx55Sw5aSq6YOO?= <taro@example.jp>",
            "Subject: =?utf-8?q?Caf=C3=A9?= =?utf-8?q?_meeting?= next week",
            "Date: Tue, 05 Mar 2024 10:00:00 +0100",
            "Message-ID: <abc@example.de>",
        )
    )
    assert message.sender == MailAddress("Jörg Müller", "joerg@example.de")
    assert message.to == (MailAddress("山田太郎", "taro@example.jp"),)
    assert message.subject == "Café meeting next week"


def test_a_character_split_across_two_encoded_words_is_whole_again() -> None:
    # "é" is C3 A9 in UTF-8; some senders cut encoded words between the two bytes.
    message = parse(headers("From: a@example.com", "Subject: =?utf-8?q?caf=C3?= =?utf-8?q?=A9?="))
    assert message.subject == "café"


def test_a_comma_inside_an_encoded_name_does_not_split_the_address() -> None:
    message = parse(headers("From: =?utf-8?q?Doe=2C_Jane?= <jane@example.com>"))
    assert message.sender == MailAddress("Doe, Jane", "jane@example.com")


def test_raw_utf8_headers_read_as_utf8() -> None:
    raw = "From: Zoë Ångström <zoe@example.se>\nSubject: Smörgåsbord\n\nHej\n".encode()
    message = parse(raw)
    assert message.sender.name == "Zoë Ångström"
    assert message.subject == "Smörgåsbord"


def test_raw_8bit_headers_fall_back_to_the_declared_charset() -> None:
    raw = (
        b"From: a@example.com\nSubject: Gr\xfc\xdfe aus K\xf6ln\n"
        b"Content-Type: text/plain; charset=iso-8859-1\n\nHallo\n"
    )
    assert parse(raw).subject == "Grüße aus Köln"


def test_gb2312_labelled_words_holding_gbk_characters_decode() -> None:
    # 镕 is in GBK but not in GB2312; mail clients label such text GB2312 all the same.
    word = "=?gb2312?B?" + __import__("base64").b64encode("朱镕基".encode("gbk")).decode() + "?="
    assert parse(headers("From: a@example.com", f"Subject: {word}")).subject == "朱镕基"


def test_an_unknown_charset_label_still_gives_readable_text() -> None:
    message = parse(headers("From: a@example.com", "Subject: =?x-unknown?q?caf=C3=A9?="))
    assert message.subject == "café"


def test_a_broken_encoded_word_is_left_as_written() -> None:
    message = parse(headers("From: a@example.com", "Subject: =?utf-8?b?not base64!?= and more"))
    assert "and more" in message.subject


def test_an_address_written_as_the_display_name_is_not_taken_for_the_name() -> None:
    message = parse(headers("From: alice@example.com <bob@example.com>"))
    assert message.sender == MailAddress("", "bob@example.com")


def test_groups_and_undisclosed_recipients_are_no_recipients() -> None:
    message = parse(
        headers("From: a@example.com", "To: undisclosed-recipients:;", "Cc: Team: b@example.com;")
    )
    assert message.to == ()
    assert [person.address for person in message.cc] == ["b@example.com"]


def test_a_good_date_header_is_used_and_converted_to_utc() -> None:
    message = parse(headers("From: a@example.com", "Date: Thu, 16 Jun 2016 22:14:41 -0400"))
    assert message.date == datetime(2016, 6, 17, 2, 14, 41, tzinfo=UTC)
    assert message.date_source == DateSource.DATE_HEADER


def test_a_broken_date_falls_back_to_the_topmost_received_header_and_says_so() -> None:
    message = parse(
        headers(
            "Received: from mx.example.com by mail.example.org; Wed, 6 Mar 2024 09:30:00 +0000",
            "Received: from laptop by mx.example.com; Wed, 6 Mar 2024 09:29:00 +0000",
            "From: a@example.com",
            "Date: Wed, 15 Dec 2010 59:10 -0500",
        )
    )
    assert message.date == datetime(2024, 3, 6, 9, 30, tzinfo=UTC)
    assert message.date_source == DateSource.RECEIVED
    assert any("Date header" in problem for problem in message.problems)


def test_an_epoch_zero_date_is_not_believed() -> None:
    message = parse(
        headers(
            "Received: by mail.example.org; Wed, 6 Mar 2024 09:30:00 +0000",
            "From: a@example.com",
            "Date: Thu, 01 Jan 1970 00:00:00 +0000",
        )
    )
    assert message.date_source == DateSource.RECEIVED


def test_without_any_header_date_the_fallback_gives_the_date() -> None:
    moment = datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)
    message = parse(
        headers("From: a@example.com", "Subject: undated"),
        date_fallback=lambda: (moment, DateSource.FILE_TIME),
    )
    assert (message.date, message.date_source) == (moment, DateSource.FILE_TIME)


def test_a_missing_message_id_gets_a_key_that_is_the_same_every_time() -> None:
    raw = headers(
        "From: a@example.com",
        "To: b@example.com",
        "Subject: no id",
        "Date: Tue, 5 Mar 2024 10:00:00 +0000",
    )
    first, second = parse(raw), parse(raw.replace(b"Hello.", b"Other body"))
    assert first.message_id == ""
    assert first.key == second.key
    assert first.key.startswith("no-message-id:")
    # A fixed value: the key must not depend on the run (no random hash seed, no clock).
    assert first.key == "no-message-id:70a113a3936423b0301223c259a13771"


def test_messages_without_ids_that_differ_get_different_keys() -> None:
    one = parse(headers("From: a@example.com", "Subject: one"))
    two = parse(headers("From: a@example.com", "Subject: two"))
    assert one.key != two.key


def test_message_ids_lose_their_brackets_and_references_keep_their_order() -> None:
    message = parse(
        headers(
            "From: a@example.com",
            "Message-ID: < own@example.com >",
            "In-Reply-To: Your message of Tuesday <parent@example.com>",
            "References: <root@example.com>\n <parent@example.com> <own@example.com> garbage",
        )
    )
    assert message.key == "own@example.com"
    assert message.in_reply_to == "parent@example.com"
    assert message.references == ("root@example.com", "parent@example.com")


def test_list_headers_and_gmail_labels_are_kept() -> None:
    message = parse(
        headers(
            "From: news@shop.example",
            "List-Id: Shop news <news.shop.example>",
            "List-Unsubscribe: <mailto:leave@shop.example>",
            "Precedence: Bulk",
            "Auto-Submitted: auto-generated",
            'X-Gmail-Labels: Inbox,Sent,"Category Personal"',
        )
    )
    assert message.list_id == "Shop news <news.shop.example>"
    assert message.list_unsubscribe == "<mailto:leave@shop.example>"
    assert (message.precedence, message.auto_submitted) == ("bulk", "auto-generated")
    assert message.labels == ("Inbox", "Sent", "Category Personal")


def test_recipients_are_counted_once_each_across_to_cc_and_bcc() -> None:
    message = parse(
        headers(
            "From: a@example.com",
            "To: b@example.com, c@example.com",
            "Cc: B@example.com, d@example.com",
            "Bcc: e@example.com",
        )
    )
    assert message.recipient_count == 4


def test_bytes_that_are_no_mail_are_skipped_with_the_reason() -> None:
    for raw, reason in (
        (b"", "is empty"),
        (b"\xd0\xcf\x11\xe0\x00\x00binary", "binary"),
        (b"just some words\nand more\n", "none of the headers"),
    ):
        record = read_message(raw, origin=ORIGIN, folder="INBOX")
        assert isinstance(record, SkippedRecord)
        assert reason in record.reason
        assert str(record).startswith("inbox/cur/1:2,S, line 1: ")


def test_space_before_the_colon_of_rfc822_headers_is_read() -> None:
    message = parse(b"From  : Ann <ann@example.com>\nSubject   : Hello\n\nHi\n")
    assert (message.sender.address, message.subject) == ("ann@example.com", "Hello")
