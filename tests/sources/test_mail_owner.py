"""Whose mail it is: the user's addresses, configured and learned from what they sent, and the
direction of each message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from goodwill.sources.handles import HandleError
from goodwill.sources.mail_owner import is_sent_folder, mail_direction, own_addresses
from goodwill.sources.mail_records import DateSource, MailAddress, MailMessage, MailOrigin
from goodwill.sources.records import Direction


def message(
    sender: str,
    to: tuple[str, ...] = (),
    *,
    folder: str = "INBOX",
    labels: tuple[str, ...] = (),
    delivered_to: tuple[str, ...] = (),
) -> MailMessage:
    return MailMessage(
        key=f"{sender}-{folder}-{to}",
        message_id="",
        origin=MailOrigin("x"),
        folder=folder,
        sender=MailAddress("", sender),
        to=tuple(MailAddress("", address) for address in to),
        cc=(),
        bcc=(),
        delivered_to=delivered_to,
        date=datetime(2024, 3, 5, tzinfo=UTC),
        date_source=DateSource.DATE_HEADER,
        subject="",
        in_reply_to="",
        references=(),
        labels=labels,
    )


@pytest.mark.parametrize(
    "folder",
    ["Sent", "INBOX.Sent", "[Gmail]/Sent Mail", "Sent Items", "Gesendete Objekte", "Envoyés"],
)
def test_sent_folders_are_known_by_their_names(folder: str) -> None:
    assert is_sent_folder(folder)


@pytest.mark.parametrize("folder", ["INBOX", "Drafts", "Clients/Sentinel", "Archive"])
def test_other_folders_are_not_sent_folders(folder: str) -> None:
    assert not is_sent_folder(folder)


def test_an_address_that_sent_two_messages_filed_as_sent_is_the_users() -> None:
    mail = [
        message("ann@studio.example", ("bob@example.com",), folder="Sent"),
        message("ann@studio.example", ("carla@example.com",), folder="INBOX.Sent"),
        message("bob@example.com", ("ann@studio.example",)),
    ]
    own = own_addresses(mail, configured=["Ann@Gmail.com"])
    assert own.addresses == {"ann@gmail.com", "ann@studio.example"}
    assert own.inferred == {"ann@studio.example"}
    assert own.reasons() == ["ann@studio.example: sent 2 messages filed as sent"]


def test_gmail_sent_labels_count_as_sent() -> None:
    mail = [message("ann@studio.example", folder="All mail", labels=("Sent", "Opened"))] * 2
    assert own_addresses(mail, configured=[]).inferred == {"ann@studio.example"}


def test_one_stray_message_in_sent_does_not_make_a_stranger_the_user() -> None:
    mail = [
        message("ann@studio.example", folder="Sent"),
        message("ann@studio.example", folder="Sent"),
        message("redirected@example.com", folder="Sent"),
    ]
    assert own_addresses(mail, configured=[]).inferred == {"ann@studio.example"}


def test_received_mail_and_robots_in_sent_teach_nothing() -> None:
    mail = [message("bob@example.com")] * 5 + [message("no-reply@example.com", folder="Sent")] * 3
    assert own_addresses(mail, configured=[]).inferred == frozenset()


def test_a_configured_address_that_is_no_address_is_refused() -> None:
    with pytest.raises(HandleError, match="not an email address"):
        own_addresses([], configured=["ann at example"])


def test_direction_says_who_sent_the_message() -> None:
    own = frozenset({"ann@studio.example"})
    assert mail_direction(message("ann@studio.example", ("bob@example.com",)), own) == (
        Direction.FROM_ME
    )
    assert mail_direction(message("bob@example.com", ("ann@studio.example",)), own) == (
        Direction.TO_ME
    )
    assert mail_direction(message("bob@example.com", ("list@example.org",)), own) is None


def test_mail_delivered_to_the_user_without_naming_them_is_to_them() -> None:
    own = frozenset({"ann@studio.example"})
    bcc = message("bob@example.com", ("carla@example.com",), delivered_to=("ann@studio.example",))
    assert mail_direction(bcc, own) == Direction.TO_ME
