"""Today: who waits on you, who went silent, who is drifting, each with its reason."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import selectors, services
from goodwill.network.models import Circle, Contact


def test_a_contact_past_their_cadence_is_drifting_with_the_reason(owner: User) -> None:
    long_ago = timezone.now() - timedelta(days=200)
    inner = Circle.objects.get(owner=owner, name="Inner")
    sam = services.contact_create(owner=owner, full_name="Sam Okafor", circle=inner)
    services.interaction_log(
        owner=owner, contacts=[sam], kind="call", summary="Catch-up", occurred_at=long_ago
    )
    today = selectors.today_for_owner(owner=owner)
    assert [item.contact_name for item in today.drifting] == ["Sam Okafor"]
    assert today.drifting[0].reason == (
        "Last touch 200 days ago; your Inner circle asks for every 14 days."
    )


def test_logging_a_touch_takes_a_contact_off_today(owner: User) -> None:
    sam = services.contact_create(
        owner=owner, full_name="Sam", created_at=timezone.now() - timedelta(days=365)
    )
    assert selectors.today_for_owner(owner=owner).drifting_total == 1
    services.interaction_log(owner=owner, contacts=[sam], kind="message", summary="Hi Sam")
    assert selectors.today_for_owner(owner=owner).drifting_total == 0


def test_dormant_contacts_never_drift(owner: User) -> None:
    dormant = Circle.objects.get(owner=owner, name="Dormant")
    services.contact_create(
        owner=owner,
        full_name="Old Friend",
        circle=dormant,
        created_at=timezone.now() - timedelta(days=3000),
    )
    assert selectors.today_for_owner(owner=owner).drifting == []


def test_their_unanswered_ask_waits_on_you_with_its_age(lori: Contact) -> None:
    services.loop_open(
        contact=lori,
        kind="ask",
        whose="theirs",
        summary="Intro to a designer",
        opened_at=timezone.now() - timedelta(days=3),
    )
    today = selectors.today_for_owner(owner=lori.owner)
    assert [item.title for item in today.waiting_on_you] == ["Intro to a designer"]
    assert today.waiting_on_you[0].reason == (
        "Lori Chen asked 3 days ago and has not heard back from you."
    )


def test_acknowledging_their_ask_takes_it_off_waiting_on_you(lori: Contact) -> None:
    loop = services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Intro?")
    services.loop_acknowledge(loop=loop)
    assert selectors.today_for_owner(owner=lori.owner).waiting_on_you == []


def test_your_open_promise_waits_on_you_until_kept(lori: Contact) -> None:
    loop = services.loop_open(contact=lori, kind="promise", whose="mine", summary="Send the deck")
    services.loop_acknowledge(loop=loop)
    assert selectors.today_for_owner(owner=lori.owner).waiting_on_you_total == 1
    services.loop_close(loop=loop, outcome="done")
    assert selectors.today_for_owner(owner=lori.owner).waiting_on_you_total == 0


def test_your_ask_past_its_window_is_silence_and_not_before(lori: Contact) -> None:
    opened = timezone.now() - timedelta(days=10)
    services.loop_open(
        contact=lori,
        kind="ask",
        whose="mine",
        summary="Could you review my site?",
        opened_at=opened,
    )
    early = selectors.today_for_owner(owner=lori.owner, now=opened + timedelta(days=6))
    assert early.silence == []
    today = selectors.today_for_owner(owner=lori.owner)
    assert [item.title for item in today.silence] == ["Could you review my site?"]
    assert "You asked Lori Chen 10 days ago; no reply, 3 days past the window" in (
        today.silence[0].reason
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
    assert selectors.today_for_owner(owner=lori.owner).silence == []


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
    assert selectors.today_for_owner(owner=stranger).is_empty


def test_a_long_section_is_cut_to_the_limit_but_counts_everything(owner: User) -> None:
    past = timezone.now() - timedelta(days=400)
    for n in range(5):
        services.contact_create(owner=owner, full_name=f"Contact {n}", created_at=past)
    today = selectors.today_for_owner(owner=owner, limit=3)
    assert len(today.drifting) == 3
    assert today.drifting_total == 5


def test_today_as_json_names_every_item_with_its_reason(lori: Contact) -> None:
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Intro?")
    data = selectors.today_for_owner(owner=lori.owner).as_json()
    assert data["totals"] == {"waiting_on_you": 1, "silence": 0, "drifting": 0}
    [item] = data["waiting_on_you"]  # type: ignore[misc]
    assert item["contact"] == "Lori Chen"
    assert "has not heard back" in item["reason"]
