"""The pages for keeping in touch: Today's actions, circles and snoozes, the day's number and
reminders, events, the give-and-ask ledger, habits, and the secret calendar URL."""

from __future__ import annotations

from django.urls import URLPattern, path

from goodwill.web.views import calendar, keep_in_touch, rhythm_pages, today_actions

urlpatterns: list[URLPattern] = [
    path("today/loops/<int:loop_id>/", today_actions.today_loop_action, name="today_loop_action"),
    path(
        "today/contacts/<int:contact_id>/",
        today_actions.today_contact_action,
        name="today_contact_action",
    ),
    path(
        "today/follow-ups/<int:attendee_id>/",
        today_actions.today_follow_up_action,
        name="today_follow_up_action",
    ),
    path("contacts/<int:contact_id>/snooze/", keep_in_touch.contact_snooze, name="contact_snooze"),
    path("circles/", keep_in_touch.circles_page, name="circles_page"),
    path("circles/<int:circle_id>/", keep_in_touch.circle_edit, name="circle_edit"),
    path("rhythm/", keep_in_touch.rhythm_settings, name="rhythm_settings"),
    path("rhythm/calendar/", keep_in_touch.calendar_feed_create, name="calendar_feed_create"),
    path("rhythm/calendar/stop/", keep_in_touch.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("ledger/", rhythm_pages.ledger_page, name="ledger_page"),
    path("habits/", rhythm_pages.habits_page, name="habits_page"),
    path("events/", rhythm_pages.events_page, name="events_page"),
    path("events/<int:event_id>/", rhythm_pages.event_detail, name="event_detail"),
    path("events/<int:event_id>/people/", rhythm_pages.event_add_person, name="event_add_person"),
    path("circles/suggestions/", rhythm_pages.circle_suggestions_page, name="circle_suggestions"),
    path(
        "circles/suggestions/accept/",
        rhythm_pages.circle_suggestions_accept,
        name="circle_suggestions_accept",
    ),
    path(
        "circles/suggestions/<int:contact_id>/accept/",
        rhythm_pages.circle_suggestion_accept,
        name="circle_suggestion_accept",
    ),
    path(
        "circles/suggestions/<int:contact_id>/keep/",
        rhythm_pages.circle_suggestion_keep,
        name="circle_suggestion_keep",
    ),
]
