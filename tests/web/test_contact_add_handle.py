"""Adding a way to reach a contact."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network import services
from goodwill.network.models import Contact, Handle
from tests.web.conftest import HTMX


def _url(contact: Contact) -> str:
    return reverse("contact_add_handle", args=[contact.pk])


def test_a_website_is_added_and_linked(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(
        _url(lori), {"kind": "website", "value": "https://www.lorichen.example/"}, headers=HTMX
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="handles"')
    assert 'href="https://lorichen.example"' in html
    assert lori.handles.filter(kind="website", normalized="lorichen.example").exists()


def test_a_plain_post_returns_to_the_contact_page(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(_url(lori), {"kind": "email", "value": "lori@home.example"})

    assert response.status_code == 302
    assert response["Location"].endswith("#handles")
    assert "lori@home.example" in owner_client.get(response["Location"]).content.decode()


def test_a_bad_address_is_refused_next_to_it(owner_client: Client, lori: Contact) -> None:
    count = Handle.objects.count()

    response = owner_client.post(_url(lori), {"kind": "email", "value": "lori at home"})

    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="handle-value_error"' in html
    assert "is not an email address" in html
    assert Handle.objects.count() == count


def test_a_handle_of_another_contact_is_refused_by_name(
    owner_client: Client, lori: Contact, sam: Contact
) -> None:
    response = owner_client.post(
        _url(lori), {"kind": "email", "value": "SAM@okafor.example"}, headers=HTMX
    )

    assert response.status_code == 422
    assert "already belongs to Sam Okafor" in response.content.decode()
    assert not lori.handles.filter(normalized="sam@okafor.example").exists()


def test_a_handle_the_stranger_uses_is_still_free_for_the_owner(
    owner_client: Client, lori: Contact, stranger: User
) -> None:
    services.contact_create(
        owner=stranger,
        full_name="Mallory's contact",
        handles=[("email", "shared@example.com")],
    )

    response = owner_client.post(_url(lori), {"kind": "email", "value": "shared@example.com"})

    assert response.status_code == 302
    assert lori.handles.filter(normalized="shared@example.com").exists()
