"""Passwords are hashed with Argon2, and every page carries the Content-Security-Policy and the
usual security headers; cookies turn secure behind HTTPS."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import Client, override_settings
from django.urls import reverse

import goodwill.settings as production
from goodwill.network.services import user_create


@pytest.mark.django_db
def test_new_passwords_are_hashed_with_argon2() -> None:
    # The test settings swap in MD5 for speed; this checks the hashers Goodwill ships with.
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = user_create(username="carol", password="a long pass phrase")

        assert user.password.startswith("argon2$")
        assert authenticate(username="carol", password="a long pass phrase") == user


def test_pages_allow_scripts_and_styles_only_from_goodwill_itself(client: Client) -> None:
    response = client.get(reverse("login"))

    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_pages_refuse_framing_and_sniffing(client: Client) -> None:
    response = client.get(reverse("login"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_cookies_are_not_marked_secure_on_plain_http_by_default(client: Client) -> None:
    response = client.get(reverse("login"))

    assert not response.cookies["csrftoken"]["secure"]


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_secure_cookies_are_marked_secure(client: Client) -> None:
    response = client.get(reverse("login"))

    assert response.cookies["csrftoken"]["secure"]


def test_no_page_template_carries_an_inline_script_or_style() -> None:
    # The policy would refuse them, so they would silently stop working in the browser.
    from pathlib import Path

    import goodwill.web

    templates = Path(goodwill.web.__file__).parent / "templates"
    offenders = []
    for template in templates.rglob("*.html"):
        text = template.read_text()
        for bad in ("<script>", "<style", " style=", " onclick=", " onchange=", " onsubmit="):
            if bad in text:
                offenders.append(f"{template.name}: {bad.strip()}")
    assert offenders == []
