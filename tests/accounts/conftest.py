"""The digest tests' loopback SMTP server (aiosmtpd), used here for password-reset mail, and the
mail tests' Dovecot, for an IMAP sync."""

from __future__ import annotations

from tests.mail.conftest import dovecot
from tests.rhythm.conftest import mail_to, smtp_server

__all__ = ["dovecot", "mail_to", "smtp_server"]
