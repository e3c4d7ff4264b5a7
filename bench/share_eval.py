"""Precision at 5 of "who would enjoy this" on the hand-judged set in bench/share_eval/.

    .venv/bin/python bench/share_eval.py [--verbose]

For each article the ranker shows at most 5 contacts (fewer, or none, when few suit). The
measures, each averaged over articles:

- precision at 5, as shown: of the suggestions shown, the share judged to suit. This is what
  the user sees. Showing nobody counts 1 when the article suits nobody (right to stay silent)
  and 0 when it suits someone (a miss).
- textbook P@5: suitable suggestions / 5, over the articles that suit someone. Most articles
  suit one to three people, so it cannot reach 1 and is given for completeness.
- recall at 5: suitable suggestions / contacts judged to suit, over the same articles.
- hits / min(5, suitable): the measure reported before, kept to compare; it ignores the
  unsuitable suggestions shown, so it flatters the ranker.

The articles are split in two halves, deterministically: sorted by the SHA-256 of their id,
every other one is for development (tuning the ranker's constants), the rest held out. The
held-out figure is the one to quote. The first 20 articles of articles.json were seen when the
ranker was first tuned; the later ones were judged before the ranker was run on them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from goodwill.insight.share_match import (
    DEFAULT_TUNING,
    ArticleText,
    ContactProfile,
    ShareIndex,
    Tuning,
)

DATA = Path(__file__).resolve().parent / "share_eval"
TARGET = 0.8
K = 5
FIRST_BATCH = 20
HALVES = ("development", "held-out")


@dataclass(frozen=True)
class ArticleScore:
    article_id: str
    half: str
    first_batch: bool
    suggested: list[int]
    suits: list[int]
    forbidden: list[int]

    @property
    def hits(self) -> int:
        return len(set(self.suggested) & set(self.suits))

    @property
    def shown_precision(self) -> float:
        if not self.suggested:
            return 0.0 if self.suits else 1.0
        return self.hits / len(self.suggested)

    @property
    def textbook_precision(self) -> float:
        return self.hits / K

    @property
    def recall(self) -> float:
        return self.hits / len(self.suits)

    @property
    def old_measure(self) -> float:
        return self.hits / min(K, len(self.suits))


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class EvaluationReport:
    articles: list[ArticleScore]

    def part(self, half: str | None = None, *, new_only: bool = False) -> EvaluationReport:
        return EvaluationReport(
            [
                a
                for a in self.articles
                if (half is None or a.half == half) and not (new_only and a.first_batch)
            ]
        )

    @property
    def _suited(self) -> list[ArticleScore]:
        return [a for a in self.articles if a.suits]

    @property
    def precision_at_5(self) -> float:
        """Precision at 5 as shown: the share of the suggestions shown that suit."""
        return _mean(a.shown_precision for a in self.articles)

    @property
    def textbook_precision_at_5(self) -> float:
        return _mean(a.textbook_precision for a in self._suited)

    @property
    def recall_at_5(self) -> float:
        return _mean(a.recall for a in self._suited)

    @property
    def old_measure(self) -> float:
        return _mean(a.old_measure for a in self._suited)

    @property
    def suggestions_that_suit(self) -> float:
        """Pooled over the articles: suitable suggestions / all suggestions shown."""
        made = sum(len(a.suggested) for a in self.articles)
        return sum(a.hits for a in self.articles) / made if made else 0.0

    @property
    def shown_per_article(self) -> float:
        return _mean(len(a.suggested) for a in self.articles)

    @property
    def silent_when_nobody_suits(self) -> tuple[int, int]:
        nobody = [a for a in self.articles if not a.suits]
        return sum(1 for a in nobody if not a.suggested), len(nobody)

    @property
    def forbidden_suggestions(self) -> int:
        return sum(len(a.forbidden) for a in self.articles)


def half_of(article_id: str, order: list[str]) -> str:
    """Development or held-out: every other article in SHA-256 order of the ids."""
    return HALVES[order.index(article_id) % 2]


def _hash_order(ids: Iterable[str]) -> list[str]:
    return sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())


def load_profiles() -> list[ContactProfile]:
    rows = json.loads((DATA / "contacts.json").read_text())
    return [
        ContactProfile(
            contact_id=row["id"],
            name=row["name"],
            interests=tuple(row.get("interests", [])),
            position=row.get("position", ""),
            organization=row.get("organization", ""),
            notes=row.get("notes", ""),
            conversations=tuple(row.get("conversations", [])),
            shared_with_you=tuple(row.get("shared_with_you", [])),
            already_shared=frozenset(row.get("already_shared", [])),
            no_articles=row.get("no_articles", False),
        )
        for row in rows
    ]


def evaluate(
    tuning: Tuning = DEFAULT_TUNING, *, half: str | None = None, index: ShareIndex | None = None
) -> EvaluationReport:
    """Rank every article of the set (or of one half: the others are not even ranked) and
    score the suggestions against the judgments."""
    index = index or ShareIndex(load_profiles(), tuning)
    articles = json.loads((DATA / "articles.json").read_text())
    judgments = json.loads((DATA / "judgments.json").read_text())
    order = _hash_order(a["id"] for a in articles)
    scores = []
    for position, article in enumerate(articles):
        if half is not None and half_of(article["id"], order) != half:
            continue
        never = set(judgments["never"].get(article["id"], []))
        suggestions = index.suggest(
            ArticleText(key=article["url"], title=article["title"], text=article["text"]),
            limit=K,
        )
        suggested = [s.contact_id for s in suggestions]
        scores.append(
            ArticleScore(
                article_id=article["id"],
                half=half_of(article["id"], order),
                first_batch=position < FIRST_BATCH,
                suggested=suggested,
                suits=judgments["suits"][article["id"]],
                forbidden=[c for c in suggested if c in never],
            )
        )
    return EvaluationReport(scores)


def _row(label: str, report: EvaluationReport) -> str:
    silent, nobody = report.silent_when_nobody_suits
    return (
        f"{label:<28} {len(report.articles):>3} {report.precision_at_5:>9.3f}"
        f" {report.textbook_precision_at_5:>8.3f} {report.recall_at_5:>7.3f}"
        f" {report.old_measure:>8.3f} {report.suggestions_that_suit:>7.3f}"
        f" {report.shown_per_article:>6.2f} {silent:>3}/{nobody:<2}"
        f" {report.forbidden_suggestions:>5}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="Show each article's ranking.")
    args = parser.parse_args()
    report = evaluate()
    profiles = load_profiles()
    if args.verbose:
        names = {p.contact_id: p.name for p in profiles}
        for article in sorted(report.articles, key=lambda a: (a.half, a.article_id)):
            perfect = article.shown_precision == 1 and article.hits == min(K, len(article.suits))
            mark = "ok  " if perfect else "MISS"
            got = ", ".join(
                f"{names[c]}{'' if c in article.suits else ' (x)'}" for c in article.suggested
            )
            missed = ", ".join(names[c] for c in article.suits if c not in article.suggested)
            print(
                f"{mark} [{article.half[:3]}] {article.article_id}: {got or 'nobody'}"
                + (f"   missed: {missed}" if missed else "")
            )
        print()
    print(f"articles: {len(report.articles)}, contacts: {len(profiles)}")
    print(
        f"{'':<28} {'n':>3} {'P@5 shown':>9} {'P@5 /5':>8} {'R@5':>7} {'old':>8}"
        f" {'pooled':>7} {'shown':>6} {'silent':>6} {'never':>5}"
    )
    print(_row("development", report.part("development")))
    print(_row("held-out", report.part("held-out")))
    print(_row("held-out, judged after", report.part("held-out", new_only=True)))
    print(_row("all", report))
    held_out = report.part("held-out").precision_at_5
    print(f"held-out precision at 5 as shown: {held_out:.3f} (target {TARGET})")
    ok = held_out >= TARGET and report.forbidden_suggestions == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
