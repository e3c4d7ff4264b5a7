"""Today: the three sections, their inline actions, and the JSON twin."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Contact, Interaction, Loop
from goodwill.rhythm.models import DEFAULT_DAILY_LIMIT
from tests.web.conftest import HTMX


def test_today_shows_each_section_with_contact_title_and_reason(
    owner_client: Client, lori: Contact, lori_ask: Loop, sam: Contact, my_silent_ask: Loop
) -> None:
    response = owner_client.get(reverse("today"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Waiting on you" in html
    assert "Met with silence" in html
    assert "Drifting" in html
    assert "Intro to a product designer" in html
    assert "Lori Chen asked 2 days ago and has not heard back from you." in html
    assert "Would you review my proposal?" in html
    assert "no reply" in html
    assert "Reach out to Sam Okafor" in html
    assert reverse("contact_detail", args=[lori.pk]) in html
    assert reverse("loop_acknowledge", args=[lori_ask.pk]) in html
    assert reverse("loop_close", args=[my_silent_ask.pk]) in html
    assert "Log a touch" in html


def test_an_empty_today_says_all_is_clear(owner_client: Client) -> None:
    response = owner_client.get(reverse("today"))

    assert "All clear today" in response.content.decode()


def test_a_truncated_section_says_how_many_more(owner_client: Client, owner: User) -> None:
    long_ago = timezone.now() - timedelta(days=200)
    for number in range(DEFAULT_DAILY_LIMIT + 2):
        services.contact_create(owner=owner, full_name=f"Drifter {number:02}", created_at=long_ago)

    response = owner_client.get(reverse("today"))

    assert "and 2 more" in response.content.decode()


def test_acknowledging_from_today_removes_their_ask_and_redraws_only_today(
    owner_client: Client, lori_ask: Loop
) -> None:
    response = owner_client.post(
        reverse("loop_acknowledge", args=[lori_ask.pk]), {"return_to": "today"}, headers=HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="today"' in html
    assert "<html" not in html
    assert "Intro to a product designer" not in html
    lori_ask.refresh_from_db()
    assert lori_ask.status == Loop.Status.ACKNOWLEDGED


def test_closing_from_today_without_htmx_redirects_back_to_today(
    owner_client: Client, my_silent_ask: Loop
) -> None:
    response = owner_client.post(
        reverse("loop_close", args=[my_silent_ask.pk]),
        {"return_to": "today", "outcome": "dropped"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    my_silent_ask.refresh_from_db()
    assert my_silent_ask.outcome == Loop.Outcome.DROPPED
    assert (
        "Would you review my proposal?" not in owner_client.get(reverse("today")).content.decode()
    )


def test_your_open_promise_offers_close_but_not_acknowledge(
    owner_client: Client, lori: Contact
) -> None:
    promise = services.loop_open(
        contact=lori, kind=Loop.Kind.PROMISE, whose=Loop.Whose.MINE, summary="Send the deck"
    )

    html = owner_client.get(reverse("today")).content.decode()

    assert "Send the deck" in html
    assert reverse("loop_close", args=[promise.pk]) in html
    assert reverse("loop_acknowledge", args=[promise.pk]) not in html


def test_logging_a_touch_from_today_removes_the_drifting_contact(
    owner_client: Client, sam: Contact
) -> None:
    response = owner_client.post(
        reverse("contact_log_interaction", args=[sam.pk]),
        {"return_to": "today", "kind": "message", "summary": "Sent a quick hello"},
        headers=HTMX,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Reach out to Sam Okafor" not in html
    interaction = Interaction.objects.get(owner=sam.owner)
    assert interaction.summary == "Sent a quick hello"
    assert list(interaction.contacts.all()) == [sam]


def test_a_touch_without_a_summary_keeps_the_contact_and_says_why(
    owner_client: Client, sam: Contact
) -> None:
    response = owner_client.post(
        reverse("contact_log_interaction", args=[sam.pk]),
        {"return_to": "today", "kind": "message", "summary": ""},
        headers=HTMX,
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Reach out to Sam Okafor" in html
    assert "This field is required." in html
    assert not Interaction.objects.exists()


def test_a_plain_touch_from_today_redirects_to_today(owner_client: Client, sam: Contact) -> None:
    response = owner_client.post(
        reverse("contact_log_interaction", args=[sam.pk]),
        {"return_to": "today", "kind": "call", "summary": "Caught up by phone"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    sam.refresh_from_db()
    assert sam.last_touch_at is not None


def test_today_json_lists_the_same_items(
    owner_client: Client, lori_ask: Loop, sam: Contact, my_silent_ask: Loop
) -> None:
    response = owner_client.get(reverse("today_json"))

    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert [item["title"] for item in data["waiting_on_you"]] == ["Intro to a product designer"]
    assert [item["loop_id"] for item in data["silence"]] == [my_silent_ask.pk]
    assert [item["contact"] for item in data["drifting"]] == ["Sam Okafor"]
    assert data["totals"] == {"waiting_on_you": 1, "silence": 1, "follow_up": 0, "drifting": 1}


def test_the_today_page_has_the_navigation(owner_client: Client) -> None:
    html = owner_client.get(reverse("today")).content.decode()

    assert reverse("contact_list") in html
    assert "+ Add contact" in html
    assert "Sign out" in html
