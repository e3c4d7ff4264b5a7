"""Precision at 5 of "who would enjoy this" on the hand-judged set in bench/share_eval/.

    .venv/bin/python bench/share_eval.py [--verbose]

For each article the ranker suggests at most 5 contacts. Precision at 5 for one article is the
number of suggestions judged to suit, divided by min(5, number of contacts judged to suit): an
article that suits two contacts is perfect with those two, and cannot be padded to five. The
report gives the mean over articles, the strict variant (hits / 5), recall, and every suggestion
made to a contact the article must never reach (asked for no articles, already had it).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from goodwill.insight.share_match import ArticleText, ContactProfile, ShareIndex

DATA = Path(__file__).resolve().parent / "share_eval"
TARGET = 0.8
K = 5


@dataclass(frozen=True)
class ArticleScore:
    article_id: str
    suggested: list[int]
    suits: list[int]
    precision: float
    strict_precision: float
    recall: float
    forbidden: list[int]


@dataclass(frozen=True)
class EvaluationReport:
    articles: list[ArticleScore]

    @property
    def precision_at_5(self) -> float:
        return sum(a.precision for a in self.articles) / len(self.articles)

    @property
    def strict_precision_at_5(self) -> float:
        return sum(a.strict_precision for a in self.articles) / len(self.articles)

    @property
    def recall_at_5(self) -> float:
        return sum(a.recall for a in self.articles) / len(self.articles)

    @property
    def suggestions_that_suit(self) -> float:
        made = sum(len(a.suggested) for a in self.articles)
        hits = sum(len(set(a.suggested) & set(a.suits)) for a in self.articles)
        return hits / made if made else 0.0

    @property
    def forbidden_suggestions(self) -> int:
        return sum(len(a.forbidden) for a in self.articles)


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


def evaluate() -> EvaluationReport:
    """Rank every article of the set and score the suggestions against the judgments."""
    index = ShareIndex(load_profiles())
    articles = json.loads((DATA / "articles.json").read_text())
    judgments = json.loads((DATA / "judgments.json").read_text())
    scores = []
    for article in articles:
        suits = judgments["suits"][article["id"]]
        never = set(judgments["never"].get(article["id"], []))
        suggestions = index.suggest(
            ArticleText(key=article["url"], title=article["title"], text=article["text"]),
            limit=K,
        )
        suggested = [s.contact_id for s in suggestions]
        hits = len(set(suggested) & set(suits))
        scores.append(
            ArticleScore(
                article_id=article["id"],
                suggested=suggested,
                suits=suits,
                precision=hits / min(K, len(suits)),
                strict_precision=hits / K,
                recall=hits / len(suits),
                forbidden=[c for c in suggested if c in never],
            )
        )
    return EvaluationReport(scores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="Show each article's ranking.")
    args = parser.parse_args()
    report = evaluate()
    if args.verbose:
        names = {p.contact_id: p.name for p in load_profiles()}
        for article in report.articles:
            mark = "ok " if article.precision == 1 else "MISS"
            got = ", ".join(
                f"{names[c]}{'' if c in article.suits else ' (x)'}" for c in article.suggested
            )
            print(f"{mark} {article.article_id}: {got or 'nobody'}")
    print(f"articles: {len(report.articles)}, contacts: {len(load_profiles())}")
    print(f"precision at 5: {report.precision_at_5:.3f} (target {TARGET})")
    print(f"strict precision at 5 (hits / 5): {report.strict_precision_at_5:.3f}")
    print(f"recall at 5: {report.recall_at_5:.3f}")
    print(f"share of the suggestions made that suit: {report.suggestions_that_suit:.3f}")
    print(f"suggestions to contacts who must never get the article: {report.forbidden_suggestions}")
    ok = report.precision_at_5 >= TARGET and report.forbidden_suggestions == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
