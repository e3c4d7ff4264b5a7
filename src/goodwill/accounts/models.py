"""Rows kept so that throttling holds across web processes and restarts: wrong passwords and
password-reset requests."""

from __future__ import annotations

from django.db import models


class LoginFailure(models.Model):
    """A sign-in that failed: the username typed (which may name no account) and the address."""

    # Kept as typed, lower-cased, not as a foreign key: guessing at names that do not exist must
    # be throttled too, and must not reveal which names exist.
    username = models.CharField(max_length=150)
    ip_address = models.CharField(max_length=45)
    failed_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "ip_address", "failed_at"])]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.failed_at:%Y-%m-%d %H:%M}"


class ResetRequest(models.Model):
    """A password-reset mail asked for: the address typed (which may name no account) and the
    client's address, so that nobody can make Goodwill mail someone over and over."""

    email = models.CharField(max_length=254)
    ip_address = models.CharField(max_length=45)
    requested_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["email", "requested_at"]),
            models.Index(fields=["ip_address", "requested_at"]),
        ]

    def __str__(self) -> str:
        return (
            f"reset for {self.email} from {self.ip_address} at {self.requested_at:%Y-%m-%d %H:%M}"
        )
