from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client

from goodwill.network import services
from goodwill.network.demo import demo_network_fill
from goodwill.network.models import (
    Contact,
    Direction,
    Give,
    Handle,
    Interaction,
    Loop,
    Organization,
    Participation,
)
from goodwill.rhythm.agenda import today_agenda
from tests.cli.conftest import invoke
from tests.conftest import PASSWORD, Accounts


def network_of(owner: User) -> dict[str, list[Any]]:
    """What a person would see of a network, without ids or the owner."""
    return {
        "contacts": list(
            Contact.objects.filter(owner=owner)
            .order_by("full_name")
            .values_list("full_name", "organization__name", "position", "circle__name", "notes")
        ),
        "handles": list(
            Handle.objects.filter(owner=owner).order_by("kind", "normalized").values_list("value")
        ),
        "interactions": list(
            Interaction.objects.filter(owner=owner)
            .order_by("occurred_at", "summary")
            .values_list("occurred_at", "kind", "direction", "summary")
        ),
        "loops": list(
            Loop.objects.filter(owner=owner)
            .order_by("opened_at", "summary")
            .values_list("opened_at", "kind", "whose", "status", "outcome", "summary")
        ),
        "gives": list(
            Give.objects.filter(owner=owner)
            .order_by("occurred_at", "summary")
            .values_list("occurred_at", "kind", "direction", "summary")
        ),
    }


@pytest.fixture
def demo_home(settings: Any, tmp_path: Path) -> Path:
    settings.GOODWILL_HOME = tmp_path
    return tmp_path


def test_the_demo_network_has_every_part_of_a_real_one(owner: User) -> None:
    result = invoke("demo", "--user", "alice")

    assert result.exit_code == 0, result.output
    contacts = Contact.objects.filter(owner=owner)
    assert 180 <= contacts.count() <= 220
    assert 20 <= Organization.objects.filter(owner=owner).count() <= 30
    by_circle = dict(contacts.values_list("circle__name").annotate(n=Count("id")))
    assert set(by_circle) == {"Inner", "Close", "Network", "Dormant"}
    assert contacts.exclude(notes="").count() >= 20
    assert set(Handle.objects.filter(owner=owner).values_list("kind", flat=True)) >= {
        "email",
        "phone",
        "linkedin",
    }

    interactions = Interaction.objects.filter(owner=owner)
    assert 2000 <= interactions.count() <= 5000
    kinds_and_directions = set(interactions.values_list("kind", "direction"))
    assert {kind for kind, _ in kinds_and_directions} == set(Interaction.Kind.values)
    assert {direction for _, direction in kinds_and_directions} == set(Direction.values)
    shared = Participation.objects.filter(owner=owner).values("interaction")
    assert shared.annotate(n=Count("id")).filter(n__gt=1).count() >= 20

    today = today_agenda(owner=owner)
    assert today.section("waiting").total >= 5
    assert today.section("silence").total >= 3
    assert today.section("drifting").total >= 10
    loops = Loop.objects.filter(owner=owner)
    assert loops.filter(status=Loop.Status.ACKNOWLEDGED).exists()
    assert set(loops.values_list("outcome", flat=True)) >= set(Loop.Outcome.values)
    assert set(loops.values_list("kind", "whose")) == {
        (kind, whose) for kind in Loop.Kind.values for whose in Loop.Whose.values
    }
    assert set(Give.objects.filter(owner=owner).values_list("kind", "direction")) == {
        (kind, direction) for kind in Give.Kind.values for direction in ("in", "out")
    }


def test_two_demo_runs_with_the_same_now_make_the_same_network(accounts: Accounts) -> None:
    now = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)

    first = demo_network_fill(owner=accounts.owner, now=now)
    second = demo_network_fill(owner=accounts.teammate, now=now)

    assert first == second
    assert network_of(accounts.owner) == network_of(accounts.teammate)


def test_a_second_demo_run_into_the_same_account_is_refused_and_adds_nothing(
    owner: User,
) -> None:
    assert invoke("demo", "--user", "alice").exit_code == 0
    before = network_of(owner)

    again = invoke("demo", "--user", "alice")

    assert again.exit_code == 2
    assert again.stderr == (
        "goodwill: 'alice' already has 200 contacts; the demo network only fills an empty account\n"
    )
    assert network_of(owner) == before


def test_demo_if_empty_does_nothing_on_an_account_with_contacts(lori: Contact) -> None:
    result = invoke("demo", "--user", "alice", "--if-empty")

    assert result.exit_code == 0
    assert result.output == ""
    assert list(Contact.objects.filter(owner=lori.owner)) == [lori]


def test_demo_create_user_makes_an_account_whose_password_is_kept_and_works(
    db: None, demo_home: Path
) -> None:
    created = invoke("demo", "--user", "demo", "--create-user", "--if-empty")

    assert created.exit_code == 0, created.output
    password_file = demo_home / "demo-password"
    password = password_file.read_text().strip()
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert created.stdout.splitlines()[-1] == (
        f"Sign in at http://127.0.0.1:8000 as demo / {password}"
    )
    assert Client().login(username="demo", password=password)
    assert Contact.objects.filter(owner__username="demo").count() == 200

    again = invoke("demo", "--user", "demo", "--create-user", "--if-empty")

    assert again.exit_code == 0, again.output
    assert again.stdout == f"Sign in at http://127.0.0.1:8000 as demo / {password}\n"
    assert Contact.objects.filter(owner__username="demo").count() == 200


def test_demo_create_user_does_not_show_a_kept_password_that_no_longer_works(
    db: None, demo_home: Path
) -> None:
    demo = services.user_create(username="demo", password=PASSWORD)
    services.contact_create(owner=demo, full_name="Ada Brennan")
    (demo_home / "demo-password").write_text("an old password\n")

    result = invoke("demo", "--user", "demo", "--create-user", "--if-empty")

    assert result.exit_code == 0, result.output
    assert result.output == ""
