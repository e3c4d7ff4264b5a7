"""The contact list: search, circle filter, paging, and the live-search partial."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network import selectors, services
from goodwill.network.models import Contact
from tests.web.conftest import HTMX


def _names_on(response_html: str, *names: str) -> list[str]:
    return [name for name in names if name in response_html]


def test_the_list_shows_name_position_circle_and_last_touch(
    owner_client: Client, lori: Contact
) -> None:
    services.interaction_log(owner=lori.owner, contacts=[lori], kind="call", summary="Catch-up")

    html = owner_client.get(reverse("contact_list")).content.decode()

    assert "Lori Chen" in html
    assert "Art director at Northwind Design" in html
    assert "Network" in html
    assert "last touch now" in html
    assert reverse("contact_detail", args=[lori.pk]) in html


def test_search_finds_a_contact_by_name_organization_job_title_or_email(
    owner_client: Client, lori: Contact, sam: Contact
) -> None:
    for query in ("lori", "northwind", "art director", "lori@northwind.example"):
        html = owner_client.get(reverse("contact_list"), {"q": query}).content.decode()
        assert _names_on(html, "Lori Chen", "Sam Okafor") == ["Lori Chen"], query


def test_a_search_that_matches_nobody_says_so(owner_client: Client, lori: Contact) -> None:
    html = owner_client.get(reverse("contact_list"), {"q": "zebra"}).content.decode()

    assert "Lori Chen" not in html
    assert "Nobody matches" in html


def test_the_circle_filter_shows_only_that_circle(
    owner_client: Client, owner: User, lori: Contact, sam: Contact
) -> None:
    inner = selectors.circles_for_owner(owner=owner).get(name="Inner")
    services.contact_set_circle(contact=lori, circle=inner)

    html = owner_client.get(reverse("contact_list"), {"circle": inner.pk}).content.decode()

    assert _names_on(html, "Lori Chen", "Sam Okafor") == ["Lori Chen"]


def test_a_circle_filter_that_is_not_a_number_is_ignored(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.get(reverse("contact_list"), {"circle": "inner"})

    assert response.status_code == 200
    assert "Lori Chen" in response.content.decode()


def test_sixty_contacts_make_two_pages_of_fifty_and_ten(owner_client: Client, owner: User) -> None:
    for number in range(60):
        services.contact_create(owner=owner, full_name=f"Person {number:02}")

    first = owner_client.get(reverse("contact_list")).content.decode()
    second = owner_client.get(reverse("contact_list"), {"page": 2}).content.decode()

    assert "60 contacts" in first
    assert "Person 49" in first
    assert "Person 50" not in first
    assert "Page 1 of 2" in first
    assert "Next page" in first
    assert "Person 50" in second
    assert "Person 59" in second
    assert "Person 49" not in second
    assert "Page 2 of 2" in second


def test_paging_keeps_the_search(owner_client: Client, owner: User) -> None:
    for number in range(55):
        services.contact_create(owner=owner, full_name=f"Designer {number:02}")
    services.contact_create(owner=owner, full_name="Someone Else")

    html = owner_client.get(reverse("contact_list"), {"q": "designer"}).content.decode()

    assert "55 contacts" in html
    assert "?q=designer&amp;page=2" in html


def test_live_search_gets_only_the_results(owner_client: Client, lori: Contact) -> None:
    response = owner_client.get(reverse("contact_list"), {"q": "lori"}, headers=HTMX)

    html = response.content.decode()
    assert 'id="contact-results"' in html
    assert "Lori Chen" in html
    assert "<html" not in html
    assert 'role="search"' not in html
    assert "HX-Request" in response["Vary"]


def test_the_search_form_works_without_javascript(owner_client: Client) -> None:
    html = owner_client.get(reverse("contact_list")).content.decode()

    assert '<form method="get" action="/contacts/"' in html
    assert 'name="q"' in html
    assert 'name="circle"' in html
    assert 'hx-trigger="input changed delay:250ms, submit"' in html
