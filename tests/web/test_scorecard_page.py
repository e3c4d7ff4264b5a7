"""The scorecard overall and on a contact's page, both ways."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Contact


def _ask(contact: Contact, whose: str, *, days_ago: int, acknowledged_after: int | None) -> None:
    opened = timezone.now() - timedelta(days=days_ago)
    loop = services.loop_open(
        contact=contact, kind="ask", whose=whose, summary="An ask", opened_at=opened,
        response_window_days=3,
    )  # fmt: skip
    if acknowledged_after is not None:
        services.loop_acknowledge(loop=loop, at=opened + timedelta(days=acknowledged_after))


def test_the_scorecard_page_shows_both_ways_overall_and_contact_by_contact(
    owner_client: Client, lori: Contact, sam: Contact
) -> None:
    _ask(lori, "theirs", days_ago=20, acknowledged_after=2)
    _ask(sam, "theirs", days_ago=20, acknowledged_after=None)  # ignored by you
    _ask(sam, "mine", days_ago=20, acknowledged_after=1)
    html = owner_client.get(reverse("scorecard_page")).content.decode()
    assert "You acknowledged 1 of 2 asks (50%) in a median of 2 days." in html
    assert "1 ask still waits for you." in html
    assert "Your contacts acknowledged 1 of 1 ask (100%) in a median of 1 day." in html
    # Sam, who waits on you, comes before Lori.
    assert html.index(">Sam Okafor</a>") < html.index(">Lori Chen</a>")
    assert "1 of 1 (100%)" in html


def test_the_contact_page_shows_the_scorecard_with_them(
    owner_client: Client, lori: Contact
) -> None:
    _ask(lori, "mine", days_ago=20, acknowledged_after=None)  # met with silence
    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()
    section = html[html.index('id="contact-scorecard"') :]
    assert "Lori Chen acknowledged 0 of 1 ask (0%)." in section
    assert "No asks of you and no promises of yours yet." in section


def test_an_empty_scorecard_says_so(owner_client: Client, owner: User) -> None:
    html = owner_client.get(reverse("scorecard_page")).content.decode()
    assert "No asks or promises either way yet." in html


def test_the_habits_page_links_the_scorecard(owner_client: Client) -> None:
    html = owner_client.get(reverse("habits_page")).content.decode()
    assert f'href="{reverse("scorecard_page")}"' in html


def test_a_stranger_sees_none_of_the_owners_scorecard(
    stranger_client: Client, lori: Contact
) -> None:
    _ask(lori, "theirs", days_ago=20, acknowledged_after=2)
    html = stranger_client.get(reverse("scorecard_page")).content.decode()
    assert "Lori" not in html
    assert "No asks or promises either way yet." in html
