"""Today's short list: what needs the user, in priority order, a humane number a day.

Four sections, each in its own order: loops waiting on you (oldest first), your asks met with
silence (oldest first), follow-ups for people met at events, and contacts past their cadence
(past the maximum first, then those with a reason to write now, then the longest overdue).
The day's list takes each section's first item in turn until it holds the user's daily number,
less what they already did from Today that day. Snoozed and dismissed items stay off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Window
from django.utils import timezone

from goodwill.insight.keep_in_touch import (
    FollowUpFacts,
    KeepFacts,
    anniversary_reason,
    effective_cadence,
    follow_up_item,
    keep_item,
    new_position_reason,
    open_loop_reason,
    pick_daily,
)
from goodwill.insight.today import ItemKind, LoopFacts, TodayItem, silence_item, waiting_item
from goodwill.network import selectors
from goodwill.network.models import Contact, Loop
from goodwill.network.reach_out import reasons_to_reach_out
from goodwill.network.services import Owner
from goodwill.rhythm.models import (
    DEFAULT_DAILY_LIMIT,
    EventAttendee,
    PositionSeen,
    RhythmSettings,
    TodayDecision,
)
from goodwill.rhythm.moments import EpochSeconds, seconds

# With "show everything", each section lists this many and counts the rest.
SHOW_ALL_LIMIT = 50
# Follow-ups for people met at events in this many days; older ones are simply drifting.
FOLLOW_UP_DAYS = 14
DAY = 24 * 3600
# Dismissals older than this no longer hide anything: the occurrence they named is long gone.
DISMISSAL_MEMORY = timedelta(days=400)


@dataclass(frozen=True)
class AgendaSection:
    key: str
    kind: ItemKind
    title: str
    items: list[TodayItem]
    total: int
    empty: str

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.items))


@dataclass(frozen=True)
class Agenda:
    sections: list[AgendaSection]
    daily_limit: int
    done_today: int
    show_all: bool
    generated_at: datetime = field(compare=False)

    @property
    def is_empty(self) -> bool:
        return not any(section.total for section in self.sections)

    @property
    def items(self) -> list[TodayItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def day_is_done(self) -> bool:
        """The user did their number for today and there is more that can wait."""
        return not self.show_all and self.done_today >= self.daily_limit and not self.is_empty

    def section(self, key: str) -> AgendaSection:
        return next(section for section in self.sections if section.key == key)

    def as_json(self) -> dict[str, object]:
        def items(section: AgendaSection) -> list[dict[str, object]]:
            return [
                {
                    "kind": item.kind.value,
                    "contact_id": item.contact_id,
                    "contact": item.contact_name,
                    "loop_id": item.loop_id,
                    "subject_id": item.subject_id,
                    "title": item.title,
                    "reason": item.reason,
                    "why_now": list(item.why_now),
                    "urgent": item.urgent,
                    "since": item.since.isoformat(),
                }
                for item in section.items
            ]

        by_key = {section.kind.value: section for section in self.sections}
        return {
            **{key: items(section) for key, section in by_key.items()},
            "totals": {key: section.total for key, section in by_key.items()},
            "daily_limit": self.daily_limit,
            "done_today": self.done_today,
        }


def daily_limit_for(owner: Owner) -> int:
    settings = RhythmSettings.objects.filter(owner=owner).first()
    return settings.daily_limit if settings else DEFAULT_DAILY_LIMIT


@dataclass
class _Hidden:
    """Items the user snoozed (any occurrence, until a moment) or dismissed (one occurrence)."""

    snoozed: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    dismissed: dict[str, set[tuple[int, datetime]]] = field(
        default_factory=lambda: defaultdict(set)
    )

    def hides(self, item: TodayItem) -> bool:
        subject = item.subject_id
        if subject is None:
            return False
        kind = item.kind.value
        return subject in self.snoozed[kind] or (subject, item.since) in self.dismissed[kind]

    def subjects(self, kind: ItemKind) -> set[int]:
        return self.snoozed[kind.value] | {subject for subject, _ in self.dismissed[kind.value]}


def _hidden(owner: Owner, now: datetime) -> tuple[_Hidden, int]:
    """What the user snoozed or dismissed, and how many items they did (done or logged) since
    local midnight: one read of their decisions."""
    hidden = _Hidden()
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    did = [TodayDecision.Action.DONE, TodayDecision.Action.LOGGED]
    rows = TodayDecision.objects.filter(owner=owner).filter(
        Q(action=TodayDecision.Action.SNOOZED, until__gt=now)
        | Q(action=TodayDecision.Action.DISMISSED, decided_at__gte=now - DISMISSAL_MEMORY)
        | Q(action__in=did, decided_at__gte=midnight)
    )
    done = 0
    for kind, subject, occurrence, action in rows.values_list(
        "item_kind", "subject_id", "occurrence", "action"
    ):
        if action == TodayDecision.Action.SNOOZED:
            hidden.snoozed[kind].add(subject)
        elif action == TodayDecision.Action.DISMISSED:
            hidden.dismissed[kind].add((subject, occurrence))
        else:
            done += 1
    return hidden, done


def _loop_items(
    owner: Owner,
    loops: QuerySet[Loop],
    make: Callable[[LoopFacts], TodayItem],
    kind: ItemKind,
    hidden: _Hidden,
    wanted: int,
) -> tuple[list[TodayItem], int]:
    hidden_ids = hidden.subjects(kind)
    # The contact's name as a subquery, not a join: PostgreSQL joined (and hashed) every
    # contact of the network before the sort and limit, and now looks up only the rows kept.
    # Each row also carries how many loops there are in all (a window count, no second query).
    name = (
        Contact.objects.filter(owner=owner, pk=OuterRef("contact_id"))
        .order_by()
        .values("full_name")
    )
    rows = list(
        loops.annotate(name=Subquery(name[:1]), total=Window(Count("pk")))
        .order_by("opened_at", "pk")
        .values_list(
            "pk",
            "contact_id",
            "name",
            "kind",
            "whose",
            "summary",
            "opened_at",
            "reply_due_at",
            "total",
        )[: max(1, wanted + len(hidden_ids))]
    )
    items: list[TodayItem] = []
    for pk, contact_id, contact_name, loop_kind, whose, summary, opened_at, due_at, _ in rows:
        facts = LoopFacts(
            pk, contact_id, contact_name or "", loop_kind, whose, summary, opened_at, due_at
        )
        item = replace(make(facts), subject_id=pk)
        if len(items) < wanted and not hidden.hides(item):
            items.append(item)
    # A loop's occurrence is its opening, which never changes: a hidden loop stays hidden.
    total = rows[0][-1] if rows else 0
    if hidden_ids:
        total -= loops.filter(pk__in=hidden_ids).count()
    return items, total


def _follow_ups(
    owner: Owner, now: datetime, hidden: _Hidden, wanted: int
) -> tuple[list[TodayItem], int]:
    rows = (
        EventAttendee.objects.filter(
            owner=owner,
            event__held_on__gte=timezone.localdate(now) - timedelta(days=FOLLOW_UP_DAYS),
        )
        .select_related("event", "contact", "event__interaction")
        .order_by("follow_up_due_at", "pk")
    )
    items = []
    for attendee in rows:
        met_at = attendee.event.interaction.occurred_at if attendee.event.interaction else None
        last = attendee.contact.last_touch_at
        if met_at is not None and last is not None and last > met_at:
            continue  # written to (or heard from) since they met
        item = follow_up_item(
            FollowUpFacts(
                attendee_id=attendee.pk,
                contact_id=attendee.contact_id,
                contact_name=attendee.contact.full_name,
                event_name=attendee.event.name,
                held_on=attendee.event.held_on,
                needs=attendee.needs,
                due_at=attendee.follow_up_due_at,
            ),
            now=now,
        )
        if not hidden.hides(item):
            items.append(item)
    return items[:wanted], len(items)


def due_contacts(owner: Owner, now: datetime) -> QuerySet[Contact]:
    """Contacts past their ideal interval, not snoozed, in a circle that reminds."""
    return Contact.objects.filter(
        owner=owner, touch_due_at__lte=now, circle__cadence_days__isnull=False
    ).filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=now))


@dataclass(frozen=True)
class _Ranked:
    contact_id: int
    past_maximum: bool
    due: int  # seconds since 1970
    anniversary: str | None

    @property
    def order(self) -> tuple[bool, bool, int, int]:
        # The order of insight.keep_in_touch.keep_order: past the maximum first, then those
        # with a reason to write now, then the longest overdue.
        return (not self.past_maximum, self.anniversary is None, self.due, self.contact_id)


def _drifting(
    owner: Owner, now: datetime, hidden: _Hidden, wanted: int
) -> tuple[list[TodayItem], int]:
    """Every contact past their cadence is ranked (a few hundred in a large network), from
    integers and dates the database gives; only the few shown are read in full."""
    # No ORDER BY: sorting by name (the model's default) made SQLite walk the name index over
    # every contact instead of the due-date range.
    due = due_contacts(owner, now).order_by()
    rows = due.annotate(
        last=EpochSeconds("last_touch_at"),
        known=EpochSeconds("created_at"),
        due=EpochSeconds("touch_due_at"),
    ).values_list(
        "pk",
        "circle__cadence_days",
        "circle__max_cadence_days",
        "cadence_days",
        "max_cadence_days",
        "last",
        "known",
        "due",
        "connected_on",
    )
    today = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    now_seconds = seconds(now)
    ranked: list[_Ranked] = []
    for pk, circle_ideal, circle_max, own_ideal, own_max, last, known, due_at, connected_on in rows:
        cadence = effective_cadence(
            circle_ideal=circle_ideal, circle_max=circle_max, own_ideal=own_ideal, own_max=own_max
        )
        start = last if last is not None else known
        past = cadence.max_days is not None and start + cadence.max_days * DAY <= now_seconds
        # An anniversary costs nothing to know, so it can lift a contact up the list.
        connected = connected_on or datetime.fromtimestamp(known, zone).date()
        reason = anniversary_reason(connected_on=connected, today=today)
        ranked.append(_Ranked(pk, past, due_at if due_at is not None else known, reason))
    hidden_ids = hidden.subjects(ItemKind.DRIFTING) & {row.contact_id for row in ranked}
    if hidden_ids:
        # Whether a dismissal still holds depends on the exact moment the contact fell due.
        exact = dict(due.filter(pk__in=hidden_ids).values_list("pk", "touch_due_at"))
        hidden_now = {
            pk
            for pk, due_at in exact.items()
            if pk in hidden.snoozed[ItemKind.DRIFTING.value]
            or (pk, due_at) in hidden.dismissed[ItemKind.DRIFTING.value]
        }
        ranked = [row for row in ranked if row.contact_id not in hidden_now]
    ranked.sort(key=lambda row: row.order)
    chosen = ranked[:wanted]
    facts, position_sources = _keep_facts(owner, [row.contact_id for row in chosen])
    reasons = _reasons_now(
        owner, [row.contact_id for row in chosen], now, position_sources=position_sources
    )
    items = []
    for row in chosen:
        pk = row.contact_id
        if pk not in facts:  # deleted in the meantime
            continue
        why = [*reasons.get(pk, []), *([row.anniversary] if row.anniversary else [])]
        items.append(keep_item(facts[pk], now=now, why_now=why))
    return items, len(ranked)


def _keep_facts(
    owner: Owner, contact_ids: list[int]
) -> tuple[dict[int, KeepFacts], dict[int, str]]:
    """What Today says of the contacts it shows, read in full for those few only, and where
    each one's job title came from (for the reason "new position")."""
    if not contact_ids:
        return {}, {}
    facts = {}
    sources = {}
    for (
        pk,
        name,
        circle_name,
        circle_ideal,
        circle_max,
        own_ideal,
        own_max,
        last_touch_at,
        created_at,
        due_at,
        field_sources,
    ) in (
        Contact.objects.filter(owner=owner, pk__in=contact_ids)
        .order_by()
        .values_list(
            "pk",
            "full_name",
            "circle__name",
            "circle__cadence_days",
            "circle__max_cadence_days",
            "cadence_days",
            "max_cadence_days",
            "last_touch_at",
            "created_at",
            "touch_due_at",
            "field_sources",
        )
    ):
        sources[pk] = (field_sources or {}).get("position", "")
        cadence = effective_cadence(
            circle_ideal=circle_ideal, circle_max=circle_max, own_ideal=own_ideal, own_max=own_max
        )
        facts[pk] = KeepFacts(
            pk, name, circle_name, cadence, last_touch_at, created_at, due_at or created_at
        )
    return facts, sources


