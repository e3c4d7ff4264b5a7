"""Probable duplicates are suggested with reasons and never merged by themselves; a merge keeps
everything of both contacts; "not the same person" is remembered."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from goodwill.network import services
from goodwill.network.duplicates import contact_mark_not_same, duplicates_suggest
from goodwill.network.merging import contact_merge
from goodwill.network.models import (
    Contact,
    ContactPhoto,
    Give,
    Handle,
    Interaction,
    Loop,
    MergeSuggestion,
    Participation,
    Share,
)
from tests.importing.helpers import PNG, connection_row, import_bytes, linkedin_export, vcard


def test_an_import_suggests_probable_duplicates_with_reasons_and_merges_nothing(
    owner: User,
) -> None:
    import_bytes(owner, vcard("FN:Jane Doe", "EMAIL:jane@acme.example", "ORG:Acme"), "a.vcf")

    run = import_bytes(
        owner,
        linkedin_export(
            connections=[
                connection_row(("J. Doe", "https://www.linkedin.com/in/jdoe"), company="Acme Inc")
            ]
        ),
        "export.zip",
    )

    assert run.duplicates_suggested == 1
    assert Contact.objects.filter(owner=owner).count() == 2
    suggestion = MergeSuggestion.objects.get(owner=owner)
    assert suggestion.status == MergeSuggestion.Status.OPEN
    assert suggestion.reasons == [
        "names alike: Jane Doe and J. Doe (J. is the initial of Jane)",
        "both at Acme",
    ]


def test_a_dismissed_pair_is_never_suggested_again(owner: User) -> None:
    jane = services.contact_create(owner=owner, full_name="Jane Doe", organization_name="Acme")
    other = services.contact_create(owner=owner, full_name="Jane Doe", organization_name="Acme")
    assert duplicates_suggest(owner=owner) == 1

    contact_mark_not_same(first=other, second=jane)

    assert duplicates_suggest(owner=owner) == 0
    suggestion = MergeSuggestion.objects.get(owner=owner)
    assert suggestion.status == MergeSuggestion.Status.DISMISSED
    assert suggestion.decided_at is not None


def test_not_same_across_accounts_is_refused(owner: User, stranger: User) -> None:
    mine = services.contact_create(owner=owner, full_name="Jane Doe")
    theirs = services.contact_create(owner=stranger, full_name="Jane Doe")

    with pytest.raises(ValidationError):
        contact_mark_not_same(first=mine, second=theirs)


@pytest.fixture
def two_of_one_person(owner: User) -> tuple[Contact, Contact]:
    keep = services.contact_create(
        owner=owner,
        full_name="Jane Doe",
        notes="Likes espresso",
        handles=[("email", "jane@acme.example")],
    )
    absorb = services.contact_create(
        owner=owner,
        full_name="J. Doe",
        organization_name="Acme",
        position="CTO",
        notes="Has a dog",
        handles=[("phone", "+14155550100"), ("linkedin", "linkedin.com/in/jdoe")],
    )
    both = services.interaction_log(
        owner=owner, contacts=[keep, absorb], kind="meeting", summary="Lunch, all three"
    )
    services.interaction_log(owner=owner, contacts=[absorb], kind="call", summary="Call")
    services.loop_open(contact=absorb, kind="ask", whose="theirs", summary="Intro to a designer")
    services.give_record(contact=absorb, kind="advice", direction="in", summary="Pricing tips")
    services.share_record(contact=keep, url="https://example.com/a", title="A")
    services.share_record(contact=absorb, url="https://example.com/a", title="A")
    services.share_record(contact=absorb, url="https://example.com/b", title="B")
    ContactPhoto.objects.create(owner=owner, contact=absorb, data=PNG, mime_type="image/png")
    assert both.contacts.count() == 2
    return keep, absorb


def test_a_merge_keeps_every_handle_interaction_loop_give_share_note_and_photo(
    owner: User, two_of_one_person: tuple[Contact, Contact]
) -> None:
    keep, absorb = two_of_one_person

    merged = contact_merge(keep=keep, absorb=absorb)

    assert list(Contact.objects.filter(owner=owner)) == [merged]
    assert merged.full_name == "Jane Doe"
    assert merged.organization is not None
    assert merged.organization.name == "Acme"
    assert merged.position == "CTO"
    assert merged.notes == "Likes espresso\n\nHas a dog"
    assert set(Handle.objects.filter(contact=merged).values_list("normalized", flat=True)) == {
        "jane@acme.example",
        "+14155550100",
        "linkedin.com/in/jdoe",
    }
    assert Interaction.objects.count() == 2
    assert Participation.objects.filter(contact=merged).count() == 2
    assert Loop.objects.get().contact == merged
    assert Give.objects.get().contact == merged
    assert sorted(Share.objects.filter(contact=merged).values_list("url", flat=True)) == [
        "https://example.com/a",
        "https://example.com/b",
    ]
    assert bytes(ContactPhoto.objects.get(contact=merged).data) == PNG


def test_a_merge_keeps_where_the_taken_values_came_from(owner: User) -> None:
    import_bytes(owner, vcard("FN:J. Doe", "ORG:Acme", "EMAIL:j@acme.example"), "a.vcf")
    keep = services.contact_create(owner=owner, full_name="Jane Doe")
    absorb = Contact.objects.get(owner=owner, full_name="J. Doe")

    merged = contact_merge(keep=keep, absorb=absorb)

    assert merged.field_sources == {"organization": "vcard"}
    assert Handle.objects.get(contact=merged).source == "vcard"


def test_not_the_same_person_said_of_the_absorbed_contact_holds_after_a_merge(
    owner: User, two_of_one_person: tuple[Contact, Contact]
) -> None:
    keep, absorb = two_of_one_person
    namesake = services.contact_create(owner=owner, full_name="John Doe")
    contact_mark_not_same(first=absorb, second=namesake)

    contact_merge(keep=keep, absorb=absorb)

    suggestion = MergeSuggestion.objects.exclude(status=MergeSuggestion.Status.MERGED).get(
        owner=owner
    )
    assert {suggestion.contact_a_id, suggestion.contact_b_id} == {keep.pk, namesake.pk}
    assert suggestion.status == MergeSuggestion.Status.DISMISSED


def test_merging_across_accounts_or_into_itself_is_refused(owner: User, stranger: User) -> None:
    mine = services.contact_create(owner=owner, full_name="Jane Doe")
    theirs = services.contact_create(owner=stranger, full_name="Jane Doe")

    with pytest.raises(ValidationError):
        contact_merge(keep=mine, absorb=theirs)
    with pytest.raises(ValidationError):
        contact_merge(keep=mine, absorb=mine)
    assert Contact.objects.count() == 2


def test_a_merged_suggestion_is_kept_as_merged_with_the_absorbed_name(owner: User) -> None:
    keep = services.contact_create(owner=owner, full_name="Jane Doe", organization_name="Acme")
    absorb = services.contact_create(owner=owner, full_name="J. Doe", organization_name="Acme")
    assert duplicates_suggest(owner=owner) == 1
    suggestion = MergeSuggestion.objects.get(owner=owner)
    reasons = suggestion.reasons

    contact_merge(keep=keep, absorb=absorb)

    suggestion.refresh_from_db()
    assert suggestion.status == MergeSuggestion.Status.MERGED
    assert suggestion.contact_a_id == keep.pk
    assert suggestion.contact_b_id is None
    assert suggestion.absorbed_name == "J. Doe"
    assert suggestion.decided_at is not None
    assert suggestion.reasons == reasons
    assert duplicates_suggest(owner=owner) == 0


def test_a_merge_nobody_suggested_is_on_record_too(owner: User) -> None:
    keep = services.contact_create(owner=owner, full_name="Robert Lane")
    absorb = services.contact_create(owner=owner, full_name="Bobby L")

    contact_merge(keep=keep, absorb=absorb)

    [merged] = MergeSuggestion.objects.filter(owner=owner)
    assert (merged.status, merged.contact_a_id, merged.absorbed_name) == (
        MergeSuggestion.Status.MERGED,
        keep.pk,
        "Bobby L",
    )


def test_the_history_follows_a_contact_merged_again(owner: User) -> None:
    first = services.contact_create(owner=owner, full_name="Jane Doe")
    second = services.contact_create(owner=owner, full_name="J. Doe")
    third = services.contact_create(owner=owner, full_name="Janie Doe")
    contact_merge(keep=second, absorb=first)

    contact_merge(keep=third, absorb=second)

    history = MergeSuggestion.objects.filter(owner=owner).order_by("pk")
    assert [(m.contact_a_id, m.absorbed_name) for m in history] == [
        (third.pk, "Jane Doe"),
        (third.pk, "J. Doe"),
    ]
