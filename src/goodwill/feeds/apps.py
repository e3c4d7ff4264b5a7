from __future__ import annotations

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "goodwill.feeds"
    label = "feeds"
    verbose_name = "Feeds and sharing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Today asks the other apps for reasons to write now; feeds know shared interests.
        from goodwill.feeds.reach_out import shared_interest_reasons
        from goodwill.network.reach_out import register_reach_out_reasons

        register_reach_out_reasons(shared_interest_reasons)
