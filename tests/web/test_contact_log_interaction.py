"""Logging an interaction from a contact's page, with or without the loop it carried."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.network.models import Contact, Interaction, Loop
from tests.web.conftest import HTMX


def _url(contact: Contact) -> str:
    return reverse("contact_log_interaction", args=[contact.pk])


def test_coffee_with_an_ask_logs_the_interaction_and_opens_their_loop_in_one_go(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(
        _url(lori),
        {
            "kind": "meeting",
            "summary": "Coffee with Lori, she asked for an intro to a designer",
            "has_loop": "on",
            "loop_kind": "ask",
            "loop_whose": "theirs",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("contact_detail", args=[lori.pk]) + "#timeline"
    interaction = Interaction.objects.get(owner=lori.owner)
    loop = Loop.objects.get(owner=lori.owner)
    assert loop.interaction == interaction
    assert (loop.kind, loop.whose, loop.status) == ("ask", "theirs", "open")
    assert loop.summary == "Coffee with Lori, she asked for an intro to a designer"
    html = owner_client.get(response["Location"]).content.decode()
    assert "Their ask" in html
    today = owner_client.get(reverse("today")).content.decode()
    assert "Coffee with Lori, she asked for an intro to a designer" in today


def test_the_loop_can_have_its_own_words(owner_client: Client, lori: Contact) -> None:
    owner_client.post(
        _url(lori),
        {
            "kind": "call",
            "summary": "Quick call",
            "has_loop": "on",
            "loop_kind": "promise",
            "loop_whose": "mine",
            "loop_summary": "Send her the Figma file",
        },
    )

    loop = Loop.objects.get(owner=lori.owner)
    assert (loop.kind, loop.whose, loop.summary) == ("promise", "mine", "Send her the Figma file")


def test_without_the_box_ticked_no_loop_is_opened(owner_client: Client, lori: Contact) -> None:
    owner_client.post(_url(lori), {"kind": "email", "direction": "out", "summary": "Sent notes"})

    interaction = Interaction.objects.get(owner=lori.owner)
    assert interaction.direction == "out"
    assert not Loop.objects.exists()


def test_htmx_gets_the_timeline_with_the_header_and_loops_out_of_band(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(
        _url(lori),
        {"kind": "meeting", "summary": "Lunch", "has_loop": "on"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="timeline"')
    assert '<section id="contact-header" class="contact-header" hx-swap-oob="true">' in html
    assert 'id="loops" class="card" aria-labelledby="loops-title" hx-swap-oob="true"' in html
    assert "Lunch" in html
    assert "Their ask" in html


def test_a_past_date_is_kept_and_sets_the_last_touch(owner_client: Client, lori: Contact) -> None:
    day = timezone.localdate() - timedelta(days=10)

    owner_client.post(
        _url(lori), {"kind": "meeting", "summary": "Conference", "occurred_at": day.isoformat()}
    )

    lori.refresh_from_db()
    assert lori.last_touch_at is not None
    assert timezone.localtime(lori.last_touch_at).date() == day


def test_a_future_date_is_refused_next_to_the_date(owner_client: Client, lori: Contact) -> None:
    day = timezone.localdate() + timedelta(days=3)

    response = owner_client.post(
        _url(lori),
        {"kind": "meeting", "summary": "Planned", "occurred_at": day.isoformat()},
        headers=HTMX,
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="log-occurred_at_error"' in html
    assert "cannot be in the future" in html
    assert not Interaction.objects.exists()


def test_a_missing_summary_shows_the_error_on_the_whole_page_without_htmx(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(_url(lori), {"kind": "meeting", "summary": "", "has_loop": "on"})

    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" in html
    assert 'id="log-summary_error"' in html
    assert not Interaction.objects.exists()
    assert not Loop.objects.exists()


def test_an_unknown_kind_is_refused(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(_url(lori), {"kind": "telepathy", "summary": "Hmm"})

    assert response.status_code == 422
    assert 'id="log-kind_error"' in response.content.decode()
    assert not Interaction.objects.exists()