def _reasons_now(
    owner: Owner,
    contact_ids: list[int],
    now: datetime,
    *,
    position_sources: dict[int, str] | None = None,
) -> dict[int, list[str]]:
    """Reasons to write to these contacts now: an open loop, a new position, and whatever the
    other apps know (a contact's newest article, once feeds exist)."""
    if not contact_ids:
        return {}
    reasons: dict[int, list[str]] = defaultdict(list)
    loops: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    for contact_id, whose, summary in (
        Loop.objects.filter(owner=owner, contact_id__in=contact_ids)
        .exclude(status=Loop.Status.CLOSED)
        .order_by("opened_at", "pk")
        .values_list("contact_id", "whose", "summary")
    ):
        loops[contact_id].append((whose == Loop.Whose.THEIRS, summary))
    for contact_id, pairs in loops.items():
        reason = open_loop_reason(
            summaries=[summary for _, summary in pairs],
            whose_theirs=[theirs for theirs, _ in pairs],
        )
        if reason:
            reasons[contact_id].append(reason)
    if position_sources is None:
        position_sources = {
            pk: (sources or {}).get("position", "")
            for pk, sources in Contact.objects.filter(owner=owner, pk__in=contact_ids)
            .order_by()
            .values_list("pk", "field_sources")
        }
    for row in PositionSeen.objects.filter(
        owner=owner, contact_id__in=contact_ids, changed_at__isnull=False
    ):
        source = position_sources.get(row.contact_id, "")
        reason = new_position_reason(
            position=row.position,
            organization=row.organization,
            changed_at=row.changed_at,
            source=source,
            now=now,
        )
        if reason:
            reasons[row.contact_id].append(reason)
    for contact_id, extra in reasons_to_reach_out(owner=owner, contact_ids=contact_ids, now=now):
        reasons[contact_id].append(extra)
    return reasons


