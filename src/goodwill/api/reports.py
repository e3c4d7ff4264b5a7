"""/today and /import-runs: read-only views of what Goodwill worked out."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router

from goodwill.api import lookups, render
from goodwill.api.auth import owner_of
from goodwill.api.fields import MAX_ID
from goodwill.api.paging import page_of
from goodwill.api.responses import reading
from goodwill.api.schemas import (
    ImportRunDetailOut,
    ImportRunFilters,
    ImportRunPage,
    TodayOut,
    TodayParams,
)
from goodwill.network import import_selectors
from goodwill.rhythm.agenda import today_agenda

router = Router()

# The skips shown with one run; the run's `skipped` counts them all.
SKIPS_SHOWN = 500


@router.get("/today", response=reading(TodayOut), tags=["today"])
def today(request: HttpRequest, params: Query[TodayParams]) -> dict[str, object]:
    """Today's list, the same as the Today page and `goodwill today --json`: loops waiting on
    you, asks met with silence, follow-ups and drifting contacts, each with its reason."""
    return today_agenda(owner=owner_of(request), show_all=params.all).as_json()


@router.get("/import-runs", response=reading(ImportRunPage), tags=["import runs"])
def import_run_list(request: HttpRequest, filters: Query[ImportRunFilters]) -> dict[str, Any]:
    """Files imported (or previewed), newest first, with what each changed."""
    rows = import_selectors.import_runs_for_owner(owner=owner_of(request))
    if filters.status:
        rows = rows.filter(status=filters.status)
    return page_of(request, rows, filters, render.import_run)


@router.get("/import-runs/{run_id}", response=reading(ImportRunDetailOut), tags=["import runs"])
def import_run_read(
    request: HttpRequest, run_id: int = Path(..., ge=1, le=MAX_ID, description="A run's id.")
) -> dict[str, Any]:
    """One run with the records it left out and why (the first 500)."""
    run = lookups.import_run(owner_of(request), run_id)
    skips = import_selectors.import_skips(run=run, limit=SKIPS_SHOWN)
    return {
        **render.import_run(run),
        "skips": [
            {"location": s.location, "reason": s.reason, "record_kept": s.record_kept}
            for s in skips
        ],
    }
