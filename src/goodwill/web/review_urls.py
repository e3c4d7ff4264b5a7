"""The review: the page, printable, PDF and JSON; none takes an id (each reads the signed-in
user's own network)."""

from __future__ import annotations

from django.urls import URLPattern, path

from goodwill.web.views import review

urlpatterns: list[URLPattern] = [
    path("review/", review.review_page, name="review_page"),
    path("review/print/", review.review_print, name="review_print"),
    path("review/review.pdf", review.review_pdf_download, name="review_pdf"),
    path("review.json", review.review_json, name="review_json"),
]
