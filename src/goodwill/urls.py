from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("goodwill.web.urls")),
    path("", include("goodwill.web.sharing_urls")),
    path("", include("goodwill.web.review_urls")),
    path("", include("goodwill.api.urls")),
    path("", include("goodwill.web.api_token_urls")),
]
