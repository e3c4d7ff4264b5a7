from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.tasks import task

from goodwill.network import services
from goodwill.network.models import Contact
from tests.cli.conftest import invoke


@task
def contact_add_later(owner_id: int, full_name: str) -> None:
    services.contact_create(owner=User.objects.get(pk=owner_id), full_name=full_name)


@pytest.fixture
def signal_handlers_restored() -> Iterator[None]:
    # The worker installs its own SIGINT and SIGTERM handlers; pytest needs its own back.
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


# The worker closes old database connections between tasks, as a long-running process must; on
# PostgreSQL that would end the test's own transaction, so this test commits for real.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("signal_handlers_restored")
def test_worker_batch_runs_the_queued_tasks_and_exits(owner: User) -> None:
    contact_add_later.enqueue(owner.pk, "Quinn Park")

    result = invoke("worker", "--batch", "--quiet")

    assert result.exit_code == 0, result.output
    assert Contact.objects.filter(owner=owner, full_name="Quinn Park").exists()
