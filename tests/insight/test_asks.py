"""The ask detector: the shipped model on clear sentences, sentence splitting, and detections."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files

import pytest

from goodwill.insight.asks import (
    ASK_THRESHOLD,
    FEATURES_VERSION,
    MODEL_RESOURCE,
    AskModel,
    AskModelError,
    Detection,
    IntentKind,
    ask_reasons,
    ask_score,
    detect_intents,
    net_ask_score,
    sentence_features,
    shipped_model,
    split_sentences,
)

CLEAR_ASKS = [
    "Could you introduce me to Maria?",
    "Would you mind reviewing my proposal before Friday?",
    "Can you send me the slides from yesterday's talk?",
    "Please send me the signed contract.",
    "Let me know when you are free for a call next week.",
    "Do you have time for a coffee on Tuesday?",
    "What do you think of the draft?",
    "Any news on the contract?",
    "Can we move the call to 3pm?",
    "It would be great if you could send the numbers.",
]

CLEAR_NON_ASKS = [
    "Thanks for the lunch yesterday, it was great to see you.",
    "The meeting went well and the client signed.",
    "I attached the report from last quarter.",
    "We had a great time in Lisbon.",
    "Congratulations on the new job!",
    "Looking forward to seeing you.",
    "Thanks again for your help!",
    "Nice to meet you.",
    "Take care, Maria!",
    "Hope you are well.",
]


def test_the_model_ships_in_the_package_and_loads_from_it() -> None:
    raw = files("goodwill.insight").joinpath(MODEL_RESOURCE).read_bytes()
    data = json.loads(gzip.decompress(raw))

    assert data["features_version"] == FEATURES_VERSION
    assert len(raw) < 1_000_000, "keep the shipped model small"
    assert len(shipped_model().weights) == len(data["terms"])


@pytest.mark.parametrize("sentence", CLEAR_ASKS)
def test_clear_asks_score_as_asks(sentence: str) -> None:
    assert ask_score(sentence) >= ASK_THRESHOLD


@pytest.mark.parametrize("sentence", CLEAR_NON_ASKS)
def test_clear_non_asks_score_below_the_threshold(sentence: str) -> None:
    assert ask_score(sentence) < ASK_THRESHOLD


def test_scores_are_probabilities_and_repeat_exactly() -> None:
    scores = [ask_score(sentence) for sentence in CLEAR_ASKS + CLEAR_NON_ASKS]

    assert all(0.0 <= score <= 1.0 for score in scores)
    assert scores == [ask_score(sentence) for sentence in CLEAR_ASKS + CLEAR_NON_ASKS]


def test_a_line_without_words_scores_zero() -> None:
    assert ask_score("") == 0.0
    assert ask_score(" -- ?! ") == 0.0


def test_a_question_mark_and_could_you_are_features() -> None:
    features = sentence_features("Hi Maria, could you send it?")

    assert "#ends_with_question_mark" in features
    assert "#you_modal" in features
    assert "<s> hi maria" in features
    assert "^could you" in features, "the opening words are read after the greeting"


def test_links_are_one_word_whatever_they_point_to() -> None:
    one = sentence_features("Sign up at https://example.com/a?b=1 today")
    other = sentence_features("Sign up at www.example.org today")

    assert "at <link> today" in one
    assert "at <link> today" in other
    assert "#link" in one


def test_reasons_name_what_made_an_ask() -> None:
    reasons = ask_reasons("Could you send me the deck?")

    assert 'asks "could/would/can you"' in reasons
    assert len(reasons) <= 3


def test_a_damaged_model_file_is_refused_with_the_reason() -> None:
    with pytest.raises(AskModelError, match="features version"):
        AskModel.from_json(
            {"format": "goodwill-ask-model", "features_version": FEATURES_VERSION + 1}
        )
    with pytest.raises(AskModelError, match="missing or bad field"):
        AskModel.from_json({"format": "goodwill-ask-model", "features_version": FEATURES_VERSION})


def test_a_model_scores_as_its_weights_say() -> None:
    # One feature with weight 2: the L2-normalised vector is 1 on it, so the logit is 2 - 1.
    model = AskModel(weights={"#please": (1.0, 2.0)}, intercept=-1.0)

    assert model.score("please") == pytest.approx(1 / (1 + 2.718281828459045**-1))
    assert model.score("thanks") == pytest.approx(1 / (1 + 2.718281828459045))


# Sentences.


def test_sentences_are_split_at_full_stops_questions_and_exclamations() -> None:
    text = "Thanks for Tuesday! Could you send the deck? I will review it. Best, Ana"

    assert split_sentences(text) == [
        "Thanks for Tuesday!",
        "Could you send the deck?",
        "I will review it.",
        "Best, Ana",
    ]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence() -> None:
    text = "Mr. Smith met Dr. Jones at 10 a.m. on Friday. J. R. R. Tolkien paid 3.5 dollars."

    assert split_sentences(text) == [
        "Mr. Smith met Dr. Jones at 10 a.m. on Friday.",
        "J. R. R. Tolkien paid 3.5 dollars.",
    ]


def test_wrapped_lines_join_while_paragraphs_and_list_items_split() -> None:
    text = (
        "Hi Ana,\n\nCould you send me the deck we talked\nabout on Friday\n\n"
        "- the budget\n- the timeline\n"
    )

    assert split_sentences(text) == [
        "Hi Ana,",
        "Could you send me the deck we talked about on Friday",
        "- the budget",
        "- the timeline",
    ]


# Detections.


def test_detect_intents_finds_each_kind_in_its_sentence_in_order() -> None:
    text = (
        "Great to see you last week. Could you introduce me to Maria? "
        "Happy to help with your launch. I'll send the slides tomorrow."
    )

    found = [(d.kind, d.sentence) for d in detect_intents(text)]

    assert found == [
        (IntentKind.ASK, "Could you introduce me to Maria?"),
        (IntentKind.OFFER, "Happy to help with your launch."),
        (IntentKind.PROMISE, "I'll send the slides tomorrow."),
    ]


def test_an_ask_detection_carries_its_score_and_why() -> None:
    [detection] = detect_intents("Could you send me the deck?")

    assert isinstance(detection, Detection)
    assert detection.kind == "ask"
    assert detection.score >= ASK_THRESHOLD
    assert 'asks "could/would/can you"' in detection.why


def test_let_me_know_if_i_can_help_is_an_offer_not_an_ask() -> None:
    sentence = "Let me know if there is anything I can do for you."

    kinds = [d.kind for d in detect_intents(sentence)]

    assert ask_score(sentence) >= ASK_THRESHOLD, "the model alone reads 'let me know' as an ask"
    assert net_ask_score(sentence) < ASK_THRESHOLD
    assert kinds == [IntentKind.OFFER]


def test_an_ask_beside_an_offer_is_still_an_ask() -> None:
    kinds = [d.kind for d in detect_intents("Happy to help - could you send me the deck?")]

    assert kinds == [IntentKind.ASK, IntentKind.OFFER]


def test_a_promise_does_not_hide_the_ask_in_the_same_sentence() -> None:
    kinds = [d.kind for d in detect_intents("Send me your invoice and I'll pay it today.")]

    assert kinds == [IntentKind.ASK, IntentKind.PROMISE]


def test_detections_are_frozen() -> None:
    [detection] = detect_intents("Happy to help.")

    with pytest.raises(AttributeError):
        detection.score = 0.5  # type: ignore[misc]
