"""`goodwill log CONTACT KIND [NOTE]`: a touch from the terminal, found by name or any handle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import Result
from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Contact, Interaction
from tests.cli.conftest import invoke


def log(*args: str) -> Result:
    """`goodwill log ARGS... --user alice`: the owner's account among the three."""
    return invoke("log", *args, "--user", "alice")


def test_logging_by_name_resets_the_clock_and_says_when_next(lori: Contact) -> None:
    result = log("Lori Chen", "call", "Talked about the new studio")

    assert result.exit_code == 0, result.output
    interaction = Interaction.objects.get()
    assert (interaction.kind, interaction.summary) == ("call", "Talked about the new studio")
    assert list(interaction.contacts.all()) == [lori]
    lori.refresh_from_db()
    assert result.output.startswith("Logged a call with Lori Chen; next touch due ")
    assert lori.last_touch_at is not None


@pytest.mark.parametrize(
    "handle", ["lori@northwind.example", "LORI@Northwind.Example", "+1 (415) 555-0134"]
)
def test_any_handle_finds_the_contact(lori: Contact, handle: str) -> None:
    result = log(handle, "email")

    assert result.exit_code == 0, result.output
    assert Interaction.objects.get().summary == "Email"


def test_part_of_a_unique_name_is_enough(lori: Contact) -> None:
    assert log("lori", "message", "Hi").exit_code == 0


def test_an_ambiguous_name_lists_the_candidates_and_logs_nothing(
    owner: User, lori: Contact
) -> None:
    services.contact_create(owner=owner, full_name="Lori Chen", organization_name="Acme")

    result = log("Lori Chen", "call")

    assert result.exit_code == 2
    assert "fits 2 contacts" in result.output
    assert "Lori Chen (Northwind Design)" in result.output
    assert "Lori Chen (Acme)" in result.output
    assert "nothing was logged" in result.output
    assert not Interaction.objects.exists()


def test_nobody_found_says_so(lori: Contact) -> None:
    result = log("Zed Nobody", "call")

    assert result.exit_code == 2
    assert "no contact is called or reached at 'Zed Nobody'" in result.output
    assert not Interaction.objects.exists()


def test_an_unknown_kind_is_refused_by_click(lori: Contact) -> None:
    result = log("Lori Chen", "coffee")

    assert result.exit_code == 2
    assert "'coffee' is not one of" in result.output
    assert not Interaction.objects.exists()


def test_a_past_date_and_a_direction_are_kept(lori: Contact) -> None:
    day = (timezone.localdate() - timedelta(days=3)).isoformat()

    result = log("Lori Chen", "email", "Sent the deck", "--date", day, "--direction", "out")

    assert result.exit_code == 0, result.output
    interaction = Interaction.objects.get()
    assert interaction.direction == "out"
    assert timezone.localdate(interaction.occurred_at).isoformat() == day


def test_a_future_date_is_refused_in_one_line(lori: Contact) -> None:
    day = (timezone.localdate() + timedelta(days=3)).isoformat()

    result = log("Lori Chen", "email", "--date", day)

    assert result.exit_code == 2
    assert "cannot be in the future" in result.output
    assert not Interaction.objects.exists()


def test_a_bad_date_is_refused_in_one_line(lori: Contact) -> None:
    result = log("Lori Chen", "email", "--date", "next tuesday")

    assert result.exit_code == 2
    assert "--date 'next tuesday' is not a date" in result.output


def test_another_accounts_contact_is_never_found(stranger: User, lori: Contact) -> None:
    result = invoke("log", "Lori Chen", "call", "--user", stranger.username)

    assert result.exit_code == 2
    assert not Interaction.objects.exists()


def test_goodwill_circles_lists_suggestions_with_reasons_and_accepts_them(owner: User) -> None:
    from tests.importing.helpers import ANA, connection_row, import_bytes, linkedin_export

    import_bytes(owner, linkedin_export(connections=[connection_row(ANA)]), "li.zip")

    listed = invoke("circles", "--user", "alice")
    accepted = invoke("circles", "--accept", "--user", "alice")

    assert listed.exit_code == 0, listed.output
    assert "Ana Bozic: Network -> Dormant" in listed.output
    assert "Nothing between you in two years" in listed.output
    assert "Moved 1 contact." in accepted.output
    assert Contact.objects.get(owner=owner).circle.name == "Dormant"
    assert "No suggestions" in invoke("circles", "--user", "alice").output
