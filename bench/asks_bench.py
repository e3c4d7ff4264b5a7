"""How fast the shipped ask detector scores sentences (mail import runs it on every message).

    make bench-asks
    .venv/bin/python bench/asks_bench.py [--repeat 3]

Scores the sentences of ../shared/data/email-intent/train.tsv when that file is there, else
a few hundred written here, and prints sentences per second (best of the repeats): for the ask
score alone, and for everything a mail import reads in a sentence (asks with their reasons,
offers and promises: sentence_intents).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from goodwill.insight.asks import ask_score, sentence_intents, shipped_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "email-intent"
FALLBACK = [
    "Could you send me the draft by Friday?",
    "Thanks for the lovely dinner last night.",
    "Please let me know whether the 3rd works for you.",
    "We moved into the new office in March.",
    "Would you be able to introduce me to Dana?",
    "The invoice is attached.",
] * 100


def sentences() -> tuple[str, list[str]]:
    path = SHARED / "train.tsv"
    if not path.is_file():
        return "sentences written in bench/asks_bench.py", FALLBACK
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t", 1)[-1] for line in lines if line.strip()]
    return str(path), texts


def rate(score: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Sentences a second, best of `repeat` runs."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            score(text)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source, texts = sentences()
    shipped_model()  # loading the weights once is not part of the rate
    scores = rate(ask_score, texts, args.repeat)
    intents = rate(sentence_intents, texts, args.repeat)
    print(f"{len(texts):,} sentences from {source}")
    print(f"ask detector: {scores:,.0f} sentences a second (best of {args.repeat})")
    print(
        f"asks, offers and promises (what a mail import reads): {intents:,.0f} sentences a second"
    )
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
