"""The review as a document: the printable page and the PDF made from it with WeasyPrint, the
same HTML either way, so the web page, the printout and `goodwill review --pdf` say the same."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from goodwill.insight.review import Review
from goodwill.review.charts import review_charts

STYLESHEET = Path(__file__).parent / "static" / "review" / "print.css"


def review_context(review: Review) -> dict[str, Any]:
    return {"review": review, "charts": review_charts(review)}


def review_print_html(review: Review, *, stylesheet_href: str = "") -> str:
    """The printable page; with no stylesheet link its CSS is inlined by review_pdf."""
    return render_to_string(
        "review/print.html", {**review_context(review), "stylesheet_href": stylesheet_href}
    )


def review_pdf(review: Review) -> bytes:
    """The review as a PDF: the printable page drawn by WeasyPrint (charts included)."""
    # Imported here: WeasyPrint loads pango when imported, and only the PDF needs it.
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    # WeasyPrint warns about its font subsetter on every run; errors still show.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = HTML(string=review_print_html(review))
    pdf = html.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
    assert pdf is not None  # write_pdf returns bytes when given no target
    return pdf
