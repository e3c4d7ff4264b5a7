"""Search the ranker's constants on the DEVELOPMENT half of the evaluation set only.

    .venv/bin/python -m bench.share_tune [--top 10]

The held-out half is never ranked here. Each setting is scored by its mean precision at 5 as
shown on the development articles, among the settings that keep the development recall at 5
at or above MIN_RECALL (a ranker that shows only its first guess would be precise and useless);
ties go to the setting met first, and the grid starts from the current defaults, so the
search only moves away from them for a better figure. The best settings are printed; copy the
chosen one into insight/share_match.py's Tuning defaults by hand, then run
bench/share_eval.py for the held-out figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from typing import Any

from bench.share_eval import evaluate, load_profiles
from goodwill.insight.share_match import DEFAULT_TUNING, ShareIndex, Tuning

MIN_RECALL = 0.85

# Field weights to try: the old ones, and the order the brief names (interests and tags >
# position > notes > conversation subjects), steeper and flatter.
FIELD_PRESETS: list[dict[str, float]] = [
    {},
    {
        "interests": 3.0,
        "position": 2.0,
        "organization": 1.0,
        "notes": 1.5,
        "conversations": 1.0,
        "shared_with_you": 1.0,
    },
    {
        "interests": 4.0,
        "position": 2.5,
        "organization": 1.0,
        "notes": 1.5,
        "conversations": 0.8,
        "shared_with_you": 1.0,
    },
    {
        "interests": 2.0,
        "position": 1.5,
        "organization": 1.0,
        "notes": 1.2,
        "conversations": 1.0,
        "shared_with_you": 1.0,
    },
]
STRUCTURE: dict[str, list[Any]] = {
    "strip_medium": [False, True],
    "phrase_weight": [0.0, 0.5, 1.0],
    "fields": list(range(len(FIELD_PRESETS))),
    "b": [0.5, 0.75],
}
THRESHOLDS: dict[str, list[Any]] = {
    "title_weight": [2.0, 1.5, 3.0],
    "relative_cutoff": [0.2, 0.3, 0.4, 0.5],
    "min_evidence": [0.0, 1.0, 1.5, 2.0],
    "min_score": [0.0, 2.0, 4.0, 6.0],
    "min_terms": [2, 1],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    profiles = load_profiles()
    results: list[tuple[float, float, int, Tuning]] = []
    order = 0
    for values in itertools.product(*STRUCTURE.values()):
        chosen = dict(zip(STRUCTURE, values, strict=True))
        fields = FIELD_PRESETS[chosen.pop("fields")]
        structural = dataclasses.replace(DEFAULT_TUNING, **fields, **chosen)
        index = ShareIndex(profiles, structural)
        for limits in itertools.product(*THRESHOLDS.values()):
            tuning = dataclasses.replace(structural, **dict(zip(THRESHOLDS, limits, strict=True)))
            index.tuning = tuning  # thresholds act at query time; the index itself is the same
            report = evaluate(tuning, half="development", index=index)
            order += 1
            if report.recall_at_5 >= MIN_RECALL:
                results.append((report.precision_at_5, report.recall_at_5, -order, tuning))
    results.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    print(f"settings tried: {order}, keeping development recall >= {MIN_RECALL}: {len(results)}")
    for precision, recall, _, tuning in results[: args.top]:
        changed = {
            f.name: getattr(tuning, f.name)
            for f in dataclasses.fields(Tuning)
            if getattr(tuning, f.name) != getattr(DEFAULT_TUNING, f.name)
        }
        print(f"development P@5 shown {precision:.3f}, R@5 {recall:.3f}: {changed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
