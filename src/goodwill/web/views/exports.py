"""Downloads of the signed-in user's own network: vCard, CSV and the full JSON backup."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from goodwill.network.backup import backup_data
from goodwill.network.export_contacts import contacts_csv, contacts_vcard
from goodwill.web.views.common import AuthedRequest


def _file_name(request: AuthedRequest, suffix: str) -> str:
    return f"goodwill-{request.user.username}-{timezone.localdate():%Y-%m-%d}{suffix}"


def _attachment(response: HttpResponse | StreamingHttpResponse, name: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{name}"'


@login_required
@require_GET
def export_vcard(request: AuthedRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        contacts_vcard(owner=request.user), content_type="text/vcard; charset=utf-8"
    )
    _attachment(response, _file_name(request, ".vcf"))
    return response


@login_required
@require_GET
def export_csv(request: AuthedRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        contacts_csv(owner=request.user), content_type="text/csv; charset=utf-8"
    )
    _attachment(response, _file_name(request, ".csv"))
    return response


@login_required
@require_GET
def export_backup(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(
        json.dumps(backup_data(owner=request.user), ensure_ascii=False),
        content_type="application/json",
    )
    _attachment(response, _file_name(request, "-backup.json"))
    return response
