"""The pages for where work comes from, and the scorecard."""

from __future__ import annotations

from django.urls import URLPattern, path

from goodwill.web.views import work

urlpatterns: list[URLPattern] = [
    path("work/", work.work_page, name="work_page"),
    path("work/<int:work_id>/edit/", work.work_edit, name="work_edit"),
    path("work/<int:work_id>/delete/", work.work_delete, name="work_delete"),
    path("scorecard/", work.scorecard_page, name="scorecard_page"),
]
