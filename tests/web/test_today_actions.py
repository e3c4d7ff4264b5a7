"""Done, snooze, dismiss and "log what happened" on Today's items, inline."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Contact, Loop
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.models import TodayDecision
from tests.web.conftest import HTMX


def test_each_item_offers_done_snooze_dismiss_and_log_what_happened(
    owner_client: Client, lori_ask: Loop, sam: Contact
) -> None:
    html = owner_client.get(reverse("today")).content.decode()

    assert reverse("today_loop_action", args=[lori_ask.pk]) in html
    assert reverse("today_contact_action", args=[sam.pk]) in html
    for label in ("Done", "Snooze", "Dismiss", "Log what happened", "Log a touch"):
        assert label in html
    assert "Your 7 for today" in html


def test_done_on_their_ask_closes_it_and_redraws_today(
    owner_client: Client, lori_ask: Loop
) -> None:
    response = owner_client.post(
        reverse("today_loop_action", args=[lori_ask.pk]), {"action": "done"}, headers=HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="today"')
    assert "Intro to a product designer" not in html
    assert "You did 1 thing for your network today." in html
    lori_ask.refresh_from_db()
    assert lori_ask.outcome == Loop.Outcome.DONE


def test_snoozing_a_drifting_contact_for_a_week(owner_client: Client, sam: Contact) -> None:
    response = owner_client.post(
        reverse("today_contact_action", args=[sam.pk]), {"action": "snooze", "snooze_days": "7"}
    )

    assert response.status_code == 302
    sam.refresh_from_db()
    assert sam.snoozed_until is not None
    assert timezone.localdate(sam.snoozed_until) == timezone.localdate() + timedelta(days=7)
    assert "Reach out to Sam Okafor" not in owner_client.get(reverse("today")).content.decode()


def test_a_snooze_of_no_known_length_is_refused_and_changes_nothing(
    owner_client: Client, sam: Contact
) -> None:
    response = owner_client.post(
        reverse("today_contact_action", args=[sam.pk]),
        {"action": "snooze", "snooze_days": "-5"},
        headers=HTMX,
    )

    assert response.status_code == 422
    assert "Choose how long to snooze" in response.content.decode()
    sam.refresh_from_db()
    assert sam.snoozed_until is None
    assert not TodayDecision.objects.exists()


def test_an_unknown_action_is_refused_in_words(owner_client: Client, sam: Contact) -> None:
    response = owner_client.post(
        reverse("today_contact_action", args=[sam.pk]), {"action": "explode"}, headers=HTMX
    )

    assert response.status_code == 422
    assert "is not one of done, snooze or dismiss" in response.content.decode()
    assert not TodayDecision.objects.exists()


def test_dismissing_silence_takes_it_off_today_but_leaves_the_loop_open(
    owner_client: Client, my_silent_ask: Loop
) -> None:
    owner_client.post(reverse("today_loop_action", args=[my_silent_ask.pk]), {"action": "dismiss"})

    html = owner_client.get(reverse("today")).content.decode()
    assert reverse("today_loop_action", args=[my_silent_ask.pk]) not in html
    my_silent_ask.refresh_from_db()
    assert my_silent_ask.status == Loop.Status.OPEN


def test_logging_what_happened_can_settle_the_loop_and_counts_for_the_day(
    owner_client: Client, lori: Contact, lori_ask: Loop
) -> None:
    response = owner_client.post(
        reverse("contact_log_interaction", args=[lori.pk]),
        {
            "return_to": "today",
            "today_item": f"waiting_on_you:{lori_ask.pk}",
            "settles_loop": str(lori_ask.pk),
            "kind": "email",
            "summary": "Introduced her to Sam",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    lori_ask.refresh_from_db()
    assert lori_ask.outcome == Loop.Outcome.DONE
    assert TodayDecision.objects.get().action == TodayDecision.Action.LOGGED
    assert "You did 1 thing for your network today." in response.content.decode()


def test_a_loop_of_another_contact_is_not_settled_by_a_touch_with_this_one(
    owner_client: Client, sam: Contact, lori_ask: Loop
) -> None:
    owner_client.post(
        reverse("contact_log_interaction", args=[sam.pk]),
        {
            "return_to": "today",
            "today_item": f"waiting_on_you:{lori_ask.pk}",
            "settles_loop": str(lori_ask.pk),
            "kind": "email",
            "summary": "Hello Sam",
        },
    )

    lori_ask.refresh_from_db()
    assert lori_ask.status == Loop.Status.OPEN
    assert not TodayDecision.objects.exists()


def test_once_the_days_number_is_done_today_says_so_and_offers_the_rest(
    owner_client: Client, owner: User
) -> None:
    rhythm.rhythm_settings_update(owner=owner, daily_limit=1, digest_enabled=False)
    first, _second = (
        services.contact_create(
            owner=owner, full_name=name, created_at=timezone.now() - timedelta(days=300)
        )
        for name in ("Ada Park", "Bo Lind")
    )
    owner_client.post(reverse("today_contact_action", args=[first.pk]), {"action": "done"})

    html = owner_client.get(reverse("today")).content.decode()
    assert "that is your number" in html
    assert "1 more, not on today&#x27;s list" in html or "1 more, not on today's list" in html
    everything = owner_client.get(reverse("today"), {"all": "1"}).content.decode()
    assert "Reach out to Bo Lind" in everything
