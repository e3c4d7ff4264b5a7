"""/api/v1/…: the REST API, its OpenAPI document (/api/v1/openapi.json) and docs (/api/v1/docs)."""

from __future__ import annotations

from django.urls import path, re_path

from goodwill.api.api import api, not_found

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", not_found),
]
