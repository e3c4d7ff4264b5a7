"""The keep-in-touch pages: a contact's snooze and cadence, circles, the day's number, events,
the ledger on a contact's page, the warning before an ask, and suggested circles."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.network import selectors, services
from goodwill.network.models import Contact, Loop
from goodwill.rhythm.models import EventAttendee, RhythmSettings
from tests.importing.helpers import ANA, BEN, connection_row, import_bytes, linkedin_export
from tests.web.conftest import HTMX


def test_a_snooze_into_the_past_is_refused_next_to_the_date(
    owner_client: Client, lori: Contact
) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = owner_client.post(
        reverse("contact_snooze", args=[lori.pk]), {"until": yesterday}, headers=HTMX
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "A snooze must end in the future" in html
    assert 'id="snooze-until_error"' in html
    lori.refresh_from_db()
    assert lori.snoozed_until is None


def test_a_snooze_is_shown_on_the_contact_and_can_end_early(
    owner_client: Client, lori: Contact
) -> None:
    until = (timezone.localdate() + timedelta(days=10)).isoformat()

    response = owner_client.post(
        reverse("contact_snooze", args=[lori.pk]), {"until": until}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Snoozed" in response.content.decode()
    owner_client.post(reverse("contact_snooze", args=[lori.pk]), {"action": "wake"})
    lori.refresh_from_db()
    assert lori.snoozed_until is None


def test_a_contacts_maximum_below_their_ideal_is_refused_on_their_page(
    owner_client: Client, lori: Contact
) -> None:
    response = owner_client.post(
        reverse("contact_set_circle", args=[lori.pk]),
        {"circle": lori.circle_id, "cadence_days": "30", "max_cadence_days": "20"},
        headers=HTMX,
    )

    assert response.status_code == 422
    assert "below its ideal" in response.content.decode()
    lori.refresh_from_db()
    assert (lori.cadence_days, lori.max_cadence_days) == (None, None)


def test_the_circles_page_edits_ideal_and_maximum(owner_client: Client, owner: User) -> None:
    close = selectors.circles_for_owner(owner=owner).get(name="Close")

    response = owner_client.post(
        reverse("circle_edit", args=[close.pk]), {"cadence_days": "21", "max_cadence_days": "35"}
    )

    assert response.status_code == 302
    close.refresh_from_db()
    assert (close.cadence_days, close.max_cadence_days) == (21, 35)
    assert "Every 21 days, 35 at most" in owner_client.get(reverse("circles_page")).content.decode()


def test_a_negative_circle_cadence_is_refused_and_changes_nothing(
    owner_client: Client, owner: User
) -> None:
    close = selectors.circles_for_owner(owner=owner).get(name="Close")

    response = owner_client.post(
        reverse("circle_edit", args=[close.pk]), {"cadence_days": "-3", "max_cadence_days": ""}
    )

    assert response.status_code == 422
    assert "must be a positive number of days" in response.content.decode()
    close.refresh_from_db()
    assert close.cadence_days == 30


def test_the_days_number_is_set_on_the_rhythm_page(owner_client: Client, owner: User) -> None:
    response = owner_client.post(
        reverse("rhythm_settings"),
        {"daily_limit": "5", "digest_hour": "8", "digest_email": "", "digest_enabled": ""},
    )

    assert response.status_code == 302
    assert RhythmSettings.objects.get(owner=owner).daily_limit == 5


def test_a_daily_number_of_zero_is_refused(owner_client: Client, owner: User) -> None:
    response = owner_client.post(
        reverse("rhythm_settings"), {"daily_limit": "0", "digest_hour": "7"}
    )

    assert response.status_code == 422
    assert "Choose between 1 and 50" in response.content.decode()
    assert not RhythmSettings.objects.exists()


def test_the_digest_needs_an_address(owner_client: Client) -> None:
    response = owner_client.post(
        reverse("rhythm_settings"),
        {"daily_limit": "7", "digest_hour": "7", "digest_enabled": "on", "digest_email": ""},
    )

    assert response.status_code == 422
    assert "needs an address" in response.content.decode()


def test_an_event_and_the_people_met_there_get_follow_ups(
    owner_client: Client, owner: User
) -> None:
    response = owner_client.post(
        reverse("events_page"),
        {"name": "Design Week", "held_on": timezone.localdate().isoformat(), "place": "Lisbon"},
    )
    assert response.status_code == 302
    event_url = response["Location"]

    added = owner_client.post(
        f"{event_url}people/",
        {
            "full_name": "Ines Costa",
            "organization_name": "Costa Studio",
            "email": "ines@costa.example",
            "needs": "a bookkeeper",
        },
    )

    assert added.status_code == 302
    attendee = EventAttendee.objects.get()
    assert attendee.contact.full_name == "Ines Costa"
    assert attendee.follow_up_due_at <= timezone.now() + timedelta(days=2, minutes=1)
    today = owner_client.get(reverse("today")).content.decode()
    assert "Follow up with Ines Costa" in today
    assert "They need: a bookkeeper." in today


def test_a_future_event_is_refused(owner_client: Client) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = owner_client.post(reverse("events_page"), {"name": "Later", "held_on": tomorrow})

    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()


def test_a_person_met_needs_a_name_or_a_handle(owner_client: Client, owner: User) -> None:
    from goodwill.rhythm import services as rhythm

    event = rhythm.event_create(owner=owner, name="Meetup", held_on=timezone.localdate())

    response = owner_client.post(reverse("event_add_person", args=[event.pk]), {"needs": "x"})

    assert response.status_code == 422
    assert "A name, an email or a LinkedIn URL is needed." in response.content.decode()
    assert not EventAttendee.objects.exists()


def test_the_contact_page_shows_the_ledger(owner_client: Client, lori: Contact) -> None:
    services.give_record(contact=lori, kind="introduction", direction="out", summary="Intro")
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="A designer?")

    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()

    assert 'id="ledger"' in html
    assert "You give Lori Chen more than you take" in html
    assert "1 open loop" in html


def test_an_ask_of_someone_given_nothing_says_so_and_opens_nothing(
    owner_client: Client, lori: Contact
) -> None:
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Know a good printer?")

    response = owner_client.post(
        reverse("contact_open_loop", args=[lori.pk]),
        {"kind": "ask", "whose": "mine", "summary": "Could you introduce me to Sam?"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert "You have never given Lori Chen anything yet" in html
    assert "Answer Lori&#x27;s own ask first: “Know a good printer?”." in html
    assert "Make an introduction" in html
    assert "Ask anyway" in html
    assert not Loop.objects.filter(whose="mine").exists()

    asked = owner_client.post(
        reverse("contact_open_loop", args=[lori.pk]),
        {
            "kind": "ask",
            "whose": "mine",
            "summary": "Could you introduce me to Sam?",
            "ask_anyway": "1",
        },
        headers=HTMX,
    )
    assert asked.status_code == 200
    assert Loop.objects.filter(whose="mine").count() == 1


def test_no_warning_after_a_give_this_year(owner_client: Client, lori: Contact) -> None:
    services.give_record(contact=lori, kind="advice", direction="out", summary="Pricing tips")

    owner_client.post(
        reverse("contact_open_loop", args=[lori.pk]),
        {"kind": "ask", "whose": "mine", "summary": "A quote for the brochure?"},
    )

    assert Loop.objects.filter(whose="mine").count() == 1


def test_suggested_circles_are_offered_for_imported_contacts_and_accepted_in_bulk(
    owner_client: Client, owner: User
) -> None:
    import_bytes(
        owner, linkedin_export(connections=[connection_row(ANA), connection_row(BEN)]), "li.zip"
    )

    html = owner_client.get(reverse("circle_suggestions")).content.decode()
    assert "Ana Bozic" in html
    assert "Nothing between you in two years: Dormant" in html
    ids = list(Contact.objects.filter(owner=owner).values_list("pk", flat=True))

    response = owner_client.post(
        reverse("circle_suggestions_accept"), {"contact": [str(pk) for pk in ids]}
    )

    assert response.status_code == 302
    assert set(Contact.objects.values_list("circle__name", flat=True)) == {"Dormant"}
    assert "No suggestions" in owner_client.get(reverse("circle_suggestions")).content.decode()


def test_keeping_a_contact_where_they_are_ends_the_suggestion(
    owner_client: Client, owner: User
) -> None:
    import_bytes(owner, linkedin_export(connections=[connection_row(ANA)]), "li.zip")
    ana = Contact.objects.get(owner=owner)

    response = owner_client.post(reverse("circle_suggestion_keep", args=[ana.pk]), follow=True)

    assert "Ana Bozic stays in Network." in response.content.decode()
    ana.refresh_from_db()
    assert ana.circle.name == "Network"
    assert "No suggestions" in owner_client.get(reverse("circle_suggestions")).content.decode()


def test_bulk_accept_with_another_accounts_contact_is_not_found_and_changes_nothing(
    owner_client: Client, owner: User, stranger: User
) -> None:
    import_bytes(owner, linkedin_export(connections=[connection_row(ANA)]), "li.zip")
    theirs = services.contact_create(owner=stranger, full_name="Not Yours")
    ana = Contact.objects.get(owner=owner)

    response = owner_client.post(
        reverse("circle_suggestions_accept"), {"contact": [str(ana.pk), str(theirs.pk)]}
    )

    assert response.status_code == 404
    ana.refresh_from_db()
    assert ana.circle.name == "Network"


def test_the_ledger_and_habits_pages_draw_their_charts(owner_client: Client, lori: Contact) -> None:
    cache.clear()  # past months' cadence figures are kept for the day, per account
    services.give_record(contact=lori, kind="advice", direction="out", summary="Pricing tips")
    services.interaction_log(owner=lori.owner, contacts=[lori], kind="call", summary="Call")

    ledger = owner_client.get(reverse("ledger_page")).content.decode()
    habits = owner_client.get(reverse("habits_page")).content.decode()

    assert "<svg" in ledger
    assert "Give share" in ledger
    assert habits.count("<svg") >= 5
    assert "Cadence kept: Network" in habits
