"""Bar charts drawn as inline SVG on the server: no JavaScript, nothing to load.

A chart is plain geometry here, pure Python so that the web pages and the review's PDF (made
by the CLI too) share it; web/_bar_chart.html draws it, with a table of the same figures for
screen readers and for anyone who would rather read numbers. One bar a month, or several side
by side (gives against asks), or one bar a category (work by source).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

WIDTH = 640
HEIGHT = 180
TOP = 16
BOTTOM = 24
LEFT = 36
RIGHT = 8
# The accent, then a warm and a cool colour that stay apart for the colour-blind.
SERIES_FILLS = ("#2f6f62", "#c07a2c", "#5b6fa8")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_text: str
    empty: bool
    # Which series the bar belongs to (its colour), and the text under it: for bars side by
    # side only the first of each group carries the group's label.
    series: int = 0
    axis_label: str | None = None

    @property
    def fill(self) -> str:
        return SERIES_FILLS[self.series % len(SERIES_FILLS)]

    @property
    def axis_text(self) -> str:
        return self.label if self.axis_label is None else self.axis_label

    @property
    def center(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str
    bars: list[Bar]
    grid: list[GridLine]
    width: int = WIDTH
    height: int = HEIGHT
    # A dashed line across the chart, e.g. 50 % for an even give share.
    target_y: float | None = None
    target_label: str = ""
    # The series' names, in colour order, when bars stand side by side.
    legend: tuple[str, ...] = ()
    # What each bar's label is, as the table of figures heads it.
    label_heading: str = "Month"

    @property
    def baseline_y(self) -> float:
        return self.height - BOTTOM

    @property
    def left(self) -> int:
        return LEFT

    @property
    def right(self) -> int:
        return self.width - RIGHT


def month_label(month: date) -> str:
    return month.strftime("%b")


def bar_chart(
    *,
    slug: str,
    title: str,
    description: str,
    months: Sequence[date],
    values: Sequence[float | None],
    top: float,
    value_text: Callable[[float], str],
    grid_steps: int = 2,
    target: float | None = None,
    target_label: str = "",
) -> Chart:
    """One bar a month, scaled so `top` reaches the top; a month without a value has no bar
    (shown as a dot) rather than a bar of zero, since nothing to measure is not zero."""
    top = top if top > 0 else 1.0
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(months))
    bar_width = slot * 0.62

    def y_of(value: float) -> float:
        return TOP + plot_height * (1 - min(value, top) / top)

    bars = []
    for index, (month, value) in enumerate(zip(months, values, strict=True)):
        x = LEFT + slot * index + (slot - bar_width) / 2
        label = month_label(month)
        if value is None:
            bars.append(Bar(x, HEIGHT - BOTTOM, bar_width, 0, label, "no data", True))
            continue
        y = y_of(value)
        bars.append(Bar(x, y, bar_width, HEIGHT - BOTTOM - y, label, value_text(value), False))
    grid = [
        GridLine(y_of(top * step / grid_steps), value_text(top * step / grid_steps))
        for step in range(1, grid_steps + 1)
    ]
    return Chart(
        slug=slug,
        title=title,
        description=description,
        bars=bars,
        grid=grid,
        target_y=y_of(target) if target is not None else None,
        target_label=target_label,
    )


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def grouped_bar_chart(
    *,
    slug: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    top: float,
    value_text: Callable[[float], str],
    grid_steps: int = 2,
    axis_chars: int = 12,
    label_heading: str = "Month",
    axis_labels: Sequence[str] | None = None,
) -> Chart:
    """One group of bars per label (a month or a category), one bar per series side by side,
    all on one scale so that the bars compare; the text under each group is its label, or a
    shorter one from `axis_labels`, cut at `axis_chars` (the bar's title and the table keep
    the whole label)."""
    top = top if top > 0 else 1.0
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(labels))
    group_width = slot * 0.7
    bar_width = group_width / max(1, len(series))

    def y_of(value: float) -> float:
        return TOP + plot_height * (1 - min(value, top) / top)

    bars = []
    for index, label in enumerate(labels):
        axis = axis_labels[index] if axis_labels is not None else label
        axis = axis if len(axis) <= axis_chars else axis[: axis_chars - 1] + "…"
        for number, one in enumerate(series):
            value = one.values[index]
            x = LEFT + slot * index + (slot - group_width) / 2 + bar_width * number
            name = f"{label}, {one.name}" if len(series) > 1 else label
            first = axis if number == 0 else ""
            if value is None:
                bars.append(
                    Bar(x, HEIGHT - BOTTOM, bar_width, 0, name, "no data", True, number, first)
                )
                continue
            y = y_of(value)
            bars.append(
                Bar(
                    x,
                    y,
                    bar_width,
                    HEIGHT - BOTTOM - y,
                    name,
                    value_text(value),
                    False,
                    number,
                    first,
                )
            )
    grid = [
        GridLine(y_of(top * step / grid_steps), value_text(top * step / grid_steps))
        for step in range(1, grid_steps + 1)
    ]
    return Chart(
        slug=slug,
        title=title,
        description=description,
        bars=bars,
        grid=grid,
        legend=tuple(one.name for one in series) if len(series) > 1 else (),
        label_heading=label_heading,
    )


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


def days(value: float) -> str:
    return f"{value:.1f} d" if value < 10 else f"{round(value)} d"


def count(value: float) -> str:
    return str(round(value))
