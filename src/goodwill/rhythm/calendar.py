"""The reminders calendar (RFC 5545): due touches, loop deadlines and event follow-ups.

Touches come as one all-day event a day ("Keep in touch: 3 contacts") rather than one per
contact, so a calendar shows a nudge, not a wall; today's event also counts those overdue.
Each loop with a reply due soon, and each follow-up owed after an event, is an event of its own.
Events are all-day DATE values, so no time zone can move them to another day. The file is
written by goodwill.rhythm.ics (plain RFC 5545 text), not built from icalendar components.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from goodwill.network.models import Contact, Loop
from goodwill.network.services import Owner
from goodwill.rhythm.agenda import FOLLOW_UP_DAYS, due_contacts
from goodwill.rhythm.ics import AllDayEvent, calendar
from goodwill.rhythm.models import EventAttendee
from goodwill.rhythm.moments import EpochSeconds, bucket, local_start

# Touches due this many days ahead are listed day by day.
TOUCH_DAYS_AHEAD = 30
# Loops whose reply falls due in this window (days before and after today).
LOOP_DAYS_BEHIND = 7
LOOP_DAYS_AHEAD = 30
# Names listed in a day's description before "and N more".
NAMES_PER_DAY = 25
PRODID = "-//Goodwill//Keep in touch//EN"


def _url(path: str) -> str:
    return f"{settings.GOODWILL_BASE_URL}{path}"


def _uid(owner: Owner, what: str) -> str:
    return f"{what}.{owner.pk}@goodwill"


def reminders_calendar(*, owner: Owner, now: datetime | None = None) -> bytes:
    """The owner's reminders as an iCalendar file."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    events = [
        *_touch_events(owner, now, today),
        *_loop_events(owner, today),
        *_follow_up_events(owner, today),
    ]
    return calendar(events, prodid=PRODID, name="Goodwill reminders", ttl="PT6H", stamp=now)


def _midnights(first: date, days: int) -> list[int]:
    """Local midnight of each day from `first`, as seconds since 1970, to place moments by day
    with a bisection instead of a time zone conversion per row."""
    return [local_start(first + timedelta(days=offset)) for offset in range(days + 1)]


def _touch_events(owner: Owner, now: datetime, today: date) -> list[AllDayEvent]:
    days = TOUCH_DAYS_AHEAD + 1
    # midnights[i] starts day today + i; midnights[days] ends the window.
    midnights = _midnights(today, days)
    names: list[list[str]] = [[] for _ in range(days)]
    counts = [0] * days
    overdue = 0
    # A snoozed contact is due again the day the snooze ends: one moment per contact, worked
    # out by the database, so each row brings one datetime to convert.
    rows = (
        due_contacts(owner, datetime.fromtimestamp(midnights[-1], UTC))
        .annotate(
            moment=EpochSeconds(Greatest("touch_due_at", Coalesce("snoozed_until", "touch_due_at")))
        )
        .order_by("touch_due_at", "pk")
        .values_list("full_name", "moment")
    )
    for name, moment in rows:
        if moment < midnights[0]:
            overdue += 1
            index = 0
        else:
            index = bucket(midnights, moment)
            if index >= days:
                continue
        counts[index] += 1
        if len(names[index]) < NAMES_PER_DAY:
            names[index].append(name)
    today_url = _url(reverse("today"))
    events = []
    for index, count in enumerate(counts):
        if not count:
            continue
        day = today + timedelta(days=index)
        lines = [f"- {name}" for name in names[index]]
        if count > NAMES_PER_DAY:
            lines.append(f"... and {count - NAMES_PER_DAY} more")
        if index == 0 and overdue:
            lines.insert(0, f"{overdue} of them past their cadence already.")
        lines.append(f"Today's list: {today_url}")
        events.append(
            AllDayEvent(
                uid=_uid(owner, f"touches-{day.isoformat()}"),
                day=day,
                summary=f"Keep in touch: {count} contact{'s' if count != 1 else ''}",
                description="\n".join(lines),
                url=today_url,
            )
        )
    return events


def _contact_url(contact_id: int) -> str:
    return _url(reverse("contact_detail", args=[contact_id]))


def _loop_events(owner: Owner, today: date) -> list[AllDayEvent]:
    start = today - timedelta(days=LOOP_DAYS_BEHIND)
    midnights = _midnights(start, LOOP_DAYS_BEHIND + LOOP_DAYS_AHEAD)
    names = (
        Contact.objects.filter(owner=owner, pk=OuterRef("contact_id"))
        .order_by()
        .values("full_name")
    )
    loops = (
        Loop.objects.filter(
            owner=owner,
            status__in=[Loop.Status.OPEN, Loop.Status.ACKNOWLEDGED],
            reply_due_at__gte=datetime.fromtimestamp(midnights[0], UTC),
            reply_due_at__lt=datetime.fromtimestamp(midnights[-1], UTC),
        )
        # The name as a subquery: a join made PostgreSQL hash every contact of the network
        # for the few hundred loops in the window.
        .annotate(due=EpochSeconds("reply_due_at"), name=Subquery(names[:1]))
        .order_by("reply_due_at", "pk")
        .values_list("pk", "contact_id", "name", "kind", "whose", "summary", "due")
    )
    # One reverse() for every contact link: the path differs only by the id.
    head, _, tail = reverse("contact_detail", args=[0]).rpartition("/0/")
    link_pattern = _url(f"{head}/{{}}/{tail}")
    events = []
    for pk, contact_id, name, kind, whose, summary, due_at in loops:
        if whose == Loop.Whose.MINE and kind == Loop.Kind.ASK:
            title = f"Reply due from {name}: {summary}"
        elif whose == Loop.Whose.MINE:
            title = f"Your {kind} to {name}: {summary}"
        else:
            title = f"Answer {name}: {summary}"
        link = link_pattern.format(contact_id)
        day = start + timedelta(days=bucket(midnights, due_at))
        events.append(
            AllDayEvent(
                uid=_uid(owner, f"loop-{pk}"),
                day=day,
                summary=title[:250],
                description=f"{summary}\n{link}",
                url=link,
            )
        )
    return events


def _follow_up_events(owner: Owner, today: date) -> list[AllDayEvent]:
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
        link = _contact_url(attendee.contact_id)
        needs = f"They need: {attendee.needs}\n" if attendee.needs else ""
        events.append(
            AllDayEvent(
                uid=_uid(owner, f"follow-up-{attendee.pk}"),
                day=max(today, timezone.localdate(attendee.follow_up_due_at)),
                summary=f"Follow up with {attendee.contact.full_name} ({attendee.event.name})",
                description=f"{needs}{link}",
                url=link,
            )
        )
    return events
