"""Circles with an ideal and a maximum, a contact's own numbers, snoozes, and clocks that reset
whatever brought the interaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from goodwill.network import rhythm_services, selectors, services
from goodwill.network.models import Circle, Contact
from goodwill.rhythm.agenda import today_agenda


def _circle(owner: User, name: str) -> Circle:
    return selectors.circles_for_owner(owner=owner).get(name=name)


def _drifting_names(owner: User) -> list[str]:
    return [item.contact_name for item in today_agenda(owner=owner).section("drifting").items]


def test_new_accounts_get_circles_with_an_ideal_and_a_maximum(owner: User) -> None:
    numbers = {
        circle.name: (circle.cadence_days, circle.max_cadence_days)
        for circle in selectors.circles_for_owner(owner=owner)
    }

    assert numbers == {
        "Inner": (14, 21),
        "Close": (30, 45),
        "Network": (90, 120),
        "Dormant": (None, None),
    }


@pytest.mark.parametrize(
    ("ideal", "maximum", "field"),
    [(30, 10, "max_cadence_days"), (-7, 20, "cadence_days"), (None, 30, "max_cadence_days")],
)
def test_a_circle_cadence_that_makes_no_sense_changes_nothing(
    owner: User, lori: Contact, ideal: int | None, maximum: int | None, field: str
) -> None:
    close = _circle(owner, "Close")
    due_before = lori.touch_due_at

    with pytest.raises(ValidationError) as caught:
        rhythm_services.circle_set_cadence(
            circle=close, cadence_days=ideal, max_cadence_days=maximum
        )

    assert field in caught.value.message_dict
    close.refresh_from_db()
    assert (close.cadence_days, close.max_cadence_days) == (30, 45)
    lori.refresh_from_db()
    assert lori.touch_due_at == due_before


def test_a_circles_new_ideal_moves_its_contacts_due_dates(owner: User, lori: Contact) -> None:
    network = _circle(owner, "Network")

    rhythm_services.circle_set_cadence(circle=network, cadence_days=10, max_cadence_days=20)

    lori.refresh_from_db()
    assert lori.touch_due_at == lori.created_at + timedelta(days=10)


def test_a_contacts_maximum_below_their_ideal_is_refused(lori: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        rhythm_services.contact_set_keep_in_touch(
            contact=lori, circle=lori.circle, cadence_days=40, max_cadence_days=30
        )

    assert "below its ideal" in caught.value.message_dict["max_cadence_days"][0]
    lori.refresh_from_db()
    assert (lori.cadence_days, lori.max_cadence_days) == (None, None)


def test_a_contacts_maximum_below_the_circles_ideal_is_refused(lori: Contact) -> None:
    with pytest.raises(ValidationError):
        rhythm_services.contact_set_keep_in_touch(
            contact=lori, circle=lori.circle, max_cadence_days=30
        )


def test_dormant_takes_no_cadence_of_the_contacts_own(owner: User, lori: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        rhythm_services.contact_set_keep_in_touch(
            contact=lori, circle=_circle(owner, "Dormant"), cadence_days=10
        )

    assert "never reminds" in caught.value.message_dict["cadence_days"][0]
    lori.refresh_from_db()
    assert lori.circle.name == "Network"


def test_own_numbers_are_kept_and_the_circle_counts_as_chosen(lori: Contact) -> None:
    rhythm_services.contact_set_keep_in_touch(
        contact=lori, circle=lori.circle, cadence_days=20, max_cadence_days=25
    )

    lori.refresh_from_db()
    assert (lori.cadence_days, lori.max_cadence_days) == (20, 25)
    assert lori.field_sources["circle"] == "user"


def test_a_snooze_into_the_past_is_refused_and_changes_nothing(lori: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        rhythm_services.contact_snooze(contact=lori, until=timezone.now() - timedelta(days=1))

    assert "must end in the future" in caught.value.message_dict["until"][0]
    lori.refresh_from_db()
    assert lori.snoozed_until is None


def test_a_snooze_longer_than_a_year_points_to_dormant(lori: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        rhythm_services.contact_snooze(contact=lori, until=timezone.now() + timedelta(days=400))

    assert "Dormant" in caught.value.message_dict["until"][0]


def test_a_snoozed_contact_leaves_today_until_the_snooze_ends(owner: User) -> None:
    long_ago = timezone.now() - timedelta(days=200)
    sam = services.contact_create(owner=owner, full_name="Sam Okafor", created_at=long_ago)
    assert _drifting_names(owner) == ["Sam Okafor"]

    rhythm_services.contact_snooze(contact=sam, until=timezone.now() + timedelta(days=3))

    assert _drifting_names(owner) == []
    later = timezone.now() + timedelta(days=4)
    assert [
        i.contact_name for i in today_agenda(owner=owner, now=later).section("drifting").items
    ] == ["Sam Okafor"]


def test_dormant_contacts_never_drift_even_with_an_old_own_cadence(owner: User) -> None:
    dormant = _circle(owner, "Dormant")
    long_ago = timezone.now() - timedelta(days=400)
    ghost = services.contact_create(
        owner=owner, full_name="Old Friend", circle=dormant, created_at=long_ago
    )
    # Written before Dormant refused own cadences: still never shown.
    services.contact_set_circle(contact=ghost, circle=dormant, cadence_days=30)

    assert _drifting_names(owner) == []


@pytest.mark.parametrize("source", ["manual", "linkedin", "mail", "vcard", "demo", "event"])
def test_any_interaction_resets_the_clock_whatever_its_source(owner: User, source: str) -> None:
    long_ago = timezone.now() - timedelta(days=200)
    sam = services.contact_create(owner=owner, full_name="Sam Okafor", created_at=long_ago)
    assert _drifting_names(owner) == ["Sam Okafor"]

    services.interaction_log(
        owner=owner,
        contacts=[sam],
        kind="email",
        summary="Re: the proposal",
        source=source,
        source_key="" if source == "manual" else f"{source}-1",
        occurred_at=timezone.now() - timedelta(hours=2),
    )

    assert _drifting_names(owner) == []
    sam.refresh_from_db()
    assert sam.touch_due_at == sam.last_touch_at + timedelta(days=90)


def test_an_older_interaction_imported_later_does_not_turn_the_clock_back(owner: User) -> None:
    sam = services.contact_create(
        owner=owner, full_name="Sam Okafor", created_at=timezone.now() - timedelta(days=500)
    )
    services.interaction_log(owner=owner, contacts=[sam], kind="call", summary="Call")
    sam.refresh_from_db()
    due = sam.touch_due_at

    services.interaction_log(
        owner=owner,
        contacts=[sam],
        kind="email",
        summary="Old mail",
        source="mail",
        source_key="m-1",
        occurred_at=timezone.now() - timedelta(days=300),
    )

    sam.refresh_from_db()
    assert sam.touch_due_at == due
