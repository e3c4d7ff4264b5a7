"""The task worker keeps IMAP accounts in sync: adding one queues a sync, and each sync queues
the next."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django_tasks_db.models import DBTaskResult

from goodwill.mail.models import MailAccount, Message
from goodwill.mail.tasks import imap_account_sync
from tests.cli.conftest import invoke
from tests.mail.conftest import IMAP_PASSWORD, IMAP_USER, LORI, ME, PASSWORD_ENV, Dovecot, message


@pytest.fixture
def signal_handlers_restored() -> Iterator[None]:
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def _waiting_syncs() -> int:
    return DBTaskResult.objects.filter(
        task_path=imap_account_sync.module_path, status="READY"
    ).count()


# The worker closes connections between tasks, which would end a test transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("signal_handlers_restored")
def test_imap_add_queues_a_sync_the_worker_runs_and_the_next_is_queued(
    owner: User, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, IMAP_PASSWORD)
    dovecot.append("INBOX", message(sender=LORI, to=ME, body="Lunch next week?"))
    added = invoke(
        "imap", "add", "work", "--user", "alice", "--host", dovecot.host,
        "--port", str(dovecot.port), "--security", "none", "--username", IMAP_USER,
        "--password-env", PASSWORD_ENV, "--me", ME,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert _waiting_syncs() == 1

    result = invoke("worker", "--batch", "--quiet")

    assert result.exit_code == 0, result.output
    assert Message.objects.filter(owner=owner).count() == 1
    assert MailAccount.objects.get(owner=owner).last_synced_at is not None
    # The sync that ran queued the next one, 15 minutes away.
    assert _waiting_syncs() == 1
