"""The benchmark's generator writes only data the application itself could have written.

The generator bypasses services.py for speed, so these tests replay a tiny generated network
through services.py for another account and hold the denormalised fields to what it computes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bench.generate import NetworkSize, generate_network
from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.models import Circle, Contact, Interaction, Loop, Participation
from tests.conftest import Accounts

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def generate_tiny(owner: User, seed: int = 3) -> NetworkSize:
    return generate_network(
        owner=owner,
        contacts=50,
        interactions=500,
        loops=40,
        gives=20,
        shares=10,
        seed=seed,
        now=NOW,
    )


def replay_through_services(source: User, target: User) -> dict[int, Contact]:
    """Each generated contact, interaction and loop of source, written again through services."""
    circles = {circle.name: circle for circle in Circle.objects.filter(owner=target)}
    replayed: dict[int, Contact] = {}
    for contact in Contact.objects.filter(owner=source).select_related("circle").order_by("pk"):
        copy = services.contact_create(
            owner=target,
            full_name=contact.full_name,
            circle=circles[contact.circle.name],
            created_at=contact.created_at,
        )
        if contact.cadence_days is not None:
            services.contact_set_circle(
                contact=copy, circle=copy.circle, cadence_days=contact.cadence_days
            )
        replayed[contact.pk] = copy
    interactions = Interaction.objects.filter(owner=source).prefetch_related("participations")
    for interaction in interactions.order_by("pk"):
        services.interaction_log(
            owner=target,
            contacts=[replayed[p.contact_id] for p in interaction.participations.all()],
            kind=interaction.kind,
            summary=interaction.summary,
            direction=interaction.direction,
            occurred_at=interaction.occurred_at,
        )
    return replayed


def test_generated_contacts_carry_the_clocks_services_would_set(accounts: Accounts) -> None:
    size = generate_tiny(accounts.owner)
    replayed = replay_through_services(accounts.owner, accounts.teammate)

    generated = Contact.objects.filter(owner=accounts.owner).order_by("pk")
    assert size.contacts == len(generated) == 50
    clocks = [(c.last_touch_at, c.touch_due_at) for c in generated]
    expected = [
        (r.last_touch_at, r.touch_due_at)
        for r in Contact.objects.filter(pk__in=[replayed[c.pk].pk for c in generated]).order_by(
            "pk"
        )
    ]
    assert clocks == expected
    # The network holds each case the rule distinguishes: a contact's own cadence, contacts
    # touched and never touched, and some already due, so that Today has work to do.
    assert any(c.cadence_days is not None for c in generated)
    assert any(last is None for last, _ in clocks)
    assert any(last is not None for last, _ in clocks)
    assert any(due is not None and due <= NOW for _, due in clocks)


def test_every_participation_copies_its_interactions_time(owner: User) -> None:
    size = generate_tiny(owner)

    participations = Participation.objects.filter(owner=owner).select_related("interaction")
    assert size.interactions == Interaction.objects.filter(owner=owner).count() == 500
    assert size.participations == len(participations) > 500
    assert all(p.occurred_at == p.interaction.occurred_at for p in participations)


def test_generated_loops_fall_due_as_services_would_say(accounts: Accounts) -> None:
    generate_tiny(accounts.owner)
    replayed = replay_through_services(accounts.owner, accounts.teammate)

    loops = Loop.objects.filter(owner=accounts.owner).select_related("contact__circle")
    assert len(loops) == 40
    for loop in loops:
        copy = services.loop_open(
            contact=replayed[loop.contact_id],
            kind=loop.kind,
            whose=loop.whose,
            summary=loop.summary,
            opened_at=loop.opened_at,
            response_window_days=loop.response_window_days,
        )
        assert copy.reply_due_at == loop.reply_due_at
        if loop.status == Loop.Status.ACKNOWLEDGED:
            services.loop_acknowledge(loop=copy, at=loop.acknowledged_at)
        if loop.status == Loop.Status.CLOSED:
            services.loop_close(loop=copy, outcome=loop.outcome, at=loop.closed_at)
        copy.refresh_from_db()
        assert (copy.status, copy.outcome, copy.closed_at) == (
            loop.status,
            loop.outcome,
            loop.closed_at,
        )


def test_the_same_seed_generates_the_same_network(accounts: Accounts) -> None:
    generate_tiny(accounts.owner, seed=11)
    generate_tiny(accounts.teammate, seed=11)

    def network(owner: User) -> list[tuple[object, ...]]:
        return list(
            Contact.objects.filter(owner=owner)
            .order_by("pk")
            .values_list("full_name", "organization__name", "circle__name", "touch_due_at")
        )

    assert network(accounts.owner) == network(accounts.teammate)
    generate_tiny(accounts.stranger, seed=12)
    assert network(accounts.owner) != network(accounts.stranger)
