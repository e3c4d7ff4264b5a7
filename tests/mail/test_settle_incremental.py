"""Settling a few new messages incrementally gives the threads that threading every message
again gives: on random mailboxes (replies before their parents, missing parents, reference
chains, one subject shared by many conversations, the same Message-ID twice), split into mail
stored first and mail that arrives later."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from goodwill.mail import services
from goodwill.mail.ingest import records_import
from goodwill.mail.models import MailThread, Message
from goodwill.sources.mail_read import read_message_file
from tests.mail.conftest import LORI, ME, days_ago, message

SUBJECTS = ("Plans", "Lunch", "The invoice")


@dataclass(frozen=True)
class Mail:
    name: str
    days: float
    subject: str
    chain: tuple[str, ...]  # what it answers, oldest first; the last is its parent
    mine: bool

    def data(self) -> bytes:
        headers = {}
        if self.chain:
            headers["In-Reply-To"] = f"<{self.chain[-1]}@x.example>"
            headers["References"] = " ".join(f"<{ref}@x.example>" for ref in self.chain)
        sender, to = (ME, LORI) if self.mine else (LORI, ME)
        return message(
            sender=sender,
            to=to,
            subject=self.subject,
            body=f"This is {self.name}.",
            date=days_ago(self.days),
            message_id=f"{self.name.split('~')[0]}@x.example",
            headers=headers,
        )


def random_mailbox(rng: random.Random, count: int) -> list[Mail]:
    """Messages m0, m1, ...: some start a conversation, the others answer one (its parent
    perhaps never delivered: a ghost), a few filed twice under one Message-ID."""
    mails: list[Mail] = []
    for number in range(count):
        base = rng.choice(SUBJECTS)
        days = rng.uniform(0.5, 30)
        if mails and rng.random() < 0.6:
            parent = rng.choice(mails)
            chain = (*parent.chain, parent.name.split("~")[0])
            if rng.random() < 0.2:
                chain = (*chain[:-1], f"ghost{number}", chain[-1])
            if rng.random() < 0.3:
                chain = chain[-1:]  # In-Reply-To only, as some clients write
            subject = rng.choice((f"Re: {base}", f"Re: {parent.subject}", base))
        elif rng.random() < 0.15:
            chain = (f"ghost{number}",)
            subject = f"Re: {base}"
        else:
            chain = ()
            subject = rng.choice((base, f"Re: {base}", f"Fwd: {base}"))
        mails.append(Mail(f"m{number}", days, subject, chain, rng.random() < 0.3))
        if rng.random() < 0.05:
            mails.append(Mail(f"m{number}~copy", days, subject, chain, mails[-1].mine))
    return mails


def _import(owner: User, folder: Path, mails: list[Mail]) -> services.SettleReport:
    folder.mkdir()
    paths = []
    for mail in mails:
        path = folder / f"{mail.name}.eml"
        path.write_bytes(mail.data())
        paths.append(path)
    records = [read_message_file(path) for path in paths]
    return records_import(owner=owner, records=records, source=str(folder)).settled


def _threads(owner: User) -> set[tuple[frozenset[str], str]]:
    """Each stored thread as its messages' keys, with its subject."""
    grouped: dict[int, set[str]] = {}
    for thread_id, key in Message.objects.filter(owner=owner).values_list("thread_id", "key"):
        assert thread_id is not None, f"{key} was left unthreaded"
        grouped.setdefault(thread_id, set()).add(key)
    subjects = dict(MailThread.objects.filter(owner=owner).values_list("pk", "subject"))
    assert set(subjects) == set(grouped)
    return {(frozenset(keys), subjects[pk]) for pk, keys in grouped.items()}


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("later", ["random", "newest"])
def test_settling_new_mail_incrementally_threads_as_threading_everything_does(
    owner: User, tmp_path: Path, seed: int, later: str
) -> None:
    rng = random.Random(seed)
    mails = random_mailbox(rng, 40)
    if later == "newest":
        # What a sync brings: the most recent mail.
        ordered = sorted(mails, key=lambda mail: mail.days)
        second, first = ordered[:6], ordered[6:]
    else:
        second = rng.sample(mails, 6)
        first = [mail for mail in mails if mail not in second]
    services.own_addresses_configure(owner=owner, addresses=[ME])
    _import(owner, tmp_path / "first", first)

    settled = _import(owner, tmp_path / "second", second)

    stored = Message.objects.filter(owner=owner).count()
    assert 0 < settled.threaded <= stored
    incremental = _threads(owner)
    services.mail_settle(owner=owner, force=True)
    assert _threads(owner) == incremental