SECTION_TITLES: tuple[tuple[str, ItemKind, str, str], ...] = (
    ("waiting", ItemKind.WAITING_ON_YOU, "Waiting on you", "Nobody is waiting on you."),
    ("silence", ItemKind.SILENCE, "Met with silence", "No ask of yours has gone unanswered."),
    ("follow-ups", ItemKind.FOLLOW_UP, "Follow up after events", "No follow-up is waiting."),
    ("drifting", ItemKind.DRIFTING, "Drifting", "Nobody is drifting away."),
)


def today_agenda(*, owner: Owner, now: datetime | None = None, show_all: bool = False) -> Agenda:
    """Today for the owner: the day's short list (or, with show_all, up to 50 a section)."""
    now = now or timezone.now()
    limit = daily_limit_for(owner)
    hidden, done = _hidden(owner, now)
    budget = SHOW_ALL_LIMIT if show_all else max(0, limit - done)
    # Each section is read only as deep as the day's list could reach into it.
    found: list[tuple[list[TodayItem], int]] = [
        _loop_items(
            owner,
            selectors.loops_waiting_on_you(owner=owner),
            lambda facts: waiting_item(facts, now=now),
            ItemKind.WAITING_ON_YOU,
            hidden,
            budget,
        ),
        _loop_items(
            owner,
            selectors.loops_met_with_silence(owner=owner, now=now),
            lambda facts: silence_item(facts, now=now),
            ItemKind.SILENCE,
            hidden,
            budget,
        ),
        _follow_ups(owner, now, hidden, budget),
        _drifting(owner, now, hidden, budget),
    ]
    candidates = [items for items, _ in found]
    picked = candidates if show_all else pick_daily(candidates, budget)
    sections = [
        AgendaSection(key, kind, title, items, total, empty)
        for (key, kind, title, empty), items, (_, total) in zip(
            SECTION_TITLES, picked, found, strict=True
        )
    ]
    return Agenda(sections, limit, done, show_all, generated_at=now)
