"""Sign-in pauses for a username and address after five wrong passwords in fifteen minutes."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.accounts.models import LoginFailure
from tests.conftest import PASSWORD, Accounts

PAUSED = "Too many wrong passwords for this account from your address"


def _fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        response = client.post(reverse("login"), {"username": username, "password": "wrong"})
        assert "Please enter a correct username and password" in response.content.decode()


def test_the_sixth_try_is_refused_even_with_the_right_password(
    client: Client, accounts: Accounts
) -> None:
    _fail(client, "alice", 5)

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 200
    assert PAUSED in response.content.decode()
    assert "try again in 15 minutes" in response.content.decode()
    assert client.get(reverse("today")).status_code == 302


def test_the_pause_applies_whatever_case_the_username_is_typed_in(
    client: Client, accounts: Accounts
) -> None:
    _fail(client, "ALICE", 5)

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert PAUSED in response.content.decode()


def test_four_wrong_tries_still_let_the_right_password_in(
    client: Client, accounts: Accounts
) -> None:
    _fail(client, "alice", 4)

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username="alice").exists()


def test_another_username_is_unaffected(client: Client, accounts: Accounts) -> None:
    _fail(client, "alice", 5)

    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})

    assert response.status_code == 302


def test_the_same_username_from_another_address_is_unaffected(
    client: Client, accounts: Accounts
) -> None:
    _fail(client, "alice", 5)

    response = client.post(
        reverse("login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )

    assert response.status_code == 302


def test_sign_in_opens_again_once_the_failures_are_older_than_the_window(
    client: Client, accounts: Accounts
) -> None:
    _fail(client, "alice", 5)
    LoginFailure.objects.update(failed_at=timezone.now() - timedelta(minutes=16))

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
