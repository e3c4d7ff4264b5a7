"""Signing in and out."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, Accounts


def test_the_sign_in_page_has_labelled_fields(client: Client) -> None:
    html = client.get(reverse("login")).content.decode()

    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert ">Sign in</button>" in html


def test_signing_in_leads_to_today(client: Client, accounts: Accounts) -> None:
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    assert "Today" in client.get(reverse("today")).content.decode()


def test_signing_in_returns_to_the_page_asked_for(client: Client, accounts: Accounts) -> None:
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": PASSWORD, "next": reverse("contact_list")},
    )

    assert response["Location"] == reverse("contact_list")


def test_a_wrong_password_is_refused_with_a_reason(client: Client, accounts: Accounts) -> None:
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert client.get(reverse("today")).status_code == 302


def test_signing_out_ends_the_session(owner_client: Client) -> None:
    response = owner_client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert owner_client.get(reverse("today")).status_code == 302
