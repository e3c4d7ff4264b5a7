"""Background tasks of the network app, run by the task worker (`goodwill serve` starts one)."""

from __future__ import annotations

from django.tasks import task

from goodwill.network.importing import import_stored_run
from goodwill.network.models import ImportRun


@task
def import_run_task(run_id: int) -> None:
    """Runs an import (or its dry run) the web queued; a run already started is left alone."""
    run = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.PENDING).first()
    if run is not None:
        import_stored_run(run)
