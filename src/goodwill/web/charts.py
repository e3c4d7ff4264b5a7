"""Month-by-month bar charts drawn as inline SVG on the server: no JavaScript, nothing to load.

A chart is plain geometry here; web/_bar_chart.html draws it, with a table of the same figures
for screen readers and for anyone who would rather read numbers.
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


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_text: str
    empty: bool

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


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


def days(value: float) -> str:
    return f"{value:.1f} d" if value < 10 else f"{round(value)} d"


def count(value: float) -> str:
    return str(round(value))
