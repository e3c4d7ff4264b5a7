"""Where work comes from: the work page (record, list, totals by the relationship it came
through), editing and deleting work, and the scorecard page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.network.scorecard_selectors import (
    scorecard_contacts_count,
    scorecard_overall,
    scorecards_by_contact,
)
from goodwill.web.forms import add_service_errors
from goodwill.web.views.common import AuthedRequest, wants_partial
from goodwill.web.work_forms import WorkForm, work_form_initial
from goodwill.work import selectors, services
from goodwill.work.models import Work

INVALID = 422
# The page lists this many at a time; the totals count everything.
WORK_PER_PAGE = 30
SOURCES_SHOWN = 20
SCORECARDS_SHOWN = 50


def _get_work_for_user(request: AuthedRequest, work_id: int) -> Work:
    work = selectors.work_get(owner=request.user, work_id=work_id)
    if work is None:
        raise Http404("No such work.")
    return work


def _new_form(request: AuthedRequest) -> WorkForm:
    return WorkForm(
        owner=request.user,
        initial={
            "came_on": timezone.localdate(),
            "currency": selectors.last_currency(owner=request.user),
        },
    )


def _page_context(request: AuthedRequest, form: WorkForm) -> dict[str, object]:
    everything = selectors.work_for_owner(owner=request.user)
    sources = selectors.work_by_source(owner=request.user)
    return {
        "form": form,
        "totals": selectors.work_totals(owner=request.user),
        "sources": sources[:SOURCES_SHOWN],
        "sources_total": len(sources),
        "page": Paginator(everything, WORK_PER_PAGE).get_page(request.GET.get("page")),
    }


def _render_page(request: AuthedRequest, form: WorkForm, *, status: int = 200) -> HttpResponse:
    template = "web/work/_main.html" if wants_partial(request) else "web/work/page.html"
    return render(request, template, _page_context(request, form), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def work_page(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_page(request, _new_form(request))
    form = WorkForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            work = services.work_record(owner=request.user, fields=form.fields_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recorded “{work.title}”.")
            if wants_partial(request):
                return _render_page(request, _new_form(request))
            return redirect("work_page")
    return _render_page(request, form, status=INVALID)


@login_required
@require_http_methods(["GET", "POST"])
def work_edit(request: AuthedRequest, work_id: int) -> HttpResponse:
    work = _get_work_for_user(request, work_id)
    if request.method == "POST":
        form = WorkForm(request.POST, owner=request.user)
        if form.is_valid():
            try:
                services.work_update(work=work, fields=form.fields_for_service())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Saved “{work.title}”.")
                return redirect("work_page")
        return render(request, "web/work/edit.html", {"form": form, "work": work}, status=INVALID)
    form = WorkForm(owner=request.user, initial=work_form_initial(work))
    return render(request, "web/work/edit.html", {"form": form, "work": work})


@login_required
@require_POST
def work_delete(request: AuthedRequest, work_id: int) -> HttpResponse:
    work = _get_work_for_user(request, work_id)
    title = work.title
    services.work_delete(work=work)
    messages.success(request, f"Deleted “{title}”.")
    if wants_partial(request):
        return _render_page(request, _new_form(request))
    return redirect("work_page")


@login_required
@require_GET
def scorecard_page(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    context = {
        "card": scorecard_overall(owner=request.user, now=now),
        "cards": scorecards_by_contact(owner=request.user, now=now, limit=SCORECARDS_SHOWN),
        "cards_total": scorecard_contacts_count(owner=request.user),
    }
    return render(request, "web/scorecard/page.html", context)
