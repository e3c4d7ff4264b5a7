"""The periodic IMAP sync, run by the task worker (`goodwill serve` starts one).

Each account's sync is a task that queues its own next run when it ends, whether it succeeded
or not, so one `goodwill imap add` keeps an account in sync for as long as a worker runs.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from goodwill.mail.models import MailAccount
from goodwill.sources.imap import ImapError

log = logging.getLogger(__name__)

SYNC_EVERY = timedelta(minutes=15)


@task()
def imap_account_sync(account_id: int) -> str:
    """Sync one IMAP account and queue its next sync; the account's last_error says what failed."""
    from goodwill.mail.sync import account_sync

    account = MailAccount.objects.filter(pk=account_id).select_related("owner").first()
    if account is None:
        return "account removed; no further syncs"
    try:
        result = account_sync(account=account)
        outcome = f"{result.run.stored} new messages"
    except ImapError as exc:
        log.warning("IMAP sync of %s failed: %s", account, exc)
        outcome = f"failed: {exc}"
    imap_sync_schedule(account_id=account_id, delay=SYNC_EVERY)
    return outcome


def imap_sync_schedule(*, account_id: int, delay: timedelta = timedelta(0)) -> None:
    """Queue a sync of the account for the worker, `delay` from now."""
    imap_account_sync.using(run_after=timezone.now() + delay).enqueue(account_id)
