from __future__ import annotations

from django.apps import AppConfig


class RhythmConfig(AppConfig):
    name = "goodwill.rhythm"
    label = "rhythm"
    verbose_name = "Keep in touch"
    default_auto_field = "django.db.models.BigAutoField"
