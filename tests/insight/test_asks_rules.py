"""Offers and promises: the phrase patterns catch what they should, name it, and leave the rest."""

from __future__ import annotations

import pytest

from goodwill.insight.asks import IntentKind, detect_intents, offer_cue, promise_cue

OFFERS = [
    ("Happy to help.", "Happy to help"),
    ("I'm happy to introduce you to Maria.", "I'm happy to introduce you to Maria"),
    ("We'd be glad to review your proposal.", "We'd be glad to review your proposal"),
    (
        "I can introduce you to the head of design at Acme.",
        "I can introduce you to the head of design at Acme",
    ),
    ("I could put you in touch with their CTO.", "I could put you in touch with their CTO"),
    (
        "Let me know if there is anything I can do for you.",
        "Let me know if there is anything I can do for you",
    ),
    ("Let me know if I can help.", "Let me know if I can help"),
    ("If you need anything, just ask.", "If you need anything, just ask"),
    ("Would you like me to introduce you?", "Would you like me to introduce you"),
    ("Want me to send over the template?", "Want me to send over the template"),
    ("Don't hesitate to reach out.", "Don't hesitate to reach out"),
    ("Feel free to ping me anytime.", "Feel free to ping me anytime"),
    ("How can I help?", "How can I help"),
    ("Is there anything I can do?", "Is there anything I can do"),
    ("I know someone who could help with that.", "I know someone who could help with that"),
    ("Shall I send you the contract template?", "Shall I send you the contract template"),
    ("I\u2019m always here if you need to talk.", "I\u2019m always here if you need to talk"),
]

PROMISES = [
    ("I'll send it over tomorrow.", "I'll send it over tomorrow"),
    ("I will keep you in mind.", "I will keep you in mind"),
    ("I'll get back to you by Friday.", "I'll get back to you by Friday"),
    ("We'll follow up next week with the numbers.", "We'll follow up next week with the numbers"),
    ("I'll be in touch.", "I'll be in touch"),
    ("I\u2019ll definitely introduce you two.", "I\u2019ll definitely introduce you two"),
    ("I'm going to call him this afternoon.", "I'm going to call him this afternoon"),
    ("Will do!", "Will do"),
    ("Leave it with me.", "Leave it with me"),
    ("I'll have it to you by Monday.", "I'll have it to you by Monday"),
]

NEITHER = [
    "We are pleased to announce our new product.",
    "Nice to meet you.",
    "He will send you the data.",
    "I will not be able to attend.",
    "I'll be out of the office next week.",
    "We'll see you tomorrow.",
    "They want me to lead the workshop.",
    "I can't help with that, sorry.",
    "Can you help me with the budget?",
    "Thanks for your help yesterday.",
    "I hope we will meet in person soon.",
]


@pytest.mark.parametrize(("sentence", "cue"), OFFERS)
def test_offers_are_recognised_with_their_phrase(sentence: str, cue: str) -> None:
    assert offer_cue(sentence) == cue

    offers = [d for d in detect_intents(sentence) if d.kind == IntentKind.OFFER]
    assert len(offers) == 1
    assert offers[0].score == 1.0
    assert cue in offers[0].why


@pytest.mark.parametrize(("sentence", "cue"), PROMISES)
def test_promises_are_recognised_with_their_phrase(sentence: str, cue: str) -> None:
    assert promise_cue(sentence) == cue

    promises = [d for d in detect_intents(sentence) if d.kind == IntentKind.PROMISE]
    assert len(promises) == 1
    assert cue in promises[0].why


@pytest.mark.parametrize("sentence", NEITHER)
def test_statements_and_refusals_are_neither_offers_nor_promises(sentence: str) -> None:
    assert offer_cue(sentence) is None
    assert promise_cue(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Let me know if there is anything I can do for you.",
        "Would you like me to introduce you?",
        "Want me to send over the template?",
        "If you need anything, just ask.",
        "I will keep you in mind.",
    ],
)
def test_an_offer_or_promise_alone_is_not_read_as_an_ask(sentence: str) -> None:
    assert IntentKind.ASK not in [d.kind for d in detect_intents(sentence)]


def test_the_cue_keeps_the_writers_own_spelling() -> None:
    assert offer_cue("HAPPY TO HELP!!") == "HAPPY TO HELP"
    assert promise_cue("Ok \u2014 I\u2019ll send it.") == "I\u2019ll send it"
