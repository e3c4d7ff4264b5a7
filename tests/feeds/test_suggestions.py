"""Suggestions from the database: profiles built from what the user knows, kept fresh where it
matters, and sharing that refuses the same item however its address is written."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from goodwill.feeds import selectors, services
from goodwill.feeds.models import SharingProfile
from goodwill.insight.share_match import ArticleText
from goodwill.network import services as network
from goodwill.network.models import Contact

SOLAR = ArticleText(
    key="solar.example/post", title="Rooftop solar for schools", text="Batteries and solar panels."
)


@pytest.fixture
def diego(owner: User) -> Contact:
    diego = network.contact_create(
        owner=owner, full_name="Diego Alvarez", position="Solar engineer", notes="Schools"
    )
    network.interaction_log(owner=owner, contacts=[diego], kind="call", summary="Home batteries")
    return diego


def test_a_profile_holds_notes_conversations_gifts_and_shares(owner: User, diego: Contact) -> None:
    network.give_record(contact=diego, kind="article", direction="in", summary="Heat pump guide")
    network.share_send(contact=diego, url="https://x.example/a", title="A")

    [profile] = selectors.share_profiles(owner=owner)

    assert profile.position == "Solar engineer"
    assert "Home batteries" in profile.conversations
    assert profile.shared_with_you == ("Heat pump guide",)
    assert profile.already_shared == frozenset({"x.example/a"})


def test_no_articles_set_after_the_index_was_built_is_still_respected(
    owner: User, diego: Contact
) -> None:
    assert [s.name for s in selectors.share_suggestions(owner=owner, article=SOLAR)] == [
        "Diego Alvarez"
    ]
    # Written behind the service's back, as another process would: the cached index is stale.
    SharingProfile.objects.create(owner=owner, contact=diego, no_articles=True)

    assert selectors.share_suggestions(owner=owner, article=SOLAR) == []


def test_a_new_contact_is_ranked_at_once(owner: User, diego: Contact) -> None:
    selectors.share_suggestions(owner=owner, article=SOLAR)
    network.contact_create(owner=owner, full_name="Ana Solar", position="Solar batteries fitter")

    names = {s.name for s in selectors.share_suggestions(owner=owner, article=SOLAR)}

    assert "Ana Solar" in names


def test_an_item_shared_under_another_address_form_is_not_suggested_nor_shared_again(
    owner: User, diego: Contact
) -> None:
    network.share_send(contact=diego, url="https://www.solar.example/post/?utm_source=feed")

    suggestions = selectors.share_suggestions(
        owner=owner, article=SOLAR, url="https://solar.example/post"
    )

    assert suggestions == []
    with pytest.raises(ValidationError, match="already shared this with Diego Alvarez"):
        network.share_send(contact=diego, url="http://solar.example/post#top")


def test_sharing_with_another_accounts_contact_is_refused(stranger: User, diego: Contact) -> None:
    with pytest.raises(ValidationError):
        services.article_share(owner=stranger, contact=diego, url="https://x.example/a")

    assert not diego.shares.exists()
