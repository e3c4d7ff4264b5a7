"""The /api/v1 application: its routers, token authentication, and errors as JSON for people.

Every error has the same shape, `{"detail": "...", "errors": {field: [messages]}}`:
401 without a valid token, 403 for a write with a read token, 404 for an id that is not the
token owner's, 400 when a service refuses (the message says why), 422 when the request does
not match the schema.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from goodwill.api import activity, people, reports
from goodwill.api.auth import TokenAuth, WriteScopeNeeded

DESCRIPTION = """Goodwill's network for scripts: contacts, handles, organizations, interactions,
loops, gives, shares, Today and import runs.

Authenticate with a token from Settings → API tokens or `goodwill tokens create`:
`Authorization: Bearer gw_…`. Read tokens may only GET. Lists are paged (`page`, `page_size`,
50 a page unless said, 200 at most) and answer `count`, `next`, `previous` and `results`.
See docs/api.md."""

api = NinjaAPI(
    title="Goodwill API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("", people.router)
api.add_router("", activity.router)
api.add_router("", reports.router)


def _error(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request,
        401,
        "A valid API token is needed: send the header 'Authorization: Bearer gw_…' "
        "with a token that has not been revoked.",
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(WriteScopeNeeded)
def _read_only(request: HttpRequest, exc: WriteScopeNeeded) -> HttpResponse:
    return _error(request, 403, "This token may only read; changes need a read-write token.")


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: list(messages) for field, messages in exc.message_dict.items()}
    else:
        errors = {"__all__": list(exc.messages)}
    detail = " ".join(message for messages in errors.values() for message in messages)
    return _error(request, 400, detail, errors)


@api.exception_handler(SchemaError)
def _malformed(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # loc is where the value was: ("body", "body", "summary"), ("query", "page"), …
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        errors.setdefault(".".join(location) or "request", []).append(message)
    detail = "; ".join(f"{field}: {', '.join(messages)}" for field, messages in errors.items())
    return _error(request, 422, detail, errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if detail.startswith("Cannot parse request body"):
        detail = "The request body is not JSON: send JSON with Content-Type: application/json."
    return _error(request, exc.status_code, detail)


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Anything under /api/v1/ that is no operation: a JSON 404, like every other error."""
    return JsonResponse(
        {"detail": f"There is no {request.path}; see /api/v1/docs.", "errors": {}}, status=404
    )
