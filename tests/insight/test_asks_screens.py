"""The words each offer and promise rule looks for before it runs its pattern must never pass
over a sentence the pattern matches: on every sentence the rule tests hold, in several
spellings, and on the labelled email sentences when they are beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodwill.insight import asks
from tests.insight.test_asks_rules import NEITHER, OFFERS, PROMISES

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "email-intent" / "train.tsv"
RULES = (*asks._OFFER_RULES, *asks._PROMISE_RULES)


def _spellings(sentence: str) -> list[str]:
    return [sentence, sentence.upper(), sentence.replace("'", "\u2019"), f"Hi Sam, {sentence}"]


def _missed(sentences: list[str]) -> list[tuple[str, str]]:
    missed = []
    for sentence in sentences:
        for spelling in _spellings(sentence):
            lowered = asks._lowered(spelling)
            for rule in RULES:
                if rule.pattern.search(lowered) and not any(w in lowered for w in rule.needs):
                    missed.append((spelling, rule.pattern.pattern[:60]))
    return missed


def test_no_rule_passes_over_a_sentence_its_pattern_matches() -> None:
    sentences = [s for s, _ in OFFERS] + [s for s, _ in PROMISES] + list(NEITHER)
    assert _missed(sentences) == []


@pytest.mark.skipif(not DATA.exists(), reason=f"the labelled sentences are not at {DATA}")
def test_no_rule_passes_over_a_labelled_sentence_its_pattern_matches() -> None:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    sentences = [line.split("\t", 1)[1] for line in lines if "\t" in line]
    assert len(sentences) > 3000
    assert _missed(sentences) == []


def test_every_word_a_rule_looks_for_is_in_its_pattern() -> None:
    # A typo in a word would pass over every sentence; the pattern spells each word out.
    for rule in RULES:
        for word in rule.needs:
            assert word.replace("'", "") in rule.pattern.pattern.replace("'", ""), word