def test_a_reply_to_a_stored_thread_does_not_read_every_thread_of_its_subject(
    owner: User, tmp_path: Path
) -> None:
    # Ten conversations about "Plans", each a message and its reply.
    mails = []
    for number in range(10):
        mails.append(Mail(f"p{number}", 20 - number, "Plans", (), False))
        mails.append(Mail(f"p{number}r", 19.5 - number, "Re: Plans", (f"p{number}",), True))
    services.own_addresses_configure(owner=owner, addresses=[ME])
    _import(owner, tmp_path / "first", mails)
    assert len(_threads(owner)) == 10

    # Lori answers the fourth conversation today, and the user answers her.
    replies = [
        Mail("p3rr", 0.5, "Re: Plans", ("p3", "p3r"), False),
        # In-Reply-To alone, as some clients write: it joins through the reply before it.
        Mail("p3rrr", 0.2, "Re: Plans", ("p3rr",), True),
    ]
    settled = _import(owner, tmp_path / "second", replies)

    # The replies and the thread they join, not the other nine threads of the same subject.
    assert settled.threaded == 4
    threads = _threads(owner)
    assert len(threads) == 10
    services.mail_settle(owner=owner, force=True)
    assert _threads(owner) == threads


def test_a_new_conversation_reads_the_threads_of_its_subject(owner: User, tmp_path: Path) -> None:
    # An earlier "Plans" conversation, and a reply by subject alone dated after the new one:
    # the new conversation takes that reply from the earlier thread.
    services.own_addresses_configure(owner=owner, addresses=[ME])
    _import(
        owner,
        tmp_path / "first",
        [Mail("a", 10, "Plans", (), False), Mail("b", 2, "Re: Plans", (), True)],
    )
    assert {keys for keys, _ in _threads(owner)} == {frozenset({"a@x.example", "b@x.example"})}

    settled = _import(owner, tmp_path / "second", [Mail("c", 5, "Plans", (), False)])

    assert settled.threaded == 3
    assert {keys for keys, _ in _threads(owner)} == {
        frozenset({"a@x.example"}),
        frozenset({"b@x.example", "c@x.example"}),
    }


def test_mail_dated_before_the_thread_it_answers_reads_the_threads_of_its_subject(
    owner: User, tmp_path: Path
) -> None:
    # Two "Plans" conversations: a alone, and x with y, a reply by subject alone.
    services.own_addresses_configure(owner=owner, addresses=[ME])
    _import(
        owner,
        tmp_path / "first",
        [
            Mail("a", 10, "Plans", (), False),
            Mail("x", 6, "Plans", (), False),
            Mail("y", 2, "Re: Plans", (), True),
        ],
    )
    assert {keys for keys, _ in _threads(owner)} == {
        frozenset({"a@x.example"}),
        frozenset({"x@x.example", "y@x.example"}),
    }

    # A reply to x whose clock was wrong: dated before everything, it opens x's conversation
    # with "Re:", so that conversation no longer starts one of its own, and y, by subject,
    # now joins a.
    settled = _import(owner, tmp_path / "second", [Mail("c", 12, "Re: Plans", ("x",), False)])

    assert settled.threaded == 4
    threads = {keys for keys, _ in _threads(owner)}
    assert threads == {
        frozenset({"a@x.example", "y@x.example"}),
        frozenset({"x@x.example", "c@x.example"}),
    }
    services.mail_settle(owner=owner, force=True)
    assert {keys for keys, _ in _threads(owner)} == threads
