"""Import: upload export files, preview what would change (a dry run), confirm, watch the real
run, and see the result. Both runs happen in the task worker; the page polls while they work.

Uploads wait in GOODWILL_HOME/imports/<owner id>/ between the preview and the confirmation, and
every lookup goes through the signed-in owner, so another account's batch, run or file is a 404.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from uuid import UUID, uuid4

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.network.import_files import UploadTooLarge, progress_read, upload_store
from goodwill.network.import_selectors import (
    import_runs_for_owner,
    import_runs_of_batch,
    import_skips,
    merge_suggestions_open_count,
)
from goodwill.network.importing import (
    import_batch_confirm,
    import_batch_discard,
    import_run_create,
    import_runs_close_abandoned,
)
from goodwill.network.models import ImportRun
from goodwill.network.tasks import import_run_task
from goodwill.sources.records import SourceFormat
from goodwill.web.forms import Form
from goodwill.web.views.common import AuthedRequest, wants_partial

DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024
FORMAT_LABELS = {
    SourceFormat.LINKEDIN.value: "LinkedIn data export",
    SourceFormat.VCARD.value: "vCard",
    SourceFormat.GOOGLE_CSV.value: "Google Contacts CSV",
    SourceFormat.OUTLOOK_CSV.value: "Outlook CSV",
    SourceFormat.THUNDERBIRD_CSV.value: "Thunderbird CSV",
}
SKIPS_SHOWN = 10
RECENT_RUNS = 30
TOO_LARGE = 413


def upload_limit() -> int:
    """The most bytes one upload may hold: the GOODWILL_IMPORT_MAX_BYTES setting, else the
    environment variable of that name, else 200 MB."""
    configured = getattr(settings, "GOODWILL_IMPORT_MAX_BYTES", None) or os.environ.get(
        "GOODWILL_IMPORT_MAX_BYTES", ""
    )
    try:
        return int(configured) if configured else DEFAULT_UPLOAD_LIMIT
    except ValueError:
        return DEFAULT_UPLOAD_LIMIT


class ImportOptionsForm(Form):
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[("", "Detect from the content"), *FORMAT_LABELS.items()],
    )
    default_region = forms.CharField(
        label="Country for phone numbers without a country code",
        max_length=2,
        initial="US",
        help_text="Two letters, e.g. US, GB, DE.",
    )


@dataclass(frozen=True)
class RunView:
    """A run as the page shows it: with how far it got and the first things it left out."""

    run: ImportRun
    records_read: int | None
    skips: list[str]
    more_skips: int


def _run_view(run: ImportRun) -> RunView:
    progress = progress_read(run.pk) if run.status == ImportRun.Status.RUNNING else None
    skips = [f"{skip.location}: {skip.reason}" for skip in import_skips(run=run, limit=SKIPS_SHOWN)]
    total = run.skips.count() if len(skips) == SKIPS_SHOWN else len(skips)
    return RunView(run, progress[0] if progress else None, skips, total - len(skips))


def _page(
    request: AuthedRequest, form: ImportOptionsForm, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "error": error,
        "limit_mb": upload_limit() // (1024 * 1024),
        "runs": import_runs_for_owner(owner=request.user)[:RECENT_RUNS],
        "duplicates": merge_suggestions_open_count(owner=request.user),
    }
    return render(request, "web/imports/page.html", context, status=status)


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthedRequest) -> HttpResponse:
    # Said before a byte of the body is read (so before the CSRF check reads the form): an
    # upload past the limit is refused at once instead of after minutes of uploading.
    if request.method == "POST":
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > upload_limit() + 1024 * 1024:
            error = (
                f"That upload is {declared // (1024 * 1024)} MB; files of up to "
                f"{upload_limit() // (1024 * 1024)} MB can be imported."
            )
            return _page(request, ImportOptionsForm(), error=error, status=TOO_LARGE)
    return _import_page(request)


@csrf_protect
def _import_page(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        import_runs_close_abandoned(owner=request.user)
        return _page(request, ImportOptionsForm())
    form = ImportOptionsForm(request.POST)
    files = request.FILES.getlist("files")
    if not form.is_valid():
        return _page(request, form, status=422)
    if not files:
        return _page(request, form, error="Choose one or more files to import.", status=422)
    batch = uuid4()
    runs = []
    try:
        for upload in files:
            stored = upload_store(owner=request.user, chunks=upload.chunks(), limit=upload_limit())
            runs.append(
                import_run_create(
                    owner=request.user,
                    file_name=upload.name or "upload",
                    file_size=stored.size,
                    sha256=stored.sha256,
                    format=form.cleaned_data["format"],
                    default_region=form.cleaned_data["default_region"],
                    dry_run=True,
                    batch=batch,
                    stored_file=stored.name,
                )
            )
    except UploadTooLarge as exc:
        import_batch_discard(owner=request.user, batch=batch)
        return _page(request, form, error=f"{upload.name} {exc}.", status=TOO_LARGE)
    except ValidationError as exc:
        import_batch_discard(owner=request.user, batch=batch)
        return _page(request, form, error=" ".join(exc.messages), status=422)
    for run in runs:
        import_run_task.enqueue(run.pk)
    return redirect("import_batch", batch=batch)


def _batch_context(request: AuthedRequest, batch: UUID) -> dict[str, object]:
    # A run whose worker was killed would otherwise read "Reading…" for ever.
    import_runs_close_abandoned(owner=request.user)
    runs = import_runs_of_batch(owner=request.user, batch=batch)
    if not runs:
        raise Http404("No such import.")
    finished = all(run.is_finished for run in runs)
    preview = all(run.dry_run for run in runs)
    return {
        "batch": batch,
        "runs": [_run_view(run) for run in runs],
        "finished": finished,
        "preview": preview,
        "can_confirm": preview
        and finished
        and any(run.status == ImportRun.Status.DONE and run.stored_file for run in runs),
        "waiting": any(run.status == ImportRun.Status.PENDING for run in runs),
        "duplicates": merge_suggestions_open_count(owner=request.user) if finished else 0,
    }


@login_required
@require_GET
def import_batch(request: AuthedRequest, batch: UUID) -> HttpResponse:
    context = _batch_context(request, batch)
    if wants_partial(request):
        return render(request, "web/imports/_batch_status.html", context)
    return render(request, "web/imports/batch.html", context)


@login_required
@require_POST
def import_confirm(request: AuthedRequest, batch: UUID) -> HttpResponse:
    _batch_context(request, batch)  # 404 for a batch that is not the user's
    runs = import_batch_confirm(owner=request.user, batch=batch)
    if not runs:
        messages.error(request, "Nothing left to import here: it was imported or discarded.")
        return redirect("import_batch", batch=batch)
    for run in runs:
        import_run_task.enqueue(run.pk)
    return redirect("import_batch", batch=runs[0].batch)


@login_required
@require_POST
def import_discard(request: AuthedRequest, batch: UUID) -> HttpResponse:
    _batch_context(request, batch)
    import_batch_discard(owner=request.user, batch=batch)
    messages.info(request, "Discarded: nothing was imported, and the uploaded files are gone.")
    return redirect("import_page")


@login_required
@require_GET
def import_run(request: AuthedRequest, run_id: int) -> HttpResponse:
    run = import_runs_for_owner(owner=request.user).filter(pk=run_id).first()
    if run is None:
        raise Http404("No such import run.")
    return render(request, "web/imports/run.html", {"run": run, "skips": import_skips(run=run)})
