"""Owner-scoped reads: search, timeline, loops and gives of a contact."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import selectors, services
from goodwill.network.models import Circle, Contact


def names(contacts: object) -> list[str]:
    return [c.full_name for c in contacts]  # type: ignore[attr-defined]


def test_search_finds_by_name_organization_title_and_handle(owner: User, lori: Contact) -> None:
    services.contact_create(owner=owner, full_name="Ana Ruiz", organization_name="Acme")
    assert names(selectors.contact_search(owner=owner, query="lori")) == ["Lori Chen"]
    assert names(selectors.contact_search(owner=owner, query="northwind")) == ["Lori Chen"]
    assert names(selectors.contact_search(owner=owner, query="art director")) == ["Lori Chen"]
    assert names(selectors.contact_search(owner=owner, query="lori@north")) == ["Lori Chen"]
    assert names(selectors.contact_search(owner=owner, query="acme")) == ["Ana Ruiz"]


def test_search_by_handle_lists_a_contact_once_however_many_handles_match(
    owner: User, lori: Contact
) -> None:
    services.handle_add(contact=lori, kind="email", value="lori.chen@northwind.example")
    assert names(selectors.contact_search(owner=owner, query="northwind.example")) == ["Lori Chen"]


def test_search_filters_by_circle(owner: User, lori: Contact) -> None:
    inner = Circle.objects.get(owner=owner, name="Inner")
    services.contact_create(owner=owner, full_name="Ines", circle=inner)
    assert names(selectors.contact_search(owner=owner, circle_id=inner.pk)) == ["Ines"]


def test_search_never_finds_another_owners_contacts(lori: Contact, stranger: User) -> None:
    assert names(selectors.contact_search(owner=stranger, query="lori")) == []
    assert names(selectors.contact_search(owner=stranger, query="northwind")) == []


def test_the_timeline_is_newest_first_and_names_the_other_participants(
    owner: User, lori: Contact
) -> None:
    ana = services.contact_create(owner=owner, full_name="Ana Ruiz")
    now = timezone.now()
    services.interaction_log(
        owner=owner,
        contacts=[lori],
        kind="call",
        summary="Old call",
        occurred_at=now - timedelta(days=9),
    )
    services.interaction_log(
        owner=owner, contacts=[lori, ana], kind="meeting", summary="Lunch", occurred_at=now
    )
    services.interaction_log(owner=owner, contacts=[ana], kind="email", summary="Not Lori's")
    timeline = list(selectors.contact_timeline(contact=lori))
    assert [i.summary for i in timeline] == ["Lunch", "Old call"]
    assert {c.full_name for c in timeline[0].contacts.all()} == {"Lori Chen", "Ana Ruiz"}


def test_contact_loops_list_open_ones_before_closed_ones(lori: Contact) -> None:
    done = services.loop_open(contact=lori, kind="ask", whose="mine", summary="Done one")
    services.loop_close(loop=done, outcome="done")
    services.loop_open(
        contact=lori,
        kind="offer",
        whose="theirs",
        summary="Open one",
        opened_at=timezone.now() - timedelta(days=5),
    )
    assert [loop.summary for loop in selectors.contact_loops(contact=lori)] == [
        "Open one",
        "Done one",
    ]


def test_the_give_balance_counts_each_direction(lori: Contact) -> None:
    services.give_record(contact=lori, kind="introduction", direction="out", summary="Intro")
    services.give_record(contact=lori, kind="advice", direction="out", summary="Pricing tips")
    services.give_record(contact=lori, kind="referral", direction="in", summary="Sent a client")
    balance = selectors.contact_give_balance(contact=lori)
    assert (balance.given, balance.received) == (2, 1)


def test_a_contacts_page_lists_every_open_loop_but_only_the_latest_closed_ones(
    lori: Contact,
) -> None:
    now = timezone.now()
    for n in range(3):
        closed = services.loop_open(contact=lori, kind="ask", whose="mine", summary=f"Old {n}")
        services.loop_close(loop=closed, outcome="done", at=now - timedelta(days=10 - n))
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Still open")
    loops = selectors.contact_loops(contact=lori, closed_limit=2)
    assert [loop.summary for loop in loops] == ["Still open", "Old 2", "Old 1"]


def test_a_contacts_page_lists_the_latest_gives(lori: Contact) -> None:
    now = timezone.now()
    for n in range(3):
        services.give_record(
            contact=lori,
            kind="help",
            direction="out",
            summary=f"Give {n}",
            occurred_at=now - timedelta(days=10 - n),
        )
    gives = selectors.contact_gives(contact=lori, limit=2)
    assert [give.summary for give in gives] == ["Give 2", "Give 1"]
