"""Writes need the CSRF token, whether they come from a form or from htmx."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from goodwill.network.models import Contact, Interaction
from tests.conftest import PASSWORD


def _signed_in_strict_client(username: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_post_without_the_token_is_refused_and_changes_nothing(lori: Contact) -> None:
    client = _signed_in_strict_client("alice")

    response = client.post(
        reverse("contact_log_interaction", args=[lori.pk]), {"kind": "call", "summary": "Hi"}
    )

    assert response.status_code == 403
    assert not Interaction.objects.exists()


def test_htmx_sends_the_token_in_a_header_and_is_accepted(lori: Contact) -> None:
    client = _signed_in_strict_client("alice")
    html = client.get(reverse("contact_detail", args=[lori.pk])).content.decode()
    token = client.cookies["csrftoken"].value
    assert 'hx-headers=\'{"X-CSRFToken": "' in html

    response = client.post(
        reverse("contact_log_interaction", args=[lori.pk]),
        {"kind": "call", "summary": "Hi"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )

    assert response.status_code == 200
    assert Interaction.objects.filter(summary="Hi").exists()
