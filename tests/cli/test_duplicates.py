"""`goodwill duplicates`, `goodwill merge` and `goodwill not-same`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.models import Contact, Interaction, MergeSuggestion
from tests.cli.conftest import invoke


@pytest.fixture
def two_janes(owner: User) -> tuple[Contact, Contact]:
    jane = services.contact_create(
        owner=owner,
        full_name="Jane Doe",
        organization_name="Acme",
        handles=[("email", "jane@acme.example")],
    )
    initial = services.contact_create(
        owner=owner,
        full_name="J. Doe",
        organization_name="Acme",
        handles=[("phone", "+14155550100")],
    )
    return jane, initial


def test_duplicates_lists_each_suggestion_with_its_reasons(
    two_janes: tuple[Contact, Contact],
) -> None:
    jane, initial = two_janes

    result = invoke("duplicates", "--user", "alice")

    assert result.exit_code == 0, result.output
    assert f"Jane Doe, Acme (id {jane.pk})  and  J. Doe, Acme (id {initial.pk})" in result.stdout
    assert "    names alike: Jane Doe and J. Doe (J. is the initial of Jane)" in result.stdout
    assert "    both at Acme" in result.stdout
    assert Contact.objects.count() == 2  # nothing merged


def test_merge_keeps_the_first_and_everything_of_the_second(
    owner: User, two_janes: tuple[Contact, Contact]
) -> None:
    jane, initial = two_janes
    services.interaction_log(owner=owner, contacts=[initial], kind="call", summary="Call")

    result = invoke("merge", "--user", "alice", str(jane.pk), str(initial.pk))

    assert result.exit_code == 0, result.output
    assert result.stdout == f"Merged J. Doe into Jane Doe (id {jane.pk}).\n"
    [kept] = Contact.objects.filter(owner=owner)
    assert set(kept.handles.values_list("normalized", flat=True)) == {
        "jane@acme.example",
        "+14155550100",
    }
    assert Interaction.objects.get().contacts.get() == kept


def test_not_same_is_remembered_and_never_suggested_again(
    two_janes: tuple[Contact, Contact],
) -> None:
    jane, initial = two_janes

    result = invoke("not-same", "--user", "alice", str(initial.pk), str(jane.pk))

    assert result.exit_code == 0, result.output
    assert invoke("duplicates", "--user", "alice").stdout == "No possible duplicates.\n"


def test_merge_of_another_accounts_contact_is_refused_and_changes_nothing(
    stranger: User, two_janes: tuple[Contact, Contact]
) -> None:
    jane, initial = two_janes

    result = invoke("merge", str(jane.pk), str(initial.pk), "--user", "mallory")

    assert result.exit_code == 2
    assert result.stderr == f"goodwill: 'mallory' has no contact with id {jane.pk}\n"
    assert Contact.objects.count() == 2


def test_duplicates_merged_lists_each_merge_with_its_day(
    owner: User, two_janes: tuple[Contact, Contact]
) -> None:
    jane, initial = two_janes
    invoke("merge", "--user", "alice", str(jane.pk), str(initial.pk))

    listed = invoke("duplicates", "--user", "alice")
    merged = invoke("duplicates", "--merged", "--user", "alice")
    theirs = invoke("duplicates", "--merged", "--user", "mallory")

    assert listed.stdout == (
        "No possible duplicates.\n1 merged before: goodwill duplicates --merged lists them.\n"
    )
    decided_at = MergeSuggestion.objects.get(owner=owner).decided_at
    assert decided_at is not None
    day = decided_at.strftime("%Y-%m-%d")
    assert merged.stdout == f"merged on {day}: J. Doe into Jane Doe, Acme (id {jane.pk})\n"
    assert theirs.stdout == "No merges yet.\n"
