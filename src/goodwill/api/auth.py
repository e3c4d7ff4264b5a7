"""Token authentication for /api/v1: `Authorization: Bearer gw_…`, nothing else.

Sessions are not accepted, so a page open in a browser can never be turned against the API
(and the API needs no CSRF token). A read token may GET; anything else needs read-write.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer

from goodwill.api import tokens
from goodwill.api.models import ApiToken

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class WriteScopeNeeded(Exception):
    """A read token tried to change something."""


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = tokens.token_for_secret(token)
        if api_token is None:
            return None
        if request.method not in READ_METHODS and not api_token.can_write:
            raise WriteScopeNeeded
        return api_token


def owner_of(request: HttpRequest) -> User:
    """The account whose token signed the request (TokenAuth has run: there is one)."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token.owner
