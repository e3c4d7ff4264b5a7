"""Editing a contact's details and notes."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from goodwill.network.models import Contact


def test_the_edit_form_starts_from_the_stored_details(owner_client: Client, lori: Contact) -> None:
    html = owner_client.get(reverse("contact_edit", args=[lori.pk])).content.decode()

    assert 'value="Lori Chen"' in html
    assert 'value="Northwind Design"' in html
    assert 'value="Art director"' in html
    assert ">Save changes</button>" in html


def test_saving_changes_the_contact_and_returns_to_its_page(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(
        reverse("contact_edit", args=[lori.pk]),
        {
            "full_name": "Lori Chen-Park",
            "organization_name": "Contoso Studio",
            "position": "Creative director",
            "notes": "Moved to Contoso in May.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("contact_detail", args=[lori.pk])
    html = owner_client.get(response["Location"]).content.decode()
    assert "Lori Chen-Park" in html
    assert "Creative director at Contoso Studio" in html
    assert "Moved to Contoso in May." in html


def test_a_blank_name_is_refused_next_to_the_name_and_changes_nothing(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(
        reverse("contact_edit", args=[lori.pk]),
        {"full_name": "  ", "organization_name": "Elsewhere", "position": "", "notes": ""},
    )

    assert response.status_code == 422
    assert 'id="id_full_name_error"' in response.content.decode()
    lori.refresh_from_db()
    assert lori.full_name == "Lori Chen"
    assert lori.organization is not None
    assert lori.organization.name == "Northwind Design"
