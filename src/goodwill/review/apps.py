from __future__ import annotations

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """A period's review, read across the network and the feature apps; no models of its own."""

    name = "goodwill.review"
    label = "review"
