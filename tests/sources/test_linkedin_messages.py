from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from goodwill.sources.records import Direction, MessageRecord, SkippedRecord
from tests.sources.helpers import csv_text, read
from tests.sources.layouts import (
    MESSAGES_2018,
    MESSAGES_2021,
    MESSAGES_2023,
    MESSAGES_2024,
    MESSAGES_ATTACHMENTS,
)

ME = ("Sam Rivera", "https://www.linkedin.com/in/sam-rivera")
ANA = ("Ana Bozic", "https://www.linkedin.com/in/ana-bozic")
BO = ("Bo Li", "https://www.linkedin.com/in/bo-li")


def message(
    conversation: str,
    sender: tuple[str, str],
    recipients: list[tuple[str, str]],
    content: str,
    date: str = "2024-12-16 18:24:37 UTC",
    **extra: str,
) -> dict[str, str]:
    return {
        "CONVERSATION ID": conversation,
        "FROM": sender[0],
        "SENDER PROFILE URL": sender[1],
        "TO": ",".join(name for name, _ in recipients),
        "RECIPIENT PROFILE URLS": ",".join(url for _, url in recipients),
        "DATE": date,
        "CONTENT": content,
        "FOLDER": "INBOX",
        **extra,
    }


def messages(text: str) -> list[MessageRecord]:
    return [r for r in read(text, "messages.csv") if isinstance(r, MessageRecord)]


CONVERSATIONS = [
    message("c1", ME, [ANA], "Hi Ana, could you introduce me to Bo?"),
    message("c1", ANA, [ME], "Sure!", date="2024-12-16 19:00:00 UTC"),
    message("c2", BO, [ME], "Thanks for the intro"),
    message("c3", ME, [BO], "Welcome"),
]


@pytest.mark.parametrize("header", [MESSAGES_2023, MESSAGES_2024, MESSAGES_ATTACHMENTS])
def test_every_header_generation_with_recipient_urls_reads_the_same_messages(
    header: list[str],
) -> None:
    found = messages(csv_text(header, CONVERSATIONS))
    assert [m.content for m in found] == [
        "Hi Ana, could you introduce me to Bo?",
        "Sure!",
        "Thanks for the intro",
        "Welcome",
    ]
    assert [m.direction for m in found] == [
        Direction.FROM_ME,
        Direction.TO_ME,
        Direction.TO_ME,
        Direction.FROM_ME,
    ]


def test_the_2021_header_without_recipient_urls_still_knows_who_the_user_is() -> None:
    found = messages(csv_text(MESSAGES_2021, CONVERSATIONS))
    assert [m.direction for m in found] == [
        Direction.FROM_ME,
        Direction.TO_ME,
        Direction.TO_ME,
        Direction.FROM_ME,
    ]
    assert [p.name for p in found[0].counterparts] == ["Ana Bozic"]


def test_the_2018_header_takes_direction_from_its_direction_column() -> None:
    rows = [
        {"From": "Sam Rivera", "To": "Ana Bozic", "Date": "10/16/18, 8:36 AM",
         "Subject": "Lunch", "Content": "Lunch &amp; learn?", "Direction": "OUTGOING",
         "Folder": "INBOX"},
        {"From": "Ana Bozic", "To": "Sam Rivera", "Date": "10/16/18, 9:01 AM",
         "Subject": "RE: Lunch", "Content": "Yes", "Direction": "INCOMING", "Folder": "INBOX"},
    ]  # fmt: skip
    sent, received = messages(csv_text(MESSAGES_2018, rows))
    assert (sent.direction, received.direction) == (Direction.FROM_ME, Direction.TO_ME)
    assert sent.content == "Lunch & learn?"
    assert sent.sent_at == datetime(2018, 10, 16, 8, 36, tzinfo=UTC)
    assert [p.name for p in sent.counterparts] == ["Ana Bozic"]
    assert [p.name for p in received.counterparts] == ["Ana Bozic"]
    assert sent.conversation_id == received.conversation_id


def test_sent_at_is_timezone_aware_utc() -> None:
    [first, *_] = messages(csv_text(MESSAGES_2024, CONVERSATIONS))
    assert first.sent_at == datetime(2024, 12, 16, 18, 24, 37, tzinfo=UTC)


def test_content_keeps_its_line_breaks_and_decodes_html_entities() -> None:
    rows = [message("c1", ANA, [ME], "Line one &amp; more\nLine&nbsp;two &#39;quoted&#39;")]
    rows += CONVERSATIONS
    [first, *_] = messages(csv_text(MESSAGES_2024, rows))
    assert first.content == "Line one & more\nLine two 'quoted'"


def test_a_group_conversation_lists_every_recipient_and_every_counterpart() -> None:
    rows = [*CONVERSATIONS, message("g1", ME, [ANA, BO], "Meet each other")]
    rows.append(message("g1", ANA, [ME, BO], "Hello both"))
    found = messages(csv_text(MESSAGES_2024, rows))
    mine, theirs = found[-2], found[-1]
    assert [p.name for p in mine.recipients] == ["Ana Bozic", "Bo Li"]
    assert [p.name for p in mine.counterparts] == ["Ana Bozic", "Bo Li"]
    assert [p.name for p in theirs.counterparts] == ["Ana Bozic", "Bo Li"]
    assert theirs.direction == Direction.TO_ME


