"""The reminders calendar at its secret URL: no sign-in, the token is the key."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from goodwill.rhythm.calendar import reminders_calendar
from goodwill.rhythm.selectors import calendar_feed_for_token


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = calendar_feed_for_token(token)
    if feed is None:
        # Unknown and revoked tokens look the same: a calendar that does not exist.
        raise Http404("No such calendar.")
    response = HttpResponse(
        reminders_calendar(owner=feed.owner), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="goodwill.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
