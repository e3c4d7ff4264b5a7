"""The only writer: what each service does to the network, and what it refuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Circle, Contact, Handle, Interaction, Loop


def test_a_new_account_gets_the_default_circles_with_their_cadences(owner: User) -> None:
    circles = {c.name: c.cadence_days for c in Circle.objects.filter(owner=owner)}
    assert circles == {"Inner": 14, "Close": 30, "Network": 90, "Dormant": None}


def test_a_new_contact_lands_in_the_network_circle_with_its_handles_normalised(
    lori: Contact,
) -> None:
    assert lori.circle.name == "Network"
    assert lori.organization is not None
    assert lori.organization.name == "Northwind Design"
    handles = {(h.kind, h.normalized) for h in lori.handles.all()}
    assert ("email", "lori@northwind.example") in handles
    assert any(kind == "phone" for kind, _ in handles)


def test_a_new_contact_is_not_due_until_a_full_cadence_has_passed(lori: Contact) -> None:
    assert lori.touch_due_at == lori.created_at + timedelta(days=90)


def test_a_contact_needs_a_name(owner: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.contact_create(owner=owner, full_name="   ")
    assert "full_name" in caught.value.message_dict
    assert not Contact.objects.filter(owner=owner).exists()


def test_an_organization_is_reused_whatever_its_capitalisation(owner: User, lori: Contact) -> None:
    ana = services.contact_create(
        owner=owner, full_name="Ana", organization_name="northwind design"
    )
    assert ana.organization_id == lori.organization_id


def test_the_same_handle_cannot_belong_to_two_contacts_of_one_owner(
    owner: User, lori: Contact
) -> None:
    other = services.contact_create(owner=owner, full_name="Someone Else")
    with pytest.raises(ValidationError) as caught:
        services.handle_add(contact=other, kind="email", value="LORI@northwind.example ")
    assert "already belongs to Lori Chen" in caught.value.message_dict["value"][0]


def test_two_owners_may_each_know_the_same_address(lori: Contact, stranger: User) -> None:
    theirs = services.contact_create(
        owner=stranger, full_name="Lori", handles=[("email", "lori@northwind.example")]
    )
    assert theirs.handles.get().normalized == "lori@northwind.example"


def test_the_database_refuses_a_duplicate_handle_even_past_the_service(
    owner: User, lori: Contact
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Handle.objects.create(
            owner=owner, contact=lori, kind="email", value="x", normalized="lori@northwind.example"
        )


def test_an_invalid_handle_is_refused_with_its_reason(lori: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        services.handle_add(contact=lori, kind="email", value="not an address")
    assert "is not an email address" in caught.value.message_dict["value"][0]


def test_logging_an_interaction_resets_the_keep_in_touch_clock(lori: Contact) -> None:
    before = lori.touch_due_at
    services.interaction_log(owner=lori.owner, contacts=[lori], kind="meeting", summary="Coffee")
    lori.refresh_from_db()
    assert lori.last_touch_at is not None
    assert lori.touch_due_at == lori.last_touch_at + timedelta(days=90)
    assert before is not None
    assert lori.touch_due_at > before


def test_an_older_interaction_does_not_move_the_clock_back(lori: Contact) -> None:
    now = timezone.now()
    services.interaction_log(
        owner=lori.owner, contacts=[lori], kind="call", summary="Call", occurred_at=now
    )
    services.interaction_log(
        owner=lori.owner,
        contacts=[lori],
        kind="email",
        summary="Old mail",
        occurred_at=now - timedelta(days=40),
    )
    lori.refresh_from_db()
    assert lori.last_touch_at == now


def test_one_interaction_can_include_several_contacts_and_touches_each(
    owner: User, lori: Contact
) -> None:
    ana = services.contact_create(owner=owner, full_name="Ana Ruiz")
    interaction = services.interaction_log(
        owner=owner, contacts=[lori, ana], kind="meeting", summary="Lunch with both"
    )
    assert set(interaction.contacts.all()) == {lori, ana}
    ana.refresh_from_db()
    assert ana.last_touch_at == interaction.occurred_at


def test_logging_the_same_source_key_twice_stores_one_interaction(lori: Contact) -> None:
    for _ in range(2):
        services.interaction_log(
            owner=lori.owner,
            contacts=[lori],
            kind="message",
            summary="Hello",
            source="linkedin",
            source_key="conv-1/msg-1",
        )
    assert Interaction.objects.filter(owner=lori.owner, source="linkedin").count() == 1


def test_an_interaction_in_the_future_is_refused(lori: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        services.interaction_log(
            owner=lori.owner,
            contacts=[lori],
            kind="call",
            summary="Later",
            occurred_at=timezone.now() + timedelta(days=2),
        )
    assert "occurred_at" in caught.value.message_dict


def test_an_interaction_cannot_include_another_owners_contact(
    lori: Contact, stranger: User
) -> None:
    with pytest.raises(ValidationError):
        services.interaction_log(owner=stranger, contacts=[lori], kind="call", summary="Sneaky")
    assert not Interaction.objects.exists()
    lori.refresh_from_db()
    assert lori.last_touch_at is None


def test_a_loop_takes_its_reply_window_from_the_contacts_circle(lori: Contact) -> None:
    loop = services.loop_open(
        contact=lori, kind="ask", whose="mine", summary="Intro to a designer?"
    )
    assert loop.response_window_days == 7
    assert loop.reply_due_at == loop.opened_at + timedelta(days=7)
    assert loop.status == Loop.Status.OPEN


def test_a_loop_goes_open_acknowledged_closed_with_an_outcome(lori: Contact) -> None:
    loop = services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Intro?")
    services.loop_acknowledge(loop=loop)
    assert loop.status == Loop.Status.ACKNOWLEDGED
    assert loop.acknowledged_at is not None
    services.loop_close(loop=loop, outcome="done")
    loop.refresh_from_db()
    assert (loop.status, loop.outcome) == (Loop.Status.CLOSED, "done")
    assert loop.closed_at is not None


def test_many_loops_open_at_once_each_checked_some_acknowledged_already(lori: Contact) -> None:
    asked = timezone.now() - timedelta(days=3)
    opened = services.loops_open(
        openings=[
            services.LoopOpening(contact=lori, kind="ask", whose="theirs", summary=" Intro? "),
            services.LoopOpening(
                contact=lori,
                kind="ask",
                whose="mine",
                summary="The deck",
                opened_at=asked,
                acknowledged_at=asked + timedelta(days=1),
            ),
        ]
    )
    first, second = (Loop.objects.get(pk=loop.pk) for loop in opened)
    assert (first.summary, first.status, first.acknowledged_at) == ("Intro?", "open", None)
    assert first.reply_due_at == first.opened_at + timedelta(days=7)
    assert (second.status, second.acknowledged_at) == ("acknowledged", asked + timedelta(days=1))
    assert second.reply_due_at == asked + timedelta(days=7)
    with pytest.raises(ValidationError):
        services.loops_open(
            openings=[
                services.LoopOpening(contact=lori, kind="ask", whose="mine", summary="Fine"),
                services.LoopOpening(contact=lori, kind="ask", whose="mine", summary="  "),
            ]
        )
    assert Loop.objects.count() == 2


def test_a_closed_loop_cannot_be_closed_again(lori: Contact) -> None:
    loop = services.loop_open(contact=lori, kind="offer", whose="theirs", summary="Happy to help")
    services.loop_close(loop=loop, outcome="dropped")
    with pytest.raises(ValidationError):
        services.loop_close(loop=loop, outcome="done")


def test_the_database_refuses_a_closed_loop_without_an_outcome(lori: Contact) -> None:
    loop = services.loop_open(contact=lori, kind="ask", whose="mine", summary="Intro?")
    loop.status = Loop.Status.CLOSED
    loop.closed_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        loop.save()


def test_a_give_needs_one_direction(lori: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        services.give_record(contact=lori, kind="help", direction="both", summary="Advice")
    assert "direction" in caught.value.message_dict
    give = services.give_record(
        contact=lori, kind="introduction", direction="out", summary="Intro to Sam"
    )
    assert give.get_direction_display() == "you gave"


def test_the_same_article_is_never_shared_twice_with_one_contact(lori: Contact) -> None:
    services.share_record(contact=lori, url="https://example.com/post", title="A post")
    with pytest.raises(ValidationError) as caught:
        services.share_record(contact=lori, url="https://example.com/post")
    assert "already shared this with Lori Chen" in caught.value.message_dict["url"][0]


def test_moving_to_the_dormant_circle_stops_reminders(owner: User, lori: Contact) -> None:
    dormant = Circle.objects.get(owner=owner, name="Dormant")
    services.contact_set_circle(contact=lori, circle=dormant)
    assert lori.touch_due_at is None


def test_a_contacts_own_cadence_overrides_the_circle(owner: User, lori: Contact) -> None:
    close = Circle.objects.get(owner=owner, name="Close")
    services.contact_set_circle(contact=lori, circle=close, cadence_days=10)
    assert lori.touch_due_at == lori.created_at + timedelta(days=10)
    with pytest.raises(ValidationError):
        services.contact_set_circle(contact=lori, circle=close, cadence_days=-3)


def test_a_contact_cannot_join_another_owners_circle(lori: Contact, stranger: User) -> None:
    theirs = Circle.objects.get(owner=stranger, name="Inner")
    with pytest.raises(ValidationError):
        services.contact_set_circle(contact=lori, circle=theirs)
    lori.refresh_from_db()
    assert lori.circle.owner_id == lori.owner_id


def test_creating_an_existing_user_is_refused(owner: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.user_create(username="alice", password="whatever-long-1")
    assert "already exists" in caught.value.message_dict["username"][0]
