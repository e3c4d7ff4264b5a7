"""Accounts: sign-in throttling (wrong passwords counted per username and address within a
window) and the address password-reset links go to."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from goodwill.accounts.models import LoginFailure


def _window() -> timedelta:
    return timedelta(seconds=settings.GOODWILL_LOGIN_FAILURE_WINDOW_SECONDS)


def login_blocked_until(
    *, username: str, ip_address: str, now: datetime | None = None
) -> datetime | None:
    """When this username may be tried again from this address, or None if it may be now."""
    now = now or timezone.now()
    recent = list(
        LoginFailure.objects.filter(
            username=username.strip().lower(),
            ip_address=ip_address,
            failed_at__gt=now - _window(),
        )
        .order_by("-failed_at")
        .values_list("failed_at", flat=True)[: settings.GOODWILL_LOGIN_FAILURE_LIMIT]
    )
    if len(recent) < settings.GOODWILL_LOGIN_FAILURE_LIMIT:
        return None
    # The oldest of the last LIMIT failures leaves the window first; then one more try is allowed.
    return recent[-1] + _window()


def login_failure_record(*, username: str, ip_address: str, now: datetime | None = None) -> None:
    """Note one wrong password, and forget failures too old to count."""
    now = now or timezone.now()
    LoginFailure.objects.create(
        username=username.strip().lower(), ip_address=ip_address, failed_at=now
    )
    LoginFailure.objects.filter(failed_at__lte=now - _window()).delete()


def login_failures_clear(*, username: str, ip_address: str) -> None:
    """A right password forgets this pair's failures, so a typo last week costs nothing later."""
    LoginFailure.objects.filter(username=username.strip().lower(), ip_address=ip_address).delete()


def account_email_set(*, user: User, email: str) -> User:
    """Set the address password-reset links go to; an empty one means no reset by email."""
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"email": f"{email!r} is not an email address."}) from exc
        email = User.objects.normalize_email(email)
    user.email = email
    user.save(update_fields=["email"])
    return user
