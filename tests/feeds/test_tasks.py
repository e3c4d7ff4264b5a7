"""The worker polls feeds: following one queues a poll, and each poll queues the next."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django_tasks_db.models import DBTaskResult

from goodwill.feeds import services
from goodwill.feeds.models import Article
from goodwill.feeds.tasks import poll_feeds
from tests.cli.conftest import invoke
from tests.feeds.server import Route, rss, serving


@pytest.fixture
def signal_handlers_restored() -> Iterator[None]:
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def _waiting_polls() -> int:
    return DBTaskResult.objects.filter(task_path=poll_feeds.module_path, status="READY").count()


# The worker closes connections between tasks, which would end a test transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("signal_handlers_restored")
def test_following_a_feed_queues_a_poll_that_the_worker_runs_and_the_next_is_queued(
    owner: User,
) -> None:
    with serving({"/feed": Route(rss("Sam", [("1", "Elm Street", "done")]))}) as server:
        services.feed_follow(owner=owner, url=server.url("/feed"))
        services.feed_follow(owner=owner, url=server.url("/feed"))
        assert _waiting_polls() == 1

        result = invoke("worker", "--batch", "--quiet")

    assert result.exit_code == 0, result.output
    assert Article.objects.filter(owner=owner, title="Elm Street").exists()
    # The poll that ran queued the next one, an hour away.
    assert _waiting_polls() == 1
