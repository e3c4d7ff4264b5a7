"""Page-number paging for every list: count, next, previous and results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from goodwill.api.schemas import PageParams


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_of[RowT: Model](
    request: HttpRequest,
    rows: QuerySet[RowT],
    params: PageParams,
    render: Callable[[RowT], dict[str, Any]],
) -> dict[str, Any]:
    """One page of rows (already in a stable order), with links to its neighbours."""
    count = rows.count()
    start = (params.page - 1) * params.page_size
    results = [render(row) for row in rows[start : start + params.page_size]]
    last_page = max(1, -(-count // params.page_size))
    return {
        "count": count,
        "next": _page_url(request, params.page + 1) if params.page < last_page else None,
        "previous": (
            _page_url(request, min(params.page - 1, last_page)) if params.page > 1 else None
        ),
        "results": results,
    }
