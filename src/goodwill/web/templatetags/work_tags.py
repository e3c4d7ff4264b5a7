"""Money on the work pages: amounts per currency, never added across currencies."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def amount(value: Decimal | None, currency: str) -> str:
    """'EUR 1,200.00'; empty for work with no value."""
    return "" if value is None else f"{currency} {value:,.2f}"


@register.filter
def amounts(values: dict[str, Decimal]) -> str:
    """'EUR 1,200.00 · USD 300.00': a total per currency."""
    return " · ".join(amount(total, currency) for currency, total in values.items())
