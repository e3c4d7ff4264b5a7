"""Template filters for the review's pages."""

from __future__ import annotations

from collections.abc import Sized

from django import template

register = template.Library()


@register.filter
def more_than_shown(total: int, shown: Sized) -> int:
    """How many of `total` a list leaves out."""
    return max(0, total - len(shown))
