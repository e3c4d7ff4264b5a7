"""A contact's page shows everything known about them, each part in its own section."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.network import selectors, services
from goodwill.network.models import Contact, Loop


def test_the_header_shows_position_circle_cadence_and_dates(
    owner_client: Client, lori: Contact
) -> None:
    services.interaction_log(
        owner=lori.owner,
        contacts=[lori],
        kind="meeting",
        summary="Coffee",
        occurred_at=timezone.now() - timedelta(days=3),
    )
    lori.refresh_from_db()

    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()

    assert "<h1>Lori Chen</h1>" in html
    assert "Art director at Northwind Design" in html
    assert "Network ·" in html
    assert "every 90 days" in html
    assert "3\xa0days ago" in html
    assert lori.touch_due_at is not None
    assert f"{lori.touch_due_at.day} {lori.touch_due_at:%b %Y}" in html


def test_the_page_shows_handles_notes_timeline_loops_and_gives(
    owner_client: Client, owner: User, lori: Contact, sam: Contact
) -> None:
    services.contact_update(
        contact=lori,
        full_name="Lori Chen",
        organization_name="Northwind Design",
        position="Art director",
        notes="Prefers mornings.",
    )
    services.interaction_log(
        owner=owner, contacts=[lori, sam], kind="event", summary="Design meetup panel"
    )
    services.loop_open(contact=lori, kind="offer", whose="theirs", summary="Happy to review")
    closed = services.loop_open(contact=lori, kind="ask", whose="mine", summary="Any leads?")
    services.loop_close(loop=closed, outcome="declined")
    services.give_record(contact=lori, kind="introduction", direction="out", summary="Met Kim")
    services.give_record(contact=lori, kind="advice", direction="in", summary="Pricing tips")

    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()

    assert "Lori@Northwind.example" in html
    assert "mailto:lori@northwind.example" in html
    assert "Prefers mornings." in html
    assert "Design meetup panel" in html
    assert "Sam Okafor" in html  # the other participant
    assert "Their offer" in html
    assert "Happy to review" in html
    assert "Your ask" in html
    assert "Closed: declined" in html
    assert "You gave <strong>1</strong>" in html
    assert "you received <strong>1</strong>" in html
    assert "introduction: Met Kim" in html
    assert "advice: Pricing tips" in html


def test_open_loops_come_before_closed_ones_and_only_they_have_actions(
    owner_client: Client, lori: Contact
) -> None:
    done = services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Older ask")
    services.loop_close(loop=done, outcome="done")
    still_open = services.loop_open(
        contact=lori,
        kind="ask",
        whose="theirs",
        summary="Newer ask",
        opened_at=timezone.now() - timedelta(days=1),
    )

    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()

    assert html.index("Newer ask") < html.index("Older ask")
    assert reverse("loop_acknowledge", args=[still_open.pk]) in html
    assert reverse("loop_close", args=[done.pk]) not in html


def test_an_acknowledged_loop_can_be_closed_but_not_acknowledged_again(
    owner_client: Client, lori_ask: Loop
) -> None:
    services.loop_acknowledge(loop=lori_ask)

    html = owner_client.get(reverse("contact_detail", args=[lori_ask.contact_id])).content.decode()

    assert "Acknowledged since" in html
    assert reverse("loop_close", args=[lori_ask.pk]) in html
    assert reverse("loop_acknowledge", args=[lori_ask.pk]) not in html


def test_every_inline_form_is_labelled_for_people_and_tests(
    owner_client: Client, lori: Contact
) -> None:
    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()

    for form in ("Log an interaction", "Open a loop", "Record a give", "Change circle"):
        assert f'aria-label="{form}"' in html
    for control in ("log-summary", "log-has_loop", "loop-summary", "give-summary", "handle-value"):
        assert f'<label for="{control}"' in html
    for button in ("Log interaction", "Open loop", "Record give", "Save circle", "Add handle"):
        assert f">{button}</button>" in html


def test_a_contact_in_the_dormant_circle_is_never_due(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    dormant = selectors.circles_for_owner(owner=owner).get(name="Dormant")
    services.contact_set_circle(contact=lori, circle=dormant)

    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()

    assert "Dormant · no reminders" in " ".join(html.split())


def test_an_unknown_contact_is_not_found(owner_client: Client) -> None:
    assert owner_client.get(reverse("contact_detail", args=[999999])).status_code == 404


def test_your_own_promise_can_be_closed_but_not_acknowledged(
    owner_client: Client, lori: Contact
) -> None:
    promise = services.loop_open(
        contact=lori, kind="promise", whose="mine", summary="Send the pricing template"
    )

    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()

    assert "Your promise" in html
    assert reverse("loop_close", args=[promise.pk]) in html
    assert reverse("loop_acknowledge", args=[promise.pk]) not in html
