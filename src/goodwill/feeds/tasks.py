"""The feed poller as a background task: `goodwill serve` runs the worker that runs it.

The task schedules its own next run, so once any feed is followed the worker polls every hour
without a scheduler of its own; following a feed asks for a poll at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from goodwill.feeds.models import Feed
from goodwill.feeds.polling import POLL_INTERVAL, feeds_due, feeds_poll

# A poll already waiting this close to now makes another one pointless.
SOON = timedelta(minutes=1)


@task()
def poll_feeds() -> int:
    """Poll every feed that is due, for every account; schedule the next run. Returns how many
    feeds were polled."""
    now = timezone.now()
    results = feeds_poll(feeds_due(now=now))
    schedule_poll(after=POLL_INTERVAL)
    return len(results)


def _waiting_poll_exists(*, before: datetime | None = None) -> bool:
    waiting = DBTaskResult.objects.filter(task_path=poll_feeds.module_path, status="READY")
    if before is not None:
        # A task queued to run at once is stored with the largest date there is.
        waiting = waiting.filter(Q(run_after__lte=before) | Q(run_after=get_date_max()))
    return waiting.exists()


def schedule_poll(*, after: timedelta) -> None:
    """Queue the next poll `after` from now, unless one is already waiting."""
    if not Feed.objects.exists() or _waiting_poll_exists():
        return
    poll_feeds.using(run_after=timezone.now() + after).enqueue()


def poll_soon() -> None:
    """Queue a poll to run at once, unless one is about to run anyway."""
    if _waiting_poll_exists(before=timezone.now() + SOON):
        return
    poll_feeds.enqueue()
