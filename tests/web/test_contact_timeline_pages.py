"""The contact page's timeline, 20 interactions a page, newest first, with links back and forth."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Contact


@pytest.fixture
def history(lori: Contact) -> Contact:
    now = timezone.now()
    for number in range(45):
        services.interaction_log(
            owner=lori.owner,
            contacts=[lori],
            kind="call",
            summary=f"Call number {number:02}",
            occurred_at=now - timedelta(days=number),
        )
    return lori


def _page(client: Client, contact: Contact, query: str = "") -> str:
    response = client.get(reverse("contact_detail", args=[contact.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _calls(html: str) -> list[str]:
    return [f"Call number {n:02}" for n in range(45) if f"Call number {n:02}<" in html]


def test_the_first_page_shows_the_newest_twenty_and_links_to_older(
    owner_client: Client, history: Contact
) -> None:
    html = _page(owner_client, history)

    assert _calls(html) == [f"Call number {n:02}" for n in range(20)]
    assert "?timeline=2#timeline" in html
    assert 'rel="prev"' not in html


def test_older_pages_go_back_in_time_until_nothing_is_left(
    owner_client: Client, history: Contact
) -> None:
    second = _page(owner_client, history, "?timeline=2")
    third = _page(owner_client, history, "?timeline=3")
    past_the_end = _page(owner_client, history, "?timeline=4")

    assert _calls(second) == [f"Call number {n:02}" for n in range(20, 40)]
    assert "?timeline=1#timeline" in second
    assert "?timeline=3#timeline" in second
    assert _calls(third) == [f"Call number {n:02}" for n in range(40, 45)]
    assert 'rel="next"' not in third
    assert _calls(past_the_end) == []
    assert "No older interactions." in past_the_end


@pytest.mark.parametrize(
    "query", ["?timeline=abc", "?timeline=-2", "?timeline=0", "?timeline=9" * 9]
)
def test_a_page_number_that_is_not_one_shows_the_newest(
    owner_client: Client, history: Contact, query: str
) -> None:
    assert _calls(_page(owner_client, history, query)) == [f"Call number {n:02}" for n in range(20)]


def test_another_accounts_timeline_pages_are_not_found(
    stranger_client: Client, history: Contact
) -> None:
    url = reverse("contact_detail", args=[history.pk]) + "?timeline=2"

    assert stranger_client.get(url).status_code == 404
