"""Opening a loop from a contact's page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from goodwill.network.models import Contact, Loop
from tests.web.conftest import HTMX


def _url(contact: Contact) -> str:
    return reverse("contact_open_loop", args=[contact.pk])


def test_opening_their_ask_stores_it_and_shows_it(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(
        _url(lori), {"kind": "ask", "whose": "theirs", "summary": "Intro to a designer"}
    )

    assert response.status_code == 302
    loop = Loop.objects.get(owner=lori.owner)
    assert (loop.contact, loop.kind, loop.whose, loop.status) == (lori, "ask", "theirs", "open")
    assert loop.response_window_days == lori.circle.response_window_days
    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()
    assert "Their ask" in html
    assert "Intro to a designer" in html


def test_htmx_gets_only_the_loops_section(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(
        _url(lori),
        {"kind": "offer", "whose": "mine", "summary": "Review her portfolio"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="loops"')
    assert "<html" not in html
    assert "Your offer" in html
    assert "Review her portfolio" in html


def test_a_missing_summary_is_shown_next_to_it_and_opens_nothing(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(_url(lori), {"kind": "ask", "whose": "theirs", "summary": ""})

    assert response.status_code == 422
    assert 'id="loop-summary_error"' in response.content.decode()
    assert not Loop.objects.exists()


def test_a_loop_must_say_whose_it_is(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(
        _url(lori), {"kind": "ask", "whose": "nobody", "summary": "Something"}, headers=HTMX
    )

    assert response.status_code == 422
    assert 'id="loop-whose_error"' in response.content.decode()
    assert not Loop.objects.exists()
