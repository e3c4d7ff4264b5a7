"""Acknowledging and closing a loop from a contact's page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from goodwill.network import services
from goodwill.network.models import Loop
from tests.web.conftest import HTMX


def test_acknowledging_moves_the_loop_on_and_returns_to_the_loops(
    owner_client: Client, lori_ask: Loop
) -> None:
    response = owner_client.post(reverse("loop_acknowledge", args=[lori_ask.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("contact_detail", args=[lori_ask.contact_id]) + "#loops"
    lori_ask.refresh_from_db()
    assert lori_ask.status == Loop.Status.ACKNOWLEDGED
    assert lori_ask.acknowledged_at is not None


def test_acknowledging_with_htmx_redraws_the_loops_section(
    owner_client: Client, lori_ask: Loop
) -> None:
    response = owner_client.post(reverse("loop_acknowledge", args=[lori_ask.pk]), headers=HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="loops"')
    assert "Acknowledged since" in html


def test_closing_records_the_outcome_and_shows_it(owner_client: Client, lori_ask: Loop) -> None:
    response = owner_client.post(
        reverse("loop_close", args=[lori_ask.pk]), {"outcome": "done"}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Closed: done" in response.content.decode()
    lori_ask.refresh_from_db()
    assert (lori_ask.status, lori_ask.outcome) == (Loop.Status.CLOSED, Loop.Outcome.DONE)


def test_closing_without_an_outcome_says_so_and_changes_nothing(
    owner_client: Client, lori_ask: Loop
) -> None:
    response = owner_client.post(reverse("loop_close", args=[lori_ask.pk]), headers=HTMX)

    assert response.status_code == 422
    assert "Say whether it was done, declined or dropped." in response.content.decode()
    lori_ask.refresh_from_db()
    assert lori_ask.status == Loop.Status.OPEN


def test_acknowledging_twice_is_refused_in_words_on_the_contact_page(
    owner_client: Client, lori_ask: Loop
) -> None:
    services.loop_acknowledge(loop=lori_ask)

    response = owner_client.post(reverse("loop_acknowledge", args=[lori_ask.pk]), follow=True)

    assert "This loop is already Acknowledged." in response.content.decode()


def test_closing_a_closed_loop_is_refused_and_keeps_the_first_outcome(
    owner_client: Client, lori_ask: Loop
) -> None:
    services.loop_close(loop=lori_ask, outcome="declined")

    response = owner_client.post(
        reverse("loop_close", args=[lori_ask.pk]), {"outcome": "done"}, headers=HTMX
    )

    assert response.status_code == 422
    assert "This loop is already closed." in response.content.decode()
    lori_ask.refresh_from_db()
    assert lori_ask.outcome == Loop.Outcome.DECLINED


def test_loop_actions_accept_only_post(owner_client: Client, lori_ask: Loop) -> None:
    for name in ("loop_acknowledge", "loop_close"):
        assert owner_client.get(reverse(name, args=[lori_ask.pk])).status_code == 405
    lori_ask.refresh_from_db()
    assert lori_ask.status == Loop.Status.OPEN
