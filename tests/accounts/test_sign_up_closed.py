"""Sign-up is closed: no page makes an account; the admin creates them with `goodwill adduser`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import Accounts


def _url_names(patterns: list[URLPattern | URLResolver]) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _url_names(pattern.url_patterns)
        elif pattern.name:
            names.add(pattern.name)
    return names


def test_no_url_is_a_sign_up_page() -> None:
    names = _url_names(get_resolver().url_patterns)

    assert "login" in names
    assert not [name for name in names if "signup" in name or "register" in name]


@pytest.mark.parametrize(
    "path", ["/signup/", "/register/", "/accounts/signup/", "/accounts/register/", "/join/"]
)
def test_posting_to_a_sign_up_address_makes_no_account(
    client: Client, accounts: Accounts, path: str
) -> None:
    before = User.objects.count()

    response = client.post(path, {"username": "eve", "password1": "x" * 20, "email": "e@x.io"})

    assert response.status_code == 404
    assert User.objects.count() == before


def test_the_sign_in_page_offers_no_sign_up(client: Client) -> None:
    html = client.get("/login/").content.decode().lower()

    assert "sign up" not in html
    assert "create an account" not in html
