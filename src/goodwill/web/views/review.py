"""The review of a period: the page, its printable twin, the PDF and the JSON, all from one
Review (goodwill.review), so they never disagree."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_GET

from goodwill.insight.periods import Period, PeriodError, period_from
from goodwill.review.document import review_context, review_pdf, review_print_html
from goodwill.review.selectors import review_for_owner
from goodwill.web.views.common import AuthedRequest

# The year picker offers this many years back from this one.
YEARS_OFFERED = 6


def _period(request: AuthedRequest) -> Period:
    return period_from(
        year=request.GET.get("year", ""),
        since=request.GET.get("since", ""),
        until=request.GET.get("until", ""),
        today=timezone.localdate(),
    )


def _query(period: Period) -> str:
    if period.is_calendar_year:
        return urlencode({"year": period.since.year})
    return urlencode({"since": period.since.isoformat(), "until": period.until.isoformat()})


def _bad_period(request: AuthedRequest, error: PeriodError) -> HttpResponse:
    return render(
        request,
        "web/review/page.html",
        {"error": str(error), "years": _years(), "form": request.GET},
        status=400,
    )


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - YEARS_OFFERED, -1))


@login_required
@require_GET
def review_page(request: AuthedRequest) -> HttpResponse:
    try:
        period = _period(request)
    except PeriodError as error:
        return _bad_period(request, error)
    review = review_for_owner(owner=request.user, period=period)
    context = {
        **review_context(review),
        "link_contacts": True,
        "years": _years(),
        "form": request.GET,
        "query": _query(period),
    }
    return render(request, "web/review/page.html", context)


@login_required
@require_GET
def review_print(request: AuthedRequest) -> HttpResponse:
    try:
        period = _period(request)
    except PeriodError as error:
        return _bad_period(request, error)
    review = review_for_owner(owner=request.user, period=period)
    return HttpResponse(
        review_print_html(review, stylesheet_href=static("review/print.css")),
        content_type="text/html; charset=utf-8",
    )


@login_required
@require_GET
def review_pdf_download(request: AuthedRequest) -> HttpResponse:
    try:
        period = _period(request)
    except PeriodError as error:
        return _bad_period(request, error)
    review = review_for_owner(owner=request.user, period=period)
    response = HttpResponse(review_pdf(review), content_type="application/pdf")
    name = f"goodwill-review-{period.label.replace(' ', '-')}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def review_json(request: AuthedRequest) -> HttpResponse:
    try:
        period = _period(request)
    except PeriodError as error:
        return JsonResponse({"error": str(error)}, status=400)
    review = review_for_owner(owner=request.user, period=period)
    return JsonResponse(review.as_json(), json_dumps_params={"indent": 2})
