"""The reminders calendar at its secret URL, read back with the icalendar library."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pytest_django.fixtures import Settings

from goodwill.network import rhythm_services, services
from goodwill.network.models import Contact, Loop
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.models import CalendarFeed


def _feed(client: Client, token: str) -> Calendar:
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def reminders(owner: User, lori: Contact) -> dict[str, object]:
    now = timezone.now()
    overdue = services.contact_create(
        owner=owner, full_name="Sam Okafor", created_at=now - timedelta(days=200)
    )
    soon = services.contact_create(
        owner=owner, full_name="Ada Park", created_at=now - timedelta(days=85)
    )
    ask = services.loop_open(
        contact=lori,
        kind="ask",
        whose="mine",
        summary="Review my proposal",
        opened_at=now - timedelta(days=2),
    )
    theirs = services.loop_open(
        contact=lori, kind="ask", whose="theirs", summary="Intro to a printer"
    )
    return {"overdue": overdue, "soon": soon, "ask": ask, "theirs": theirs}


def test_the_feed_is_an_rfc_5545_calendar_with_touches_and_loop_deadlines(
    client: Client, owner: User, reminders: dict[str, object]
) -> None:
    _, token = rhythm.calendar_feed_create(owner=owner)

    calendar = _feed(client, token)

    assert calendar["version"] == "2.0"
    assert str(calendar["prodid"]).startswith("-//Goodwill//")
    events = _events(calendar)
    today = timezone.localdate()
    todays = events[f"touches-{today.isoformat()}.{owner.pk}@goodwill"]
    assert todays["summary"] == "Keep in touch: 1 contact"
    assert "Sam Okafor" in todays["description"]
    assert "1 of them past their cadence already." in todays["description"]
    assert todays.decoded("dtstart") == today
    assert todays.decoded("dtend") == today + timedelta(days=1)
    ada_day = timezone.localdate(reminders["soon"].touch_due_at)  # type: ignore[attr-defined]
    assert "Ada Park" in events[f"touches-{ada_day.isoformat()}.{owner.pk}@goodwill"]["description"]
    ask = reminders["ask"]
    assert isinstance(ask, Loop)
    deadline = events[f"loop-{ask.pk}.{owner.pk}@goodwill"]
    assert deadline["summary"] == "Reply due from Lori Chen: Review my proposal"
    assert deadline.decoded("dtstart") == timezone.localdate(ask.reply_due_at)
    theirs = reminders["theirs"]
    assert isinstance(theirs, Loop)
    assert events[f"loop-{theirs.pk}.{owner.pk}@goodwill"]["summary"] == (
        "Answer Lori Chen: Intro to a printer"
    )
    for event in events.values():
        assert "dtstamp" in event  # required by RFC 5545 in every VEVENT


def test_a_snoozed_contact_is_due_on_the_day_the_snooze_ends(
    client: Client, owner: User, reminders: dict[str, object]
) -> None:
    sam = reminders["overdue"]
    assert isinstance(sam, Contact)
    until = timezone.now() + timedelta(days=5)
    rhythm_services.contact_snooze(contact=sam, until=until)
    _, token = rhythm.calendar_feed_create(owner=owner)

    events = _events(_feed(client, token))

    day = timezone.localdate(until).isoformat()
    assert "Sam Okafor" in events[f"touches-{day}.{owner.pk}@goodwill"]["description"]
    today = timezone.localdate().isoformat()
    assert f"touches-{today}.{owner.pk}@goodwill" not in events


def test_only_the_tokens_hash_is_stored(owner: User) -> None:
    _, token = rhythm.calendar_feed_create(owner=owner)

    stored = CalendarFeed.objects.get()
    assert token not in stored.token_hash
    assert stored.token_hash == rhythm.calendar_token_hash(token)


def test_a_revoked_token_is_not_found(client: Client, owner: User, lori: Contact) -> None:
    _, token = rhythm.calendar_feed_create(owner=owner)

    rhythm.calendar_feed_revoke(owner=owner)

    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 404
    assert "Lori" not in response.content.decode()


def test_a_new_url_stops_the_old_one(client: Client, owner: User) -> None:
    _, old = rhythm.calendar_feed_create(owner=owner)
    _, new = rhythm.calendar_feed_create(owner=owner)

    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


@pytest.mark.parametrize("token", ["", "x", "not-a-token-at-all", "a" * 300])
def test_made_up_tokens_are_not_found(client: Client, owner: User, token: str) -> None:
    rhythm.calendar_feed_create(owner=owner)

    url = f"/calendar/{token}.ics"
    assert client.get(url).status_code == 404


def test_each_account_sees_only_its_own_reminders(
    client: Client, owner: User, stranger: User, reminders: dict[str, object]
) -> None:
    _, token = rhythm.calendar_feed_create(owner=stranger)

    response = client.get(reverse("calendar_feed", args=[token]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Lori" not in body
    assert "Sam Okafor" not in body
    assert list(Calendar.from_ical(response.content).walk("VEVENT")) == []


def test_the_rhythm_page_shows_the_url_once_and_can_stop_it(
    owner_client: Client, owner: User
) -> None:
    created = owner_client.post(reverse("calendar_feed_create")).content.decode()

    assert "shown this once" in created
    token = created.split("/calendar/")[1].split(".ics")[0]
    assert CalendarFeed.objects.get().token_hash == rhythm.calendar_token_hash(token)
    later = owner_client.get(reverse("rhythm_settings")).content.decode()
    assert token not in later
    owner_client.post(reverse("calendar_feed_revoke"))
    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_an_event_follow_up_is_in_the_calendar(client: Client, owner: User) -> None:
    event = rhythm.event_create(owner=owner, name="Design Week", held_on=date.today())
    attendee = rhythm.event_add_person(event=event, full_name="Ines Costa", needs="a bookkeeper")
    _, token = rhythm.calendar_feed_create(owner=owner)

    events = _events(_feed(client, token))

    follow_up = events[f"follow-up-{attendee.pk}.{owner.pk}@goodwill"]
    assert follow_up["summary"] == "Follow up with Ines Costa (Design Week)"
    assert "They need: a bookkeeper" in follow_up["description"]


def test_touches_fall_on_the_users_local_day_around_midnight(
    client: Client, owner: User, settings: Settings
) -> None:
    # 23:30 in New York is already the next day in UTC: the feed must use the local day.
    settings.TIME_ZONE = "America/New_York"
    long_ago = timezone.now() - timedelta(days=400)
    late = services.contact_create(owner=owner, full_name="Late Evening", created_at=long_ago)
    early = services.contact_create(owner=owner, full_name="Early Morning", created_at=long_ago)
    day = timezone.localdate() + timedelta(days=3)
    rhythm_services.contact_snooze(
        contact=late, until=timezone.make_aware(datetime.combine(day, time(23, 30)))
    )
    rhythm_services.contact_snooze(
        contact=early,
        until=timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 30))),
    )
    _, token = rhythm.calendar_feed_create(owner=owner)

    events = _events(_feed(client, token))

    first = events[f"touches-{day.isoformat()}.{owner.pk}@goodwill"]
    second = events[f"touches-{(day + timedelta(days=1)).isoformat()}.{owner.pk}@goodwill"]
    assert first.decoded("dtstart") == day
    assert "Late Evening" in first["description"]
    assert "Early Morning" not in first["description"]
    assert "Early Morning" in second["description"]
    assert first["summary"] == second["summary"] == "Keep in touch: 1 contact"


def test_a_busy_day_names_the_first_25_and_counts_the_rest(client: Client, owner: User) -> None:
    long_ago = timezone.now() - timedelta(days=400)
    for number in range(30):
        services.contact_create(owner=owner, full_name=f"Overdue {number:02}", created_at=long_ago)
    _, token = rhythm.calendar_feed_create(owner=owner)

    today = timezone.localdate().isoformat()
    todays = _events(_feed(client, token))[f"touches-{today}.{owner.pk}@goodwill"]

    assert todays["summary"] == "Keep in touch: 30 contacts"
    description = str(todays["description"])
    assert "30 of them past their cadence already." in description
    assert "- Overdue 00" in description
    assert "- Overdue 24" in description
    assert "Overdue 25" not in description
    assert "... and 5 more" in description
