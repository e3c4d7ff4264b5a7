"""The digest tests' loopback SMTP server (aiosmtpd), used here for password-reset mail."""

from __future__ import annotations

from tests.rhythm.conftest import mail_to, smtp_server

__all__ = ["mail_to", "smtp_server"]
