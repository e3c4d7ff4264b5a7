"""Today: who waits on you, who went silent, who is drifting, each with its reason. Read
through the agenda (show_all, so no daily number cuts a section), as the Today page, the API
and `goodwill today` read it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Circle, Contact
from goodwill.rhythm.agenda import Agenda, AgendaSection, today_agenda


def _agenda(owner: User, now: datetime | None = None) -> Agenda:
    return today_agenda(owner=owner, now=now, show_all=True)


def _section(owner: User, key: str, now: datetime | None = None) -> AgendaSection:
    return _agenda(owner, now).section(key)


def test_a_contact_past_their_cadence_is_drifting_with_the_reason(owner: User) -> None:
    long_ago = timezone.now() - timedelta(days=200)
    inner = Circle.objects.get(owner=owner, name="Inner")
    sam = services.contact_create(owner=owner, full_name="Sam Okafor", circle=inner)
    services.interaction_log(
        owner=owner, contacts=[sam], kind="call", summary="Catch-up", occurred_at=long_ago
    )
    drifting = _section(owner, "drifting").items
    assert [item.contact_name for item in drifting] == ["Sam Okafor"]
    assert drifting[0].reason.startswith("Last touch 200 days ago, past the ")
    assert "your Inner circle asks for (every 14 days ideally)" in drifting[0].reason


def test_logging_a_touch_takes_a_contact_off_today(owner: User) -> None:
    sam = services.contact_create(
        owner=owner, full_name="Sam", created_at=timezone.now() - timedelta(days=365)
    )
    assert _section(owner, "drifting").total == 1
    services.interaction_log(owner=owner, contacts=[sam], kind="message", summary="Hi Sam")
    assert _section(owner, "drifting").total == 0


def test_dormant_contacts_never_drift(owner: User) -> None:
    dormant = Circle.objects.get(owner=owner, name="Dormant")
    services.contact_create(
        owner=owner,
        full_name="Old Friend",
        circle=dormant,
        created_at=timezone.now() - timedelta(days=3000),
    )
    assert _section(owner, "drifting").items == []


def test_their_unanswered_ask_waits_on_you_with_its_age(lori: Contact) -> None:
    services.loop_open(
        contact=lori,
        kind="ask",
        whose="theirs",
        summary="Intro to a designer",
        opened_at=timezone.now() - timedelta(days=3),
    )
    waiting = _section(lori.owner, "waiting").items
    assert [item.title for item in waiting] == ["Intro to a designer"]
    assert waiting[0].reason == ("Lori Chen asked 3 days ago and has not heard back from you.")


def test_acknowledging_their_ask_takes_it_off_waiting_on_you(lori: Contact) -> None:
    loop = services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Intro?")
    services.loop_acknowledge(loop=loop)
    assert _section(lori.owner, "waiting").items == []


def test_your_open_promise_waits_on_you_until_kept(lori: Contact) -> None:
    loop = services.loop_open(contact=lori, kind="promise", whose="mine", summary="Send the deck")
    services.loop_acknowledge(loop=loop)
    assert _section(lori.owner, "waiting").total == 1
    services.loop_close(loop=loop, outcome="done")
    assert _section(lori.owner, "waiting").total == 0


def test_your_ask_past_its_window_is_silence_and_not_before(lori: Contact) -> None:
    opened = timezone.now() - timedelta(days=10)
    services.loop_open(
        contact=lori,
        kind="ask",
        whose="mine",
        summary="Could you review my site?",
        opened_at=opened,
    )
    assert _section(lori.owner, "silence", now=opened + timedelta(days=6)).items == []
    silence = _section(lori.owner, "silence").items
    assert [item.title for item in silence] == ["Could you review my site?"]
    assert "You asked Lori Chen 10 days ago; no reply, 3 days past the window" in (
        silence[0].reason
    )


def test_an_acknowledged_ask_is_not_silence(lori: Contact) -> None:
    loop = services.loop_open(
        contact=lori,
        kind="ask",
        whose="mine",
        summary="Intro?",
        opened_at=timezone.now() - timedelta(days=30),
    )
    services.loop_acknowledge(loop=loop)
    assert _section(lori.owner, "silence").items == []


def test_today_never_shows_another_owners_network(lori: Contact, stranger: User) -> None:
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Intro?")
    services.loop_open(
        contact=lori,
        kind="ask",
        whose="mine",
        summary="Review?",
        opened_at=timezone.now() - timedelta(days=30),
    )
    services.contact_create(
        owner=lori.owner, full_name="Due", created_at=timezone.now() - timedelta(days=400)
    )
    assert _agenda(stranger).is_empty


def test_today_as_json_names_every_item_with_its_reason(lori: Contact) -> None:
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Intro?")
    data = _agenda(lori.owner).as_json()
    assert data["totals"] == {"waiting_on_you": 1, "silence": 0, "follow_up": 0, "drifting": 0}
    [item] = data["waiting_on_you"]  # type: ignore[misc]
    assert item["contact"] == "Lori Chen"
    assert "has not heard back" in item["reason"]
