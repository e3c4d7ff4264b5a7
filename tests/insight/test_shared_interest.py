"""A shared interest: a contact's interest met in something the user wrote or shared lately."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from goodwill.insight.shared_interest import (
    SharedInterest,
    UserWriting,
    index_writings,
    shared_interest,
    shared_interest_reason,
)

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def _post(title: str, text: str = "", *, days_ago: int = 3, kind: str = "post") -> UserWriting:
    return UserWriting(kind=kind, title=title, text=text, at=NOW - timedelta(days=days_ago))


def test_every_word_of_the_interest_must_be_in_one_writing() -> None:
    writings = index_writings(
        [_post("Why solar panels got cheap"), _post("Energy prices this winter", days_ago=1)]
    )

    assert shared_interest(["solar energy"], writings) is None
    assert shared_interest(["solar"], writings) == SharedInterest("solar", writings[1][0])


def test_words_meet_in_any_form_and_in_the_text_as_well_as_the_title() -> None:
    writings = index_writings([_post("Grid storage", "What the new batteries change for homes")])

    found = shared_interest(["home battery"], writings)

    assert found is not None
    assert found.interest == "home battery"


def test_the_most_recent_writing_wins_then_the_contacts_first_interest() -> None:
    older = _post("Pottery for beginners", days_ago=20)
    newer = _post("Typography and pottery glazes", days_ago=2)
    writings = index_writings([older, newer])

    found = shared_interest(["pottery", "typography"], writings)

    assert found == SharedInterest("pottery", newer)
    assert shared_interest(["typography", "pottery"], writings) == SharedInterest(
        "typography", newer
    )


def test_interests_made_only_of_common_words_never_match() -> None:
    writings = index_writings([_post("The best things about work")])

    assert shared_interest(["the best", "things"], writings) is None
    assert shared_interest([], writings) is None
    assert shared_interest(["cycling"], []) is None


def test_the_reason_names_the_interest_and_where_the_user_wrote_of_it() -> None:
    post = SharedInterest("solar energy", _post("Solar energy, explained", days_ago=14))
    share = SharedInterest("cycling", _post("Bike lanes", days_ago=400, kind="share"))

    assert shared_interest_reason(post, now=NOW) == (
        "A shared interest: solar energy (your post “Solar energy, explained”, 12 Nov)."
    )
    assert shared_interest_reason(share, now=NOW) == (
        "A shared interest: cycling (you shared “Bike lanes”, 22 Oct 2025)."
    )
