"""Who would enjoy this: contacts ranked for an article, each with its reasons."""

from __future__ import annotations

from dataclasses import replace

from goodwill.insight.share_match import (
    ArticleText,
    ContactProfile,
    ShareIndex,
    Tuning,
    suggest_contacts,
)
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


def _others(count: int, start: int = 100) -> list[ContactProfile]:
    """Contacts with nothing to do with solar, so a network has its ordinary mix of words."""
    topics = ["typography", "tax returns", "hiring", "coffee roasting", "cycling", "wine"]
    return [
        ContactProfile(
            contact_id=start + i,
            name=f"Other {i}",
            interests=(topics[i % 6],),
            position=["Art director", "Tax advisor", "Recruiter", "Roaster"][i % 4],
            conversations=(f"Call about {topics[(i * 5) % 6]}",),
        )
        for i in range(count)
    ]


def test_at_most_a_handful_are_suggested_when_many_suit() -> None:
    crowd = [_diego(contact_id=i, name=f"Solar fan {i}") for i in range(20)]
    index = ShareIndex([*crowd, *_others(200)])

    assert len(index.suggest(SOLAR)) == 5
    assert len(index.suggest(SOLAR, limit=2)) == 2
    assert {s.contact_id for s in index.suggest(SOLAR)} <= set(range(20))


def test_fewer_than_five_are_shown_when_few_suit() -> None:
    index = ShareIndex([_diego(), SAM, LORI, *_others(60)])

    assert [s.contact_id for s in index.suggest(SOLAR)] == [6, 2]


def test_nobody_is_suggested_when_the_article_suits_nobody() -> None:
    # Two of its words ("call", "cycling") are in some profiles: a coincidence, not a reason.
    knitting = ArticleText(
        key="k",
        title="Knitting your first sweater",
        text="Wool yarn, needles, and a call to your cycling club for a winter scarf.",
    )
    network = [_diego(), SAM, LORI, *_others(60)]
    loose = Tuning(min_evidence=0, min_score=0)

    assert ShareIndex(network, loose).suggest(knitting)
    assert ShareIndex(network).suggest(knitting) == []


def test_a_weak_match_is_not_shown_even_when_it_is_the_best_there_is() -> None:
    # One telling word ("batteries") and one that every contact's notes have ("home").
    weak = ContactProfile(contact_id=7, name="Weak", notes="Sells batteries from home.")
    others = [replace(other, notes="Works from home.") for other in _others(60)]
    loose = Tuning(min_evidence=0, min_score=0)

    assert ShareIndex([weak, *others]).suggest(SOLAR) == []
    assert [s.contact_id for s in ShareIndex([weak, *others], loose).suggest(SOLAR)] == [7]


def test_in_a_small_network_a_topic_everyone_shares_still_counts() -> None:
    ana = ContactProfile(contact_id=3, name="Ana", position="Solar batteries fitter")

    assert {s.contact_id for s in suggest_contacts([_diego(), ana], SOLAR)} == {6, 3}


def test_words_that_follow_each_other_count_once_more_as_a_phrase() -> None:
    article = ArticleText(key="k", title="Cash flow for small shops", text="Cash flow weekly.")
    phrase = ContactProfile(contact_id=1, name="Phrase", interests=("cash flow", "rent"))
    apart = ContactProfile(contact_id=2, name="Apart", interests=("cash", "the flow of rent"))
    network = [phrase, apart, *_others(40)]

    plain = ShareIndex(network).suggest(article)
    phrased = ShareIndex(network, Tuning(phrase_weight=1.0)).suggest(article)

    assert plain[0].score == plain[1].score
    assert [s.contact_id for s in phrased][:2] == [1, 2]
    assert phrased[0].score > phrased[1].score


def test_how_a_conversation_was_had_can_be_left_out_of_what_it_was_about() -> None:
    article = ArticleText(key="k", title="Your phone call scripts", text="Call scripts for sales.")
    caller = ContactProfile(contact_id=1, name="Caller", conversations=("Call about scripts",))

    assert ShareIndex([caller], Tuning(min_evidence=0, min_score=0)).suggest(article)
    assert not ShareIndex([caller], Tuning(min_evidence=0, min_score=0, strip_medium=True)).suggest(
        article
    )


def test_excluded_contacts_are_skipped_and_the_next_best_take_their_place() -> None:
    index = ShareIndex([_diego(), SAM])

    assert [s.contact_id for s in index.suggest(SOLAR, exclude=[6])] == [2]


def test_words_are_stemmed_so_forms_of_a_word_meet() -> None:
    assert {t for t, _ in terms("designing designers design")} == {"design"}
    assert [w for _, w in terms("The best of the week")] == []


def test_in_ten_thousand_contacts_only_the_few_who_suit_are_found() -> None:
    # Speed is measured by bench/share_bench.py; here, that a big network does not drown the
    # few good matches in contacts who share a common word or two.
    jobs = ["Art director", "Founder", "Tax advisor", "Web developer", "Barista"]
    topics = ["typography", "hiring", "tax", "css performance", "coffee", "home cooking"]
    profiles = [
        ContactProfile(
            contact_id=i,
            name=f"Contact {i}",
            interests=(topics[i % 6], topics[(i * 7) % 6]),
            position=jobs[i % 5],
            notes=f"Met at event {i % 50} about {topics[(i * 3) % 6]} at home",
            conversations=(f"Call about {topics[(i * 5) % 6]} for project {i % 97}",),
        )
        for i in range(10_000)
    ]
    profiles += [_diego(contact_id=10_000 + i, name=f"Solar {i}") for i in range(3)]

    suggestions = ShareIndex(profiles).suggest(SOLAR)

    assert sorted(s.contact_id for s in suggestions) == [10_000, 10_001, 10_002]


def test_the_rarer_matching_word_is_named_first_since_it_says_more() -> None:
    article = ArticleText(key="k", title="Design for solar schools", text="Design and solar.")
    designers = [
        ContactProfile(contact_id=i, name=f"Designer {i}", position="Designer") for i in range(9)
    ]
    both = ContactProfile(
        contact_id=99, name="Both", interests=("design", "solar"), notes="Schools."
    )

    [first, *_] = ShareIndex([*designers, both]).suggest(article)

    assert first.contact_id == 99
    assert first.reasons[0].words == ("solar", "design")
