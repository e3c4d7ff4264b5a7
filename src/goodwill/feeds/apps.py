from __future__ import annotations

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "goodwill.feeds"
    label = "feeds"
    verbose_name = "Feeds and sharing"
    default_auto_field = "django.db.models.BigAutoField"
