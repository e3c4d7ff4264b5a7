"""IMAP sync against a real Dovecot on loopback: incremental, resumable, and honest about
failures."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User

from goodwill.mail import sync
from goodwill.mail.models import FolderState, MailAccount, Message
from goodwill.network.models import Contact, Interaction
from goodwill.sources.imap import ImapError
from tests.cli.conftest import invoke
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


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, IMAP_PASSWORD)


def _account(owner: User, dovecot: Dovecot, folders: tuple[str, ...] = ("INBOX",)) -> MailAccount:
    return sync.account_add(
        owner=owner,
        name="work",
        host=dovecot.host,
        port=dovecot.port,
        username=IMAP_USER,
        security="none",
        folders=folders,
        password_env=PASSWORD_ENV,
        me=(ME,),
    )


def _from_lori(number: int) -> bytes:
    return message(
        sender=f"Lori Chen <{LORI}>",
        to=ME,
        subject=f"Note {number}",
        body=f"Here is note number {number}.",
        date=days_ago(30 - number),
        message_id=f"note{number}@northwind.example",
    )


def _stored(owner: User) -> list[str]:
    return sorted(Message.objects.filter(owner=owner).values_list("key", flat=True))


@pytest.mark.usefixtures("password", "lori_contact")
def test_a_second_sync_brings_only_the_mail_that_arrived_since(
    owner: User, dovecot: Dovecot
) -> None:
    dovecot.append("INBOX", _from_lori(1), _from_lori(2))
    account = _account(owner, dovecot)

    first = sync.account_sync(account=account)
    dovecot.append("INBOX", _from_lori(3))
    second = sync.account_sync(account=account)

    assert first.run.stored == 2
    assert (second.run.read, second.run.stored) == (1, 1)
    assert _stored(owner) == [
        "note1@northwind.example",
        "note2@northwind.example",
        "note3@northwind.example",
    ]
    assert Interaction.objects.filter(owner=owner, source="mail").count() == 3


@pytest.mark.usefixtures("password")
def test_a_sync_leaves_the_mail_unread_on_the_server(owner: User, dovecot: Dovecot) -> None:
    dovecot.append("INBOX", _from_lori(1))

    sync.account_sync(account=_account(owner, dovecot))

    client = dovecot.client()
    client.select_folder("INBOX", readonly=True)
    assert client.search(["UNSEEN"]) == [1]
    client.logout()


@pytest.mark.usefixtures("password", "lori_contact")
def test_a_sync_cut_off_half_way_resumes_and_stores_nothing_twice(
    owner: User, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dovecot.append("INBOX", *(_from_lori(number) for number in range(1, 7)))
    account = _account(owner, dovecot)
    monkeypatch.setattr(sync, "SYNC_BATCH", 2)

    def server_dies(read: int) -> None:
        if read == 2:
            dovecot.stop()

    with pytest.raises(ImapError, match="failed while reading INBOX"):
        sync.account_sync(account=account, progress=server_dies)
    assert len(_stored(owner)) == 2
    assert FolderState.objects.get(account=account).last_uid == 2

    dovecot.start()
    resumed = sync.account_sync(account=account)

    assert resumed.run.read == 4
    assert len(_stored(owner)) == 6
    assert Interaction.objects.filter(owner=owner, source="mail").count() == 6


@pytest.mark.usefixtures("password")
def test_a_changed_uidvalidity_reads_the_folder_again_without_duplicates(
    owner: User, dovecot: Dovecot
) -> None:
    dovecot.append("Archive", _from_lori(1), _from_lori(2))
    account = _account(owner, dovecot, folders=("Archive",))
    sync.account_sync(account=account)
    before = FolderState.objects.get(account=account).uidvalidity

    client = dovecot.client()
    client.delete_folder("Archive")
    client.logout()
    time.sleep(1.1)  # Dovecot derives UIDVALIDITY from the clock
    dovecot.append("Archive", _from_lori(2), _from_lori(1), _from_lori(3))
    again = sync.account_sync(account=account)

    state = FolderState.objects.get(account=account)
    assert state.uidvalidity != before
    assert (again.run.read, again.run.known, again.run.stored) == (3, 2, 1)
    assert _stored(owner) == [
        "note1@northwind.example",
        "note2@northwind.example",
        "note3@northwind.example",
    ]


def test_a_refused_login_is_one_line_and_exit_status_2(
    owner: User, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    _account(owner, dovecot)

    result = invoke("sync", "imap", "--user", "alice")

    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert f"refused the login of {IMAP_USER}" in lines[0]
    assert not Message.objects.filter(owner=owner).exists()


@pytest.mark.usefixtures("password")
def test_a_server_that_is_gone_is_one_line_and_exit_status_2(owner: User, dovecot: Dovecot) -> None:
    _account(owner, dovecot)
    dovecot.stop()

    result = invoke("sync", "imap", "--user", "alice")

    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "cannot connect to" in result.output


@pytest.mark.usefixtures("password", "lori_contact")
def test_imap_add_checks_the_login_and_sync_imap_reads_the_mail(
    owner: User, dovecot: Dovecot
) -> None:
    dovecot.append("INBOX", _from_lori(1))

    added = invoke(
        "imap", "add", "work", "--user", "alice",
        "--host", dovecot.host, "--port", str(dovecot.port),
        "--security", "none", "--username", IMAP_USER, "--password-env", PASSWORD_ENV,
        "--me", ME,
    )  # fmt: skip
    synced = invoke("sync", "imap", "--user", "alice")

    assert added.exit_code == 0, added.output
    assert synced.exit_code == 0, synced.output
    assert "1 new" in synced.output
    account = MailAccount.objects.get(owner=owner)
    assert IMAP_PASSWORD not in str(MailAccount.objects.filter(pk=account.pk).values().get())
    assert Contact.objects.get(owner=owner).last_touch_at is not None


def test_imap_add_with_a_wrong_password_adds_nothing(
    owner: User, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "wrong")

    result = invoke(
        "imap", "add", "work", "--user", "alice",
        "--host", dovecot.host, "--port", str(dovecot.port),
        "--security", "none", "--username", IMAP_USER, "--password-env", PASSWORD_ENV,
    )  # fmt: skip

    assert result.exit_code == 2
    assert "refused the login" in result.output
    assert not MailAccount.objects.filter(owner=owner).exists()
