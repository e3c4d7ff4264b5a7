"""API tokens: shown once, kept only as a hash, scoped, revocable, and the only way in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.api import tokens
from goodwill.api.models import ApiToken
from goodwill.network.models import Contact
from tests.cli.conftest import invoke

CONTACTS = "/api/v1/contacts"


def _bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_the_secret_is_stored_nowhere_in_the_token_row(owner: User) -> None:
    token, secret = tokens.token_create(owner=owner, name="backup script", scope="read-write")

    row = ApiToken.objects.filter(pk=token.pk).values().get()
    stored = " ".join(str(value) for value in row.values())
    assert secret not in stored
    assert secret[len(token.prefix) :] not in stored
    assert row["key_hash"] == tokens.token_hash(secret)
    assert secret.startswith(row["prefix"])
    assert len(row["prefix"]) <= 9


def test_two_tokens_never_share_a_secret(owner: User) -> None:
    secrets = {tokens.token_create(owner=owner, name=f"t{n}", scope="read")[1] for n in range(20)}

    assert len(secrets) == 20


def test_a_request_without_a_token_is_refused_with_a_json_error(lori: Contact) -> None:
    for headers in ({}, {"Authorization": "Bearer gw_not-a-real-token"}, {"Authorization": "x"}):
        response = Client(headers=headers).get(CONTACTS)

        assert response.status_code == 401
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert "valid API token" in response.json()["detail"]
        assert "Lori" not in response.content.decode()


def test_a_signed_in_browser_session_is_not_a_token(owner_client: Client, lori: Contact) -> None:
    response = owner_client.get(CONTACTS)

    assert response.status_code == 401


def test_a_read_token_reads_but_every_write_is_forbidden_and_changes_nothing(
    owner: User, lori: Contact
) -> None:
    _, secret = tokens.token_create(owner=owner, name="dashboard", scope="read")
    client = _bearer(secret)

    assert client.get(f"{CONTACTS}/{lori.pk}").json()["full_name"] == "Lori Chen"
    attempts = [
        client.post(CONTACTS, {"full_name": "Mallory"}, content_type="application/json"),
        client.patch(
            f"{CONTACTS}/{lori.pk}", {"full_name": "Renamed"}, content_type="application/json"
        ),
        client.delete(f"{CONTACTS}/{lori.pk}"),
    ]

    for response in attempts:
        assert response.status_code == 403
        assert "read-write" in response.json()["detail"]
    assert list(Contact.objects.values_list("full_name", flat=True)) == ["Lori Chen"]


def test_a_revoked_token_is_refused_from_then_on(owner: User, lori: Contact) -> None:
    token, secret = tokens.token_create(owner=owner, name="old laptop", scope="read-write")
    client = _bearer(secret)
    assert client.get(CONTACTS).status_code == 200

    tokens.token_revoke(token=token)

    assert client.get(CONTACTS).status_code == 401
    assert client.delete(f"{CONTACTS}/{lori.pk}").status_code == 401
    assert Contact.objects.filter(pk=lori.pk).exists()


def test_a_token_of_a_deactivated_account_is_refused(owner: User, lori: Contact) -> None:
    _, secret = tokens.token_create(owner=owner, name="sync", scope="read")
    owner.is_active = False
    owner.save()

    assert _bearer(secret).get(CONTACTS).status_code == 401


def test_using_a_token_notes_when_it_was_last_used(owner: User) -> None:
    token, secret = tokens.token_create(owner=owner, name="sync", scope="read")
    assert token.last_used_at is None

    _bearer(secret).get(CONTACTS)

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_a_token_needs_a_name_and_a_known_scope(owner: User) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="name"):
        tokens.token_create(owner=owner, name="  ", scope="read")
    with pytest.raises(ValidationError, match="admin"):
        tokens.token_create(owner=owner, name="x", scope="admin")
    assert not ApiToken.objects.exists()


# The terminal


def test_tokens_create_prints_the_secret_once_and_it_works(owner: User, lori: Contact) -> None:
    result = invoke("tokens", "create", "--name", "backup", "--scope", "read", "--user", "alice")

    assert result.exit_code == 0, result.output
    secret = next(line for line in result.output.splitlines() if line.startswith("gw_"))
    assert _bearer(secret).get(CONTACTS).json()["count"] == 1
    token = ApiToken.objects.get()
    assert (token.owner, token.name, token.scope) == (owner, "backup", "read")

    listing = invoke("tokens", "list", "--user", "alice")
    assert token.prefix in listing.output
    assert "backup" in listing.output
    assert secret not in listing.output


def test_tokens_revoke_stops_the_token(owner: User, lori: Contact) -> None:
    token, secret = tokens.token_create(owner=owner, name="old", scope="read-write")

    result = invoke("tokens", "revoke", str(token.pk), "--user", "alice")

    assert result.exit_code == 0, result.output
    assert "Revoked" in result.output
    assert _bearer(secret).get(CONTACTS).status_code == 401
    assert "revoked" in invoke("tokens", "list", "--user", "alice").output


def test_tokens_revoke_refuses_another_accounts_token(owner: User, stranger: User) -> None:
    token, _ = tokens.token_create(owner=owner, name="owner's", scope="read")

    result = invoke("tokens", "revoke", str(token.pk), "--user", "mallory")

    assert result.exit_code == 2
    assert "mallory has no API token" in result.output
    token.refresh_from_db()
    assert token.revoked_at is None


def test_tokens_create_with_a_bad_scope_is_one_line_and_status_2(owner: User) -> None:
    result = invoke("tokens", "create", "--name", "x", "--scope", "admin", "--user", "alice")

    assert result.exit_code == 2
    assert not ApiToken.objects.exists()


# The settings page


def test_the_page_shows_a_new_secret_once_then_only_its_prefix(
    owner_client: Client, owner: User
) -> None:
    made = owner_client.post(reverse("api_tokens"), {"name": "Zapier", "scope": "read-write"})

    token = ApiToken.objects.get(owner=owner)
    html = made.content.decode()
    secret = html.split('aria-label="The new token"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert tokens.token_hash(secret) == token.key_hash
    assert token.scope == "read-write"
    later = owner_client.get(reverse("api_tokens")).content.decode()
    assert secret not in later
    assert token.prefix in later
    assert "Zapier" in later


def test_the_page_refuses_a_token_without_a_name(owner_client: Client) -> None:
    response = owner_client.post(reverse("api_tokens"), {"name": "", "scope": "read"})

    assert response.status_code == 422
    assert not ApiToken.objects.exists()


def test_revoking_from_the_page_stops_the_token(owner_client: Client, owner: User) -> None:
    token, secret = tokens.token_create(owner=owner, name="phone", scope="read")

    response = owner_client.post(reverse("api_token_revoke", args=[token.pk]), follow=True)

    assert "no longer works" in response.content.decode()
    assert _bearer(secret).get(CONTACTS).status_code == 401


def test_the_page_lists_only_the_accounts_own_tokens(owner_client: Client, stranger: User) -> None:
    tokens.token_create(owner=stranger, name="Mallory's secret script", scope="read")

    html = owner_client.get(reverse("api_tokens")).content.decode()

    assert "Mallory" not in html
    assert "No tokens yet" in html
