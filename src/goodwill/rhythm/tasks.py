"""Background work for keeping in touch, run by the task worker (`goodwill serve` starts one).

`daily_rhythm` sends the digests that are due, notes new positions after imports, and queues
itself again for the next hour, so one call (`goodwill digest --schedule`, or switching the
digest on) keeps it going for as long as a worker runs.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.tasks import task
from django.utils import timezone

from goodwill.rhythm.digest import DigestError, digest_send, digests_due
from goodwill.rhythm.services import positions_note_changes

log = logging.getLogger(__name__)
TASK_PATH = "goodwill.rhythm.tasks.daily_rhythm"


def next_hour(now: datetime) -> datetime:
    """The start of the next hour, a minute past, so a digest set for 7 goes at 7:01."""
    return now.replace(minute=1, second=0, microsecond=0) + timedelta(hours=1)


def daily_rhythm_is_queued() -> bool:
    """True when a run is already waiting, so scheduling twice does not double the work."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").exists()


def daily_rhythm_schedule(*, now: datetime | None = None) -> bool:
    """Queue the next run unless one is queued; True when this call queued it."""
    if daily_rhythm_is_queued():
        return False
    daily_rhythm.using(run_after=next_hour(now or timezone.now())).enqueue()
    return True


def daily_rhythm_run(*, now: datetime | None = None) -> dict[str, int]:
    """One run: the digests due now, and positions noted once a day per account."""
    now = now or timezone.now()
    sent = failed = 0
    for owner in digests_due(now=now):
        try:
            digest_send(owner=owner, now=now)
            sent += 1
        except DigestError as exc:
            failed += 1
            log.warning("digest for %s not sent: %s", owner.username, exc)
    if timezone.localtime(now).hour == 3:
        for owner in User.objects.filter(is_active=True):
            positions_note_changes(owner=owner, now=now)
    return {"sent": sent, "failed": failed}


@task
def daily_rhythm() -> dict[str, int]:
    """Send the digests due this hour, then queue the next hour's run."""
    try:
        return daily_rhythm_run()
    finally:
        daily_rhythm.using(run_after=next_hour(timezone.now())).enqueue()
