"""Recording a give, either way, and the balance that follows."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from goodwill.network.models import Contact, Give
from tests.web.conftest import HTMX


def _url(contact: Contact) -> str:
    return reverse("contact_record_give", args=[contact.pk])


def test_a_give_is_stored_and_the_balance_counts_it(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(
        _url(lori), {"kind": "introduction", "direction": "out", "summary": "Introduced Kim"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#gives")
    give = Give.objects.get(owner=lori.owner)
    assert (give.contact, give.kind, give.direction) == (lori, "introduction", "out")
    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()
    assert "You gave <strong>1</strong>" in html
    assert "introduction: Introduced Kim" in html


def test_htmx_gets_the_gives_section_with_the_new_balance(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(
        _url(lori), {"kind": "advice", "direction": "in", "summary": "Pricing tips"}, headers=HTMX
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="gives"')
    assert "you received <strong>1</strong>" in html
    assert "You received" in html
    assert "Pricing tips" in html


def test_a_give_needs_a_summary(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(_url(lori), {"kind": "help", "direction": "out", "summary": ""})

    assert response.status_code == 422
    assert 'id="give-summary_error"' in response.content.decode()
    assert not Give.objects.exists()


def test_a_give_flows_one_way_only(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(
        _url(lori), {"kind": "help", "direction": "both", "summary": "Mutual help"}, headers=HTMX
    )

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not Give.objects.exists()
