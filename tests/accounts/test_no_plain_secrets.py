"""No secret is kept in plain text in the database.

Each test uses features that handle a secret (a password typed at sign-in or reset, the calendar
feed's URL, an IMAP password, a reset link, an API token), then reads every text, JSON and binary
column of every model of every installed app (and each session's decoded data) and looks for the
secret.
A new model or column is covered without touching this file.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from goodwill.accounts.services import account_email_set
from goodwill.api.tokens import token_create, token_revoke
from tests.cli.conftest import invoke
from tests.conftest import PASSWORD, Accounts
from tests.mail.conftest import IMAP_PASSWORD, IMAP_USER, LORI, ME, Dovecot, days_ago, message
from tests.rhythm.conftest import SmtpServer

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
NEW_PASSWORD = "lantern over the quiet harbour"
IMAP_ENV = "GOODWILL_TEST_SECRET_IMAP_PASSWORD"


def _stored_text() -> dict[str, list[str]]:
    """Every value of every text-like column, as text, by "app.Model.field"."""
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            values = model._default_manager.values_list(field.attname, flat=True)
            found[f"{model._meta.label}.{field.name}"] = [
                bytes(value).decode("latin-1")
                if isinstance(value, bytes | memoryview)
                else str(value)
                for value in values
                if value is not None
            ]
    # Session data is signed, not encrypted: read what it says.
    found["sessions.Session.decoded"] = [
        str(session.get_decoded()) for session in Session.objects.all()
    ]
    return found


def _columns_holding(secret: str) -> list[str]:
    return [
        column
        for column, values in _stored_text().items()
        if any(secret in value for value in values)
    ]


def test_the_scan_finds_a_secret_that_is_stored(accounts: Accounts) -> None:
    # The scan itself must be able to fail: a value that is stored is found, in its column.
    account_email_set(user=accounts.owner, email="canary-1f9e@example.com")

    assert _columns_holding("canary-1f9e") == ["auth.User.email"]


def test_passwords_and_reset_links_are_not_stored(
    client: Client, accounts: Accounts, mail_to: SmtpServer, settings: Settings
) -> None:
    account_email_set(user=accounts.owner, email="alice@example.com")
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    client.post(reverse("logout"))
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    [mail] = mail_to.received()
    body = mail.get_payload(decode=True).decode()
    path = re.search(re.escape(settings.GOODWILL_BASE_URL) + r"(/password/reset/\S+/)", body)
    assert path
    link = path.group(1)
    token = link.rstrip("/").rsplit("/", 1)[1]
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert client.login(username="alice", password=NEW_PASSWORD)

    for secret in (PASSWORD, NEW_PASSWORD, token):
        assert _columns_holding(secret) == [], secret
    assert User.objects.get(username="alice").password.startswith(("argon2", "md5"))


def test_the_calendar_feeds_secret_url_is_not_stored(owner_client: Client) -> None:
    page = owner_client.post(reverse("calendar_feed_create")).content.decode()
    match = re.search(r"/calendar/([A-Za-z0-9_-]{20,})\.ics", page)
    assert match, "the new calendar URL is shown once"
    token = match.group(1)
    assert owner_client.get(f"/calendar/{token}.ics").status_code == 200

    assert _columns_holding(token) == []


def test_an_imap_password_from_the_environment_is_not_stored(
    accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(IMAP_ENV, "imap-secret-Zq81-never-stored")
    result = invoke(
        "imap", "add", "work", "--host", "127.0.0.1", "--port", "1143", "--security", "none",
        "--username", "alice", "--password-env", IMAP_ENV, "--no-check", "--user", "alice",
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    assert _columns_holding("imap-secret-Zq81-never-stored") == []
    assert _columns_holding(IMAP_ENV) == ["mail.MailAccount.password_env"]


def test_an_imap_sync_stores_mail_but_not_the_password(
    accounts: Accounts, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(IMAP_ENV, IMAP_PASSWORD)
    dovecot.append(
        "INBOX",
        message(sender=f"Lori Chen <{LORI}>", to=ME, body="Hello", date=days_ago(2)),
    )
    added = invoke(
        "imap", "add", "work", "--host", dovecot.host, "--port", str(dovecot.port),
        "--security", "none", "--username", IMAP_USER, "--password-env", IMAP_ENV,
        "--me", ME, "--user", "alice",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    synced = invoke("sync", "imap", "--user", "alice")
    assert synced.exit_code == 0, synced.output

    assert _columns_holding(f"Lori Chen <{LORI}>") or _columns_holding(LORI)
    assert _columns_holding(IMAP_PASSWORD) == []


def test_an_api_tokens_secret_is_not_stored(accounts: Accounts) -> None:
    token, secret = token_create(owner=accounts.owner, name="script", scope="read-write")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v1/contacts").status_code == 200
    token_revoke(token=token)

    assert _columns_holding(secret) == []
    assert _columns_holding(secret[: len(token.prefix)]) == ["api.ApiToken.prefix"]
