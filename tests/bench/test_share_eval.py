"""The hand-judged evaluation set keeps "who would enjoy this" at its precision target."""

from __future__ import annotations

from bench.share_eval import TARGET, evaluate


def test_precision_at_5_on_the_judged_set_meets_the_target() -> None:
    report = evaluate()

    assert report.precision_at_5 >= TARGET


def test_no_article_is_suggested_to_a_contact_it_must_never_reach() -> None:
    assert evaluate().forbidden_suggestions == 0
