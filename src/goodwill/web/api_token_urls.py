"""Settings → API tokens (the tokens the REST API at /api/v1 takes)."""

from __future__ import annotations

from django.urls import URLPattern, path

from goodwill.web.views import api_tokens

urlpatterns: list[URLPattern] = [
    path("settings/api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path(
        "settings/api-tokens/<int:token_id>/revoke/",
        api_tokens.api_token_revoke,
        name="api_token_revoke",
    ),
]
