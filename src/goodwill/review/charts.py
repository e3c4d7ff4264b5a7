"""The review's charts, drawn with insight/charts.py like the habits page's: gives against asks,
cadence kept, network growth and work by source, a bar a month (or a source)."""

from __future__ import annotations

from datetime import date

from goodwill.insight import charts
from goodwill.insight.charts import Chart, Series
from goodwill.insight.review import Review

# A bar a source; past this many, the smallest share one bar.
WORK_SOURCES_SHOWN = 8
# What fits under a bar of the work chart at its smallest.
AXIS_CHARS = 10


def _labels(months: list[date]) -> list[str]:
    # Over a year the same month comes twice, so the year goes with it.
    if len(months) > 12:
        return [f"{month:%b %y}" for month in months]
    return [charts.month_label(month) for month in months]


def _short(name: str) -> str:
    """A name short enough to stand under its bar: "Marcus Chen" becomes "Marcus C."."""
    words = name.split()
    if len(name) <= AXIS_CHARS or len(words) < 2:
        return name
    return f"{words[0]} {words[-1][0]}."


def _to_come(review: Review, months: list[date], values: list[float]) -> list[float | None]:
    """Months after today have no figure yet, rather than a zero."""
    return [
        None if month > review.as_of else value for month, value in zip(months, values, strict=True)
    ]


def review_charts(review: Review) -> list[Chart]:
    months = [figures.month for figures in review.months]
    labels = _labels(months)
    gave = _to_come(review, months, [float(m.gave) for m in review.months])
    asked = _to_come(review, months, [float(m.asked) for m in review.months])
    found = [
        charts.grouped_bar_chart(
            slug="review-gives-asks",
            title="Gives against asks",
            description="What you gave and what you asked for, by month",
            labels=labels,
            series=[Series("You gave", gave), Series("You asked", asked)],
            top=max([1.0, *[v for v in gave + asked if v is not None]]),
            value_text=charts.count,
        )
    ]
    if review.cadence_kept:
        found.append(
            charts.grouped_bar_chart(
                slug="review-cadence-kept",
                title="Cadence kept",
                description="Each circle's contacts within their cadence at each month's end",
                labels=labels,
                series=[Series(circle.circle_name, circle.kept) for circle in review.cadence_kept],
                top=1.0,
                value_text=charts.percent,
            )
        )
    new = _to_come(review, months, [float(count) for count in review.new_by_month])
    size = review.network_size[-1] if review.network_size else 0
    found.append(
        charts.grouped_bar_chart(
            slug="review-growth",
            title="Network growth",
            description=f"New relationships each month; {size} at the period's end",
            labels=labels,
            series=[Series("New relationships", new)],
            top=max([1.0, *[v for v in new if v is not None]]),
            value_text=charts.count,
        )
    )
    if review.work:
        sources = [(source.label, float(source.count)) for source in review.work]
        if len(sources) > WORK_SOURCES_SHOWN:
            rest = sources[WORK_SOURCES_SHOWN - 1 :]
            sources = [
                *sources[: WORK_SOURCES_SHOWN - 1],
                (f"{len(rest)} others", sum(count for _, count in rest)),
            ]
        found.append(
            charts.grouped_bar_chart(
                slug="review-work",
                title="Work by source",
                description="Work that came to you, by the relationship it came through",
                labels=[label for label, _ in sources],
                axis_labels=[_short(label) for label, _ in sources],
                series=[Series("Work", [count for _, count in sources])],
                top=max(1.0, *[count for _, count in sources]),
                value_text=charts.count,
                label_heading="Source",
                axis_chars=AXIS_CHARS,
            )
        )
    return found
