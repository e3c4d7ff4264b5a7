"""Who would enjoy this: contacts ranked for an article, each with its reasons."""

from __future__ import annotations

import time

from goodwill.insight.share_match import ArticleText, ContactProfile, ShareIndex, suggest_contacts
from goodwill.insight.terms import terms

SOLAR = ArticleText(
    key="https://x.example/solar",
    title="Home batteries and rooftop solar in 2026",
    text="Battery prices fell. Rooftop solar with a home battery pays back in nine years.",
)


def _diego(**changes: object) -> ContactProfile:
    fields: dict[str, object] = {
        "contact_id": 6,
        "name": "Diego Alvarez",
        "interests": ("solar", "batteries"),
        "position": "Solar engineer",
        "organization": "SunPeak Energy",
        "notes": "Designs rooftop solar for schools.",
        "conversations": ("Call about home battery storage",),
    }
    fields.update(changes)
    return ContactProfile(**fields)  # type: ignore[arg-type]


LORI = ContactProfile(
    contact_id=1,
    name="Lori Chen",
    interests=("typography", "branding"),
    position="Art director",
    notes="Loves old print posters.",
)
SAM = ContactProfile(
    contact_id=2,
    name="Sam Okafor",
    position="Founder",
    notes="Builds energy-efficient homes; asked about batteries for a client's roof.",
)


def test_the_contact_the_article_suits_comes_first_with_the_words_that_matched() -> None:
    [first, *rest] = suggest_contacts([LORI, SAM, _diego()], SOLAR)

    assert first.contact_id == 6
    assert first.reasons[0].source == "their interests"
    assert set(first.reasons[0].words) == {"solar", "batteries"}
    assert first.why.startswith("Matches their interests (")
    assert "past conversations" in first.why
    assert [s.contact_id for s in rest] == [2]


def test_a_contact_with_nothing_in_common_is_never_suggested() -> None:
    suggestions = suggest_contacts([LORI, _diego()], SOLAR)

    assert 1 not in [s.contact_id for s in suggestions]


def test_a_contact_who_asked_for_no_articles_is_never_suggested() -> None:
    assert suggest_contacts([_diego(no_articles=True), LORI], SOLAR) == []


def test_an_item_already_shared_with_a_contact_is_not_suggested_to_them_again() -> None:
    suggestions = suggest_contacts([_diego(already_shared=frozenset({SOLAR.key})), SAM], SOLAR)

    assert [s.contact_id for s in suggestions] == [2]


def test_one_common_word_is_not_enough() -> None:
    only_solar = ContactProfile(contact_id=9, name="Sol", notes="Named her cat Solar.")

    assert suggest_contacts([only_solar, _diego()], SOLAR)[-1].contact_id == 6
    assert 9 not in [s.contact_id for s in suggest_contacts([only_solar, _diego()], SOLAR)]


def test_at_most_a_handful_are_suggested() -> None:
    crowd = [_diego(contact_id=i, name=f"Solar fan {i}") for i in range(20)]

    assert len(ShareIndex(crowd).suggest(SOLAR)) == 5
    assert len(ShareIndex(crowd).suggest(SOLAR, limit=2)) == 2


def test_excluded_contacts_are_skipped_and_the_next_best_take_their_place() -> None:
    index = ShareIndex([_diego(), SAM])

    assert [s.contact_id for s in index.suggest(SOLAR, exclude=[6])] == [2]


def test_words_are_stemmed_so_forms_of_a_word_meet() -> None:
    assert {t for t, _ in terms("designing designers design")} == {"design"}
    assert [w for _, w in terms("The best of the week")] == []


def test_ten_thousand_contacts_are_ranked_for_one_article_well_under_a_second() -> None:
    # The budget is 200 ms (bench/share_bench.py measures it); a shared CI machine gets slack.
    jobs = ["Solar engineer", "Art director", "Founder", "Tax advisor", "Web developer"]
    topics = ["solar batteries", "typography", "hiring", "tax", "css performance", "coffee"]
    profiles = [
        ContactProfile(
            contact_id=i,
            name=f"Contact {i}",
            interests=(topics[i % 6], topics[(i * 7) % 6]),
            position=jobs[i % 5],
            notes=f"Met at event {i % 50} about {topics[(i * 3) % 6]} and home energy",
            conversations=(f"Call about {topics[(i * 5) % 6]} for project {i % 97}",),
        )
        for i in range(10_000)
    ]
    index = ShareIndex(profiles)

    started = time.perf_counter()
    suggestions = index.suggest(SOLAR)
    elapsed = time.perf_counter() - started

    assert len(suggestions) == 5
    assert elapsed < 1.0


def test_the_rarer_matching_word_is_named_first_since_it_says_more() -> None:
    article = ArticleText(key="k", title="Design for solar schools", text="Design and solar.")
    designers = [
        ContactProfile(contact_id=i, name=f"Designer {i}", position="Designer") for i in range(9)
    ]
    both = ContactProfile(contact_id=99, name="Both", interests=("design", "solar"))

    [first, *_] = ShareIndex([*designers, both]).suggest(article)

    assert first.contact_id == 99
    assert first.reasons[0].words == ("solar", "design")
