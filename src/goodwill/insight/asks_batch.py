"""Asks, offers and promises for many texts at once: what a detection worker process runs, so
it lives apart from anything that needs Django."""

from __future__ import annotations

from goodwill.insight.asks import Detection, detect_intents


def detect_many(texts: list[str]) -> list[list[Detection]]:
    """What each text asks, offers and promises, in order."""
    return [detect_intents(text) for text in texts]
