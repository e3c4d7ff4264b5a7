"""The reminders calendar (RFC 5545): due touches, loop deadlines and event follow-ups.

Touches come as one all-day event a day ("Keep in touch: 3 contacts") rather than one per
contact, so a calendar shows a nudge, not a wall; today's event also counts those overdue.
Each loop with a reply due soon, and each follow-up owed after an event, is an event of its own.
Events are all-day DATE values, so no time zone can move them to another day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from goodwill.network.models import Loop
from goodwill.network.services import Owner
from goodwill.rhythm.agenda import FOLLOW_UP_DAYS, due_contacts
from goodwill.rhythm.models import EventAttendee

# Touches due this many days ahead are listed day by day.
TOUCH_DAYS_AHEAD = 30
# Loops whose reply falls due in this window (days before and after today).
LOOP_DAYS_BEHIND = 7
LOOP_DAYS_AHEAD = 30
# Names listed in a day's description before "and N more".
NAMES_PER_DAY = 25
PRODID = "-//Goodwill//Keep in touch//EN"


@dataclass(frozen=True)
class _DueTouch:
    name: str
    contact_id: int


def _url(path: str) -> str:
    return f"{settings.GOODWILL_BASE_URL}{path}"


def _uid(owner: Owner, what: str) -> str:
    return f"{what}.{owner.pk}@goodwill"


def _all_day(event: Event, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")


def reminders_calendar(*, owner: Owner, now: datetime | None = None) -> bytes:
    """The owner's reminders as an iCalendar file."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Goodwill reminders")
    calendar.add("x-published-ttl", "PT6H")
    stamp = now.astimezone(UTC)
    for event in _touch_events(owner, now, today):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    for event in _loop_events(owner, today):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    for event in _follow_up_events(owner, today):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    return calendar.to_ical()


def _touch_events(owner: Owner, now: datetime, today: date) -> list[Event]:
    horizon = now + timedelta(days=TOUCH_DAYS_AHEAD + 1)
    by_day: dict[date, list[_DueTouch]] = defaultdict(list)
    overdue = 0
    rows = (
        due_contacts(owner, horizon)
        .order_by("touch_due_at", "pk")
        .values_list("pk", "full_name", "touch_due_at", "snoozed_until")
    )
    for pk, name, due_at, snoozed_until in rows:
        if due_at is None:
            continue
        # A snoozed contact is due again the day the snooze ends.
        when = max(due_at, snoozed_until) if snoozed_until else due_at
        day = timezone.localdate(when)
        if day < today:
            overdue += 1
            day = today
        if day < today + timedelta(days=TOUCH_DAYS_AHEAD + 1):
            by_day[day].append(_DueTouch(name, pk))
    events = []
    for day, touches in sorted(by_day.items()):
        event = Event()
        event.add("uid", _uid(owner, f"touches-{day.isoformat()}"))
        count = len(touches)
        event.add("summary", f"Keep in touch: {count} contact{'s' if count != 1 else ''}")
        lines = [f"- {touch.name}" for touch in touches[:NAMES_PER_DAY]]
        if count > NAMES_PER_DAY:
            lines.append(f"... and {count - NAMES_PER_DAY} more")
        if day == today and overdue:
            lines.insert(0, f"{overdue} of them past their cadence already.")
        lines.append(f"Today's list: {_url(reverse('today'))}")
        event.add("description", "\n".join(lines))
        event.add("url", _url(reverse("today")))
        _all_day(event, day)
        events.append(event)
    return events


def _loop_events(owner: Owner, today: date) -> list[Event]:
    start = today - timedelta(days=LOOP_DAYS_BEHIND)
    end = today + timedelta(days=LOOP_DAYS_AHEAD)
    low = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    high = timezone.make_aware(datetime.combine(end, datetime.min.time()))
    loops = (
        Loop.objects.filter(owner=owner, reply_due_at__gte=low, reply_due_at__lt=high)
        .filter(Q(status=Loop.Status.OPEN) | Q(status=Loop.Status.ACKNOWLEDGED))
        .order_by("reply_due_at", "pk")
        .values_list(
            "pk", "contact_id", "contact__full_name", "kind", "whose", "summary", "reply_due_at"
        )
    )
    events = []
    for pk, contact_id, name, kind, whose, summary, due_at in loops:
        event = Event()
        event.add("uid", _uid(owner, f"loop-{pk}"))
        if whose == Loop.Whose.MINE and kind == Loop.Kind.ASK:
            title = f"Reply due from {name}: {summary}"
        elif whose == Loop.Whose.MINE:
            title = f"Your {kind} to {name}: {summary}"
        else:
            title = f"Answer {name}: {summary}"
        event.add("summary", title[:250])
        link = _url(reverse("contact_detail", args=[contact_id]))
        event.add("description", f"{summary}\n{link}")
        event.add("url", link)
        _all_day(event, timezone.localdate(due_at))
        events.append(event)
    return events


def _follow_up_events(owner: Owner, today: date) -> list[Event]:
    attendees = (
        EventAttendee.objects.filter(
            owner=owner, event__held_on__gte=today - timedelta(days=FOLLOW_UP_DAYS)
        )
        .select_related("event", "event__interaction", "contact")
        .order_by("follow_up_due_at", "pk")
    )
    events = []
    for attendee in attendees:
        met_at = attendee.event.interaction.occurred_at if attendee.event.interaction else None
        last = attendee.contact.last_touch_at
        if met_at is not None and last is not None and last > met_at:
            continue
        event = Event()
        event.add("uid", _uid(owner, f"follow-up-{attendee.pk}"))
        event.add("summary", f"Follow up with {attendee.contact.full_name} ({attendee.event.name})")
        link = _url(reverse("contact_detail", args=[attendee.contact_id]))
        needs = f"They need: {attendee.needs}\n" if attendee.needs else ""
        event.add("description", f"{needs}{link}")
        event.add("url", link)
        _all_day(event, max(today, timezone.localdate(attendee.follow_up_due_at)))
        events.append(event)
    return events
