"""The hand-judged evaluation set: the measures mean what docs/sharing.md says, the halves are
fixed, and "who would enjoy this" keeps its precision target on the held-out half."""

from __future__ import annotations

from bench.share_eval import TARGET, ArticleScore, EvaluationReport, evaluate


def _score(suggested: list[int], suits: list[int]) -> ArticleScore:
    return ArticleScore(
        article_id="a",
        half="development",
        first_batch=False,
        suggested=suggested,
        suits=suits,
        forbidden=[],
    )


def test_precision_as_shown_counts_every_unsuitable_suggestion_shown() -> None:
    # Two of three shown suit; the old measure (hits / min(5, suitable)) called this perfect.
    score = _score([1, 2, 3], [1, 2])

    assert score.shown_precision == 2 / 3
    assert score.old_measure == 1.0
    assert score.textbook_precision == 2 / 5
    assert score.recall == 1.0


def test_showing_nobody_is_right_only_when_the_article_suits_nobody() -> None:
    assert _score([], []).shown_precision == 1.0
    assert _score([], [4]).shown_precision == 0.0
    assert _score([4], []).shown_precision == 0.0


def test_recall_and_textbook_precision_leave_out_articles_that_suit_nobody() -> None:
    report = EvaluationReport([_score([1], [1]), _score([], [])])

    assert report.recall_at_5 == 1.0
    assert report.textbook_precision_at_5 == 1 / 5
    assert report.precision_at_5 == 1.0
    assert report.silent_when_nobody_suits == (1, 1)


def test_the_halves_are_fixed_and_even() -> None:
    first, second = evaluate(), evaluate()
    halves = {a.article_id: a.half for a in first.articles}

    assert halves == {a.article_id: a.half for a in second.articles}
    assert len(first.part("development").articles) == len(first.part("held-out").articles)
    assert len(evaluate(half="held-out").articles) == len(first.articles) // 2


def test_precision_at_5_as_shown_on_the_held_out_half_meets_the_target() -> None:
    assert evaluate(half="held-out").precision_at_5 >= TARGET


def test_no_article_is_suggested_to_a_contact_it_must_never_reach() -> None:
    assert evaluate().forbidden_suggestions == 0
