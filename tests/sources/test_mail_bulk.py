"""Mailing lists, newsletters, bulk, automatic and robot mail are left out with their reason and
counted; mail from people at personal providers is not taken for bulk on a guess."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from goodwill.sources.mail_bulk import (
    LeftOutCounts,
    LeftOutReason,
    is_personal_provider,
    kept_mail,
    left_out_reason,
)
from goodwill.sources.mail_records import DateSource, MailAddress, MailMessage, MailOrigin

PLAIN = MailMessage(
    key="k@example.com",
    message_id="k@example.com",
    origin=MailOrigin("x"),
    folder="INBOX",
    sender=MailAddress("Bob", "bob@agency.example"),
    to=(MailAddress("Ann", "ann@studio.example"),),
    cc=(),
    bcc=(),
    delivered_to=(),
    date=datetime(2024, 3, 5, tzinfo=UTC),
    date_source=DateSource.DATE_HEADER,
    subject="Lunch?",
    in_reply_to="",
    references=(),
)
MANY = tuple(MailAddress("", f"p{n}@example.com") for n in range(21))


def test_a_plain_message_between_people_is_kept() -> None:
    assert left_out_reason(PLAIN) is None


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"list_id": "Designers <designers.lists.example>"}, LeftOutReason.MAILING_LIST),
        ({"precedence": "bulk"}, LeftOutReason.BULK),
        ({"precedence": "list"}, LeftOutReason.BULK),
        ({"precedence": "junk"}, LeftOutReason.BULK),
        ({"auto_submitted": "auto-replied"}, LeftOutReason.AUTOMATIC),
        ({"auto_submitted": "auto-generated; owner-email=x@example.com"}, LeftOutReason.AUTOMATIC),
        ({"sender": MailAddress("", "noreply@shop.example")}, LeftOutReason.NO_REPLY),
        ({"sender": MailAddress("", "no-reply@shop.example")}, LeftOutReason.NO_REPLY),
        ({"sender": MailAddress("", "do-not-reply@bank.example")}, LeftOutReason.NO_REPLY),
        ({"sender": MailAddress("", "account-noreply@cloud.example")}, LeftOutReason.NO_REPLY),
        ({"sender": MailAddress("", "MAILER-DAEMON@mx.example")}, LeftOutReason.NO_REPLY),
        ({"list_unsubscribe": "<https://shop.example/u>"}, LeftOutReason.NEWSLETTER),
        ({"to": MANY}, LeftOutReason.MANY_RECIPIENTS),
    ],
)
def test_each_kind_of_bulk_mail_is_left_out_with_its_reason(
    changes: dict[str, object], reason: LeftOutReason
) -> None:
    assert left_out_reason(replace(PLAIN, **changes)) == reason  # type: ignore[arg-type]


def test_auto_submitted_no_is_a_person_writing() -> None:
    assert left_out_reason(replace(PLAIN, auto_submitted="no")) is None


def test_exactly_twenty_recipients_is_still_a_conversation() -> None:
    assert left_out_reason(replace(PLAIN, to=MANY[:20])) is None


@pytest.mark.parametrize(
    "address",
    ["ann@gmail.com", "bob@hotmail.co.uk", "carla@yahoo.fr", "dan@icloud.com", "eve@gmx.de"],
)
def test_people_at_personal_providers_are_not_taken_for_bulk_on_a_guess(address: str) -> None:
    person = MailAddress("", address)
    assert is_personal_provider(address)
    assert left_out_reason(replace(PLAIN, sender=person, to=MANY)) is None
    assert left_out_reason(replace(PLAIN, sender=person, list_unsubscribe="<mailto:u@x>")) is None


def test_a_list_or_an_auto_reply_from_a_personal_provider_is_still_left_out() -> None:
    person = MailAddress("", "ann@gmail.com")
    assert left_out_reason(replace(PLAIN, sender=person, list_id="x <x.example>")) == (
        LeftOutReason.MAILING_LIST
    )
    assert left_out_reason(replace(PLAIN, sender=person, auto_submitted="auto-replied")) == (
        LeftOutReason.AUTOMATIC
    )


@pytest.mark.parametrize("address", ["ann@agency.example", "bob@gmail.example.com", "x@live.nl.io"])
def test_company_domains_are_not_personal_providers(address: str) -> None:
    assert not is_personal_provider(address)


def test_what_was_left_out_is_counted_by_reason() -> None:
    mail = [
        PLAIN,
        replace(PLAIN, list_id="a <a.example>"),
        replace(PLAIN, list_id="b <b.example>"),
        replace(PLAIN, precedence="bulk"),
        replace(PLAIN, sender=MailAddress("", "ann@gmail.com"), to=MANY),
    ]
    counts = LeftOutCounts()
    kept = list(kept_mail(mail, counts))
    assert len(kept) == 2
    assert counts.kept == 2
    assert counts.total_left_out == 3
    assert counts.lines() == [
        "2 left out: mailing list (List-Id)",
        "1 left out: bulk mail (Precedence: bulk, list or junk)",
    ]
