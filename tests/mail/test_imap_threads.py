"""IMAP sync threads incrementally: a second sync threads only the new messages with the stored
threads they join, and ends with the threads a full threading of every message gives. Against a
real Dovecot on loopback."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from goodwill.mail import services, sync
from goodwill.mail.models import MailAccount, MailThread, Message
from goodwill.network.models import Direction
from tests.mail.conftest import (
    IMAP_PASSWORD,
    IMAP_USER,
    LORI,
    ME,
    PASSWORD_ENV,
    Dovecot,
    days_ago,
    message,
)


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, IMAP_PASSWORD)


def _account(owner: User, dovecot: Dovecot) -> MailAccount:
    return sync.account_add(
        owner=owner,
        name="work",
        host=dovecot.host,
        port=dovecot.port,
        username=IMAP_USER,
        security="none",
        folders=("INBOX",),
        password_env=PASSWORD_ENV,
        me=(ME,),
    )


def _mail(
    name: str,
    days: float,
    *,
    subject: str = "",
    in_reply_to: str = "",
    references: tuple[str, ...] = (),
) -> bytes:
    headers = {}
    if references:
        headers["References"] = " ".join(f"<{ref}@x.example>" for ref in references)
    if in_reply_to:
        headers["In-Reply-To"] = f"<{in_reply_to}@x.example>"
    return message(
        sender=f"Lori Chen <{LORI}>",
        to=ME,
        subject=subject or f"About {name}",
        body=f"This is {name}.",
        date=days_ago(days),
        message_id=f"{name}@x.example",
        headers=headers,
    )


def _threads(owner: User) -> set[frozenset[str]]:
    """The stored threads, each as the set of its messages' keys."""
    grouped: dict[int, set[str]] = {}
    for thread_id, key in Message.objects.filter(owner=owner).values_list("thread_id", "key"):
        assert thread_id is not None, f"{key} was left unthreaded"
        grouped.setdefault(thread_id, set()).add(key.split("@")[0])
    assert MailThread.objects.filter(owner=owner).count() == len(grouped)
    return {frozenset(keys) for keys in grouped.values()}


def _notes(numbers: range) -> list[bytes]:
    return [_mail(f"note{number}", 40 - number) for number in numbers]


def test_a_second_sync_threads_only_the_new_mail_into_the_stored_threads(
    owner: User, dovecot: Dovecot
) -> None:
    dovecot.append(
        "INBOX",
        *_notes(range(1, 21)),
        _mail("plans", 10, subject="Plans"),
        # A reply to a reply the mailbox does not hold yet: it hangs from the missing message.
        _mail(
            "plans3", 8, subject="Re: Plans", in_reply_to="plans2", references=("plans", "plans2")
        ),
    )
    account = _account(owner, dovecot)
    first = sync.account_sync(account=account)
    assert first.settled.threaded == 22
    assert frozenset({"plans", "plans3"}) in _threads(owner)

    dovecot.append(
        "INBOX",
        # The missing reply arrives, naming only its parent.
        _mail("plans2", 9, subject="Re: Plans", in_reply_to="plans"),
        _mail("note5-reply", 2, subject="Re: About note5", in_reply_to="note5"),
        _mail("news", 1, subject="Something new"),
    )
    second = sync.account_sync(account=account)

    assert (second.run.read, second.run.stored) == (3, 3)
    # The three new messages and the two stored threads they join, not all 25 messages.
    assert second.settled.threaded == 3 + 2 + 1
    threads = _threads(owner)
    assert frozenset({"plans", "plans2", "plans3"}) in threads
    assert frozenset({"note5", "note5-reply"}) in threads
    assert frozenset({"news"}) in threads
    assert len(threads) == 20 + 2
    # Threading every message again changes nothing.
    again = services.mail_settle(owner=owner, force=True)
    assert again.threaded == 25
    assert _threads(owner) == threads


def test_a_parent_that_arrives_after_its_replies_gathers_them_into_one_thread(
    owner: User, dovecot: Dovecot
) -> None:
    dovecot.append(
        "INBOX",
        *_notes(range(1, 6)),
        # Two replies to a message not yet seen, one naming it only in its References, and a
        # third hanging from the same missing message by its References alone.
        _mail("r1", 5, subject="Re: Intro", in_reply_to="root", references=("root",)),
        _mail("r2", 4, subject="Re: Intro", references=("root",)),
        _mail("r3", 3, subject="Re: Intro", references=("older", "root", "lost")),
        # A reply by subject alone, to a thread that starts later.
        _mail("orphan", 2, subject="Re: Lunch on Friday"),
    )
    account = _account(owner, dovecot)
    sync.account_sync(account=account)
    assert frozenset({"r1", "r2", "r3"}) in _threads(owner)

    dovecot.append(
        "INBOX",
        # The original, with no References of its own.
        _mail("root", 6, subject="Intro"),
        _mail("lunch", 3, subject="Lunch on Friday"),
    )
    second = sync.account_sync(account=account)

    threads = _threads(owner)
    assert frozenset({"root", "r1", "r2", "r3"}) in threads
    assert frozenset({"lunch", "orphan"}) in threads
    assert second.settled.threaded == 2 + 3 + 1
    thread = MailThread.objects.get(owner=owner, messages__key="r3@x.example")
    assert thread.subject == "Intro"
    again = services.mail_settle(owner=owner, force=True)
    assert _threads(owner) == threads
    assert again.threads == 0


def test_a_new_address_of_the_users_rethreads_everything(owner: User, dovecot: Dovecot) -> None:
    dovecot.append("INBOX", *_notes(range(1, 4)))
    account = _account(owner, dovecot)
    sync.account_sync(account=account)
    services.own_addresses_configure(owner=owner, addresses=[LORI])

    dovecot.append("INBOX", *_notes(range(4, 5)))
    second = sync.account_sync(account=account)

    # Lori's address is now the user's: every stored message changes direction.
    assert second.settled.threaded == 4
    directions = set(Message.objects.filter(owner=owner).values_list("direction", flat=True))
    assert directions == {Direction.FROM_ME}
