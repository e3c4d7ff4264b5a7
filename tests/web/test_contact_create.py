"""Adding a contact: the form, where it leads, and how it refuses bad input."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network import selectors
from goodwill.network.models import Contact, Handle


def _form(owner: User, **overrides: str) -> dict[str, object]:
    network = selectors.circles_for_owner(owner=owner).get(name="Network")
    data: dict[str, object] = {
        "full_name": "Ada Byron",
        "organization_name": "Analytical Engines",
        "position": "Programmer",
        "circle": network.pk,
        "email": "ada@engines.example",
        "phone": "+44 20 7946 0000",
        "linkedin": "https://www.linkedin.com/in/ada-byron/",
        "notes": "Met at the difference-engine meetup.",
    }
    data.update(overrides)
    return data


def test_the_form_offers_every_field_with_a_label(owner_client: Client) -> None:
    html = owner_client.get(reverse("contact_create")).content.decode()

    for label in ("Name", "Organization", "Job title", "Circle", "Email", "Phone", "LinkedIn URL"):
        assert f">{label}</label>" in html, label
    assert '<option value="' in html
    assert "Network</option>" in html


def test_adding_a_contact_stores_it_with_handles_and_opens_its_page(
    owner_client: Client, owner: User
) -> None:
    response = owner_client.post(reverse("contact_create"), _form(owner))

    contact = Contact.objects.get(owner=owner, full_name="Ada Byron")
    assert response.status_code == 302
    assert response["Location"] == reverse("contact_detail", args=[contact.pk])
    assert contact.organization is not None
    assert contact.organization.name == "Analytical Engines"
    assert sorted(contact.handles.values_list("kind", "normalized")) == [
        ("email", "ada@engines.example"),
        ("linkedin", "linkedin.com/in/ada-byron"),
        ("phone", "+442079460000"),
    ]
    page = owner_client.get(response["Location"]).content.decode()
    assert "Ada Byron" in page
    assert "Programmer at Analytical Engines" in page
    assert "Met at the difference-engine meetup." in page


def test_a_missing_name_is_shown_next_to_the_name_and_adds_nothing(
    owner_client: Client, owner: User
) -> None:
    response = owner_client.post(reverse("contact_create"), _form(owner, full_name=""))

    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_full_name_error"' in html
    assert "This field is required." in html
    assert not Contact.objects.filter(owner=owner).exists()


def test_a_bad_email_is_shown_next_to_the_email_and_adds_nothing(
    owner_client: Client, owner: User
) -> None:
    response = owner_client.post(reverse("contact_create"), _form(owner, email="not-an-address"))

    assert response.status_code == 422
    html = response.content.decode()
    assert "is not an email address" in html
    assert 'id="id_email_error"' in html
    assert not Contact.objects.filter(owner=owner).exists()
    assert not Handle.objects.filter(owner=owner).exists()


def test_an_email_another_contact_has_is_refused_by_name(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    response = owner_client.post(
        reverse("contact_create"), _form(owner, email="lori@northwind.example")
    )

    assert response.status_code == 422
    assert "already belongs to Lori Chen" in response.content.decode()
    assert list(Contact.objects.filter(owner=owner)) == [lori]


def test_a_bad_linkedin_url_is_shown_next_to_it(owner_client: Client, owner: User) -> None:
    response = owner_client.post(
        reverse("contact_create"), _form(owner, linkedin="https://example.com/ada")
    )

    html = response.content.decode()
    assert 'id="id_linkedin_error"' in html
    assert "is not a LinkedIn profile URL" in html


def test_a_circle_of_another_account_is_refused(
    owner_client: Client, owner: User, stranger: User
) -> None:
    foreign = selectors.circles_for_owner(owner=stranger).get(name="Inner")

    response = owner_client.post(reverse("contact_create"), _form(owner, circle=str(foreign.pk)))

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not Contact.objects.filter(owner=owner).exists()
