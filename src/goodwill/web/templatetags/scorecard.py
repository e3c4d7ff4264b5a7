"""Formatting for the scorecard's table cells; the arithmetic is insight/scorecard.py's."""

from __future__ import annotations

from django import template

from goodwill.insight.scorecard import Side, days_text, percent

register = template.Library()


@register.simple_tag
def acknowledged(side: Side) -> str:
    """'4 of 5 (80%)': asks acknowledged of those decided; empty when none is decided."""
    decided = side.acknowledged + side.ignored
    if not decided or side.acknowledged_share is None:
        return ""
    return f"{side.acknowledged} of {decided} ({percent(side.acknowledged_share)})"


@register.simple_tag
def kept(side: Side) -> str:
    """'2 of 3': promises kept of those kept or dropped; empty when none is."""
    decided = side.promises_kept + side.promises_dropped
    return f"{side.promises_kept} of {decided}" if decided else ""


@register.filter
def days(value: float) -> str:
    return days_text(value)
