from __future__ import annotations

from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "goodwill.work"
    label = "work"
    verbose_name = "Where work comes from"
    default_auto_field = "django.db.models.BigAutoField"
