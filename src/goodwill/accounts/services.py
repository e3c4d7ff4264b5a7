"""Accounts: sign-in throttling (wrong passwords counted per username and address within a
window), password-reset throttling, and the address password-reset links go to."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from goodwill.accounts.models import LoginFailure, ResetRequest

# Password-reset mails: at most this many an hour to one address, and from one client address.
RESET_LIMIT_PER_EMAIL = 3
RESET_LIMIT_PER_CLIENT = 10
RESET_WINDOW = timedelta(hours=1)


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


def reset_request_allowed(*, email: str, ip_address: str, now: datetime | None = None) -> bool:
    """Count one password-reset request; False when this address, or this client, asked too often
    within the hour. Requests for addresses no account has count the same, so the limit says
    nothing about which addresses exist."""
    now = now or timezone.now()
    email = email.strip().lower()
    since = now - RESET_WINDOW
    ResetRequest.objects.filter(requested_at__lte=since).delete()
    recent = ResetRequest.objects.filter(requested_at__gt=since)
    allowed = (
        recent.filter(email=email).count() < RESET_LIMIT_PER_EMAIL
        and recent.filter(ip_address=ip_address).count() < RESET_LIMIT_PER_CLIENT
    )
    ResetRequest.objects.create(email=email, ip_address=ip_address, requested_at=now)
    return allowed
