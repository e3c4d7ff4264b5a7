"""Making, listing, checking and revoking API tokens; the only writer of ApiToken rows.

A secret is `gw_` and 43 URL-safe characters (32 random bytes). It is returned once by
token_create and never stored: the row keeps its SHA-256, which is enough for a secret that
cannot be guessed, and its first characters for display.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from goodwill.api.models import ApiToken

SECRET_PREFIX = "gw_"
# Enough of the secret to tell tokens apart in a list; far too little to guess the rest.
DISPLAY_PREFIX_LENGTH = len(SECRET_PREFIX) + 6
# last_used_at is written at most this often per token, so reads do not each cost a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(
    *, owner: User, name: str, scope: str, now: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is not kept anywhere, so show it now or never."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Give the token a name, to know later what uses it."})
    if len(name) > 100:
        raise ValidationError({"name": "A token's name is 100 characters at most."})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": f"{scope!r} is not a scope: use read or read-write."})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner=owner,
        name=name,
        scope=scope,
        prefix=secret[:DISPLAY_PREFIX_LENGTH],
        key_hash=token_hash(secret),
        created_at=now or timezone.now(),
    )
    return token, secret


def tokens_for_owner(*, owner: User) -> QuerySet[ApiToken]:
    """The owner's tokens, revoked ones too, newest first."""
    return ApiToken.objects.filter(owner=owner).order_by("-created_at", "-pk")


def token_revoke(*, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """Stop a token for good; revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_for_secret(secret: str, *, now: datetime | None = None) -> ApiToken | None:
    """The live token with this secret, its use noted; None for anything else."""
    if not secret.startswith(SECRET_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(key_hash=token_hash(secret), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