def test_a_recipient_whose_name_holds_a_comma_stays_one_person() -> None:
    phd = ("Cy Ng, Ph.D.", "https://www.linkedin.com/in/cy-ng")
    rows = [*CONVERSATIONS, message("g2", ME, [phd, BO], "Hi")]
    last = messages(csv_text(MESSAGES_2024, rows))[-1]
    assert [p.name for p in last.recipients] == ["Cy Ng, Ph.D.", "Bo Li"]
    assert [p.linkedin.normalized for p in last.recipients if p.linkedin] == [
        "linkedin.com/in/cy-ng",
        "linkedin.com/in/bo-li",
    ]


def test_drafts_are_skipped_and_each_is_counted() -> None:
    rows = [
        *CONVERSATIONS,
        message("c4", ME, [ANA], "Half a thought", **{"IS MESSAGE DRAFT": "Yes"}),
        message("c5", ME, [BO], "Never sent", **{"IS CONVERSATION DRAFT": "Yes"}),
    ]
    records = read(csv_text(MESSAGES_2024, rows), "messages.csv")
    drafts = [r for r in records if isinstance(r, SkippedRecord)]
    assert [str(d) for d in drafts] == [
        "messages.csv, line 6: is a draft that was never sent",
        "messages.csv, line 7: is a draft that was never sent",
    ]
    assert len(records) == 6


def test_a_message_with_an_unreadable_date_is_skipped_with_why() -> None:
    rows = [*CONVERSATIONS, message("c6", ANA, [ME], "When?", date="someday")]
    [skip] = [r for r in read(csv_text(MESSAGES_2024, rows)) if isinstance(r, SkippedRecord)]
    assert skip.reason == "DATE 'someday' is not a time"


def test_multi_line_content_keeps_the_line_numbers_of_later_rows_right() -> None:
    rows = [message("c1", ANA, [ME], "one\ntwo\nthree"), *CONVERSATIONS]
    found = messages(csv_text(MESSAGES_2024, rows))
    assert [m.origin.line for m in found] == [2, 5, 6, 7, 8]


def test_the_same_message_exported_again_keeps_its_key_and_different_messages_differ() -> None:
    once = messages(csv_text(MESSAGES_2024, CONVERSATIONS))
    again = messages(csv_text(MESSAGES_2023, CONVERSATIONS))
    assert [m.source_key for m in once] == [m.source_key for m in again]
    assert len({m.source_key for m in once}) == len(once)


def test_the_user_is_the_one_in_every_conversation_even_when_they_mostly_listen() -> None:
    rows = [
        message("c1", ANA, [ME], "1"),
        message("c1", ANA, [ME], "2"),
        message("c2", BO, [ME], "3"),
        message("c3", ANA, [ME, BO], "4"),
        message("c3", ME, [ANA, BO], "5"),
    ]
    found = messages(csv_text(MESSAGES_2024, rows))
    assert [m.direction for m in found] == [Direction.TO_ME] * 4 + [Direction.FROM_ME]


def test_recipients_listed_by_name_only_get_the_profile_their_name_was_seen_with() -> None:
    found = messages(csv_text(MESSAGES_2021, CONVERSATIONS))
    [ana] = found[0].recipients
    assert ana.name == "Ana Bozic"
    assert ana.linkedin is not None
    assert ana.linkedin.normalized == "linkedin.com/in/ana-bozic"


def test_a_message_key_is_the_one_earlier_releases_stored() -> None:
    # Stored messages are found by their key, so its recipe never changes: conversation, the
    # moment in ISO form, the sender's profile and the content, hashed.
    [first] = messages(csv_text(MESSAGES_2024, CONVERSATIONS[:1]))
    parts = (
        "c1",
        "2024-12-16T18:24:37+00:00",
        "linkedin.com/in/sam-rivera",
        "Hi Ana, could you introduce me to Bo?",
    )
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:24]
    assert first.source_key == f"message:{digest}"


@pytest.mark.parametrize(
    "date", ["2024-12-16T18:24:37Z", "2024/12/16 18:24:37", "12/16/2024 18:24:37"]
)
def test_a_time_written_another_way_reads_as_the_same_moment_and_key(date: str) -> None:
    [usual] = messages(csv_text(MESSAGES_2024, CONVERSATIONS[:1]))
    [other] = messages(csv_text(MESSAGES_2024, [{**CONVERSATIONS[0], "DATE": date}]))
    assert other.sent_at == usual.sent_at == datetime(2024, 12, 16, 18, 24, 37, tzinfo=UTC)
    assert other.source_key == usual.source_key


def test_a_utc_time_stamp_with_a_day_that_does_not_exist_is_skipped_with_why() -> None:
    rows = [{**CONVERSATIONS[0], "DATE": "2024-02-30 10:00:00 UTC"}, *CONVERSATIONS[1:]]
    records = read(csv_text(MESSAGES_2024, rows), "messages.csv")
    [skipped] = [r for r in records if isinstance(r, SkippedRecord)]
    assert "2024-02-30 10:00:00 UTC" in skipped.reason
    assert len([r for r in records if isinstance(r, MessageRecord)]) == 3
