"""Bars side by side and by category, as the review draws them."""

from __future__ import annotations

from goodwill.insight.charts import Series, count, grouped_bar_chart


def test_bars_side_by_side_share_one_scale_and_one_label_a_group() -> None:
    chart = grouped_bar_chart(
        slug="s",
        title="Gives against asks",
        description="",
        labels=["Jan", "Feb"],
        series=[Series("You gave", [4, None]), Series("You asked", [2, 1])],
        top=4,
        value_text=count,
    )

    gave_jan, asked_jan, gave_feb, asked_feb = chart.bars
    assert [bar.axis_text for bar in chart.bars] == ["Jan", "", "Feb", ""]
    assert [bar.label for bar in chart.bars] == [
        "Jan, You gave",
        "Jan, You asked",
        "Feb, You gave",
        "Feb, You asked",
    ]
    assert asked_jan.height == gave_jan.height / 2
    assert gave_feb.empty
    assert gave_feb.value_text == "no data"
    assert (gave_jan.fill, asked_jan.fill) == ("#2f6f62", "#c07a2c")
    assert chart.legend == ("You gave", "You asked")
    assert asked_jan.x > gave_jan.x
    assert asked_feb.x > gave_feb.x


def test_a_category_chart_cuts_long_labels_under_the_bar_only() -> None:
    chart = grouped_bar_chart(
        slug="w",
        title="Work by source",
        description="",
        labels=["Marcus Chen-Lindqvist", "Ana"],
        series=[Series("Work", [3, 1])],
        top=3,
        value_text=count,
        axis_chars=8,
        label_heading="Source",
        axis_labels=["Marcus C.", "Ana"],
    )

    assert [bar.axis_text for bar in chart.bars] == ["Marcus …", "Ana"]
    assert chart.bars[0].label == "Marcus Chen-Lindqvist"
    assert chart.legend == ()
    assert chart.label_heading == "Source"
