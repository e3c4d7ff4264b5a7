"""Reads of mail rows, every one scoped to an owner: the reply radar for Today and for a
contact's page, messages and threads, suggested contacts, imports and accounts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from goodwill.insight.radar import RadarKind, RadarState, waiting_age_days
from goodwill.mail.models import (
    Correspondent,
    Dismissal,
    MailAccount,
    MailImport,
    MailThread,
    Message,
    OwnAddress,
    RadarItem,
)
from goodwill.mail.services import RADAR_HORIZON_DAYS
from goodwill.network.models import Contact
from goodwill.network.services import Owner

RADAR_LIMIT = 10


def _not_dismissed(items: QuerySet[RadarItem]) -> QuerySet[RadarItem]:
    dismissed = Dismissal.objects.filter(
        owner_id=OuterRef("owner_id"), message_key=OuterRef("message__key"), kind=OuterRef("kind")
    )
    return items.filter(~Exists(dismissed))


def loops_from_mail(*, owner: Owner, loop_ids: Iterable[int | None]) -> set[int]:
    """Which of these loops were opened from mail (so have a message to show, and can be
    dismissed)."""
    wanted = [pk for pk in loop_ids if pk]
    if not wanted:
        return set()
    return set(
        RadarItem.objects.filter(owner=owner, loop_id__in=wanted).values_list("loop_id", flat=True)
    )


def radar_item_for_loop(*, owner: Owner, loop_id: int) -> RadarItem | None:
    return (
        RadarItem.objects.filter(owner=owner, loop_id=loop_id)
        .select_related("message", "loop")
        .first()
    )


def radar_item_for_owner(*, owner: Owner, item_id: int) -> RadarItem | None:
    return (
        RadarItem.objects.filter(owner=owner, pk=item_id)
        .select_related("message", "loop", "contact")
        .first()
    )


@dataclass(frozen=True)
class RadarRow:
    """One radar item as a page shows it."""

    item: RadarItem
    age_days: int
    state_label: str
    who: str


def _row(item: RadarItem, now: datetime) -> RadarRow:
    if item.contact is not None:
        who = item.contact.full_name
    elif item.whose == "theirs":
        who = item.message.sender_name or item.message.sender_address
    else:
        who = item.message.to.split(",")[0] or "them"
    label = RadarItem.State(item.state).label
    return RadarRow(item, waiting_age_days(item.opened_at, now), label, who)


@dataclass(frozen=True)
class Radar:
    """What the mail shows beyond the loops Today lists already: offers made to you and by you,
    and asks waiting on you from people who are not contacts yet."""

    offers: list[RadarRow]
    strangers_waiting: list[RadarRow]

    @property
    def is_empty(self) -> bool:
        return not (self.offers or self.strangers_waiting)


def _recent(owner: Owner, now: datetime) -> QuerySet[RadarItem]:
    since = now - timedelta(days=RADAR_HORIZON_DAYS)
    return _not_dismissed(
        RadarItem.objects.filter(owner=owner, opened_at__gte=since).select_related(
            "message", "contact", "loop"
        )
    )


def radar_for_owner(
    *, owner: Owner, now: datetime | None = None, limit: int = RADAR_LIMIT
) -> Radar:
    """Today's reply radar: recent offers (not yet kept first), and asks from people who are
    not contacts that you have neither answered nor acknowledged, oldest first."""
    now = now or timezone.now()
    offers = _recent(owner, now).filter(kind=RadarKind.OFFER).exclude(state=RadarState.KEPT)
    strangers = _recent(owner, now).filter(
        kind=RadarKind.ASK, whose="theirs", state=RadarState.OPEN, contact__isnull=True
    )
    return Radar(
        offers=[_row(item, now) for item in offers.order_by("-opened_at", "-pk")[:limit]],
        strangers_waiting=[
            _row(item, now) for item in strangers.order_by("opened_at", "pk")[:limit]
        ],
    )


def radar_for_contact(
    *, contact: Contact, now: datetime | None = None, limit: int = RADAR_LIMIT
) -> list[RadarRow]:
    """The contact's offers from mail, both ways, newest first, whatever became of them."""
    now = now or timezone.now()
    items = _not_dismissed(
        RadarItem.objects.filter(
            owner_id=contact.owner_id, contact=contact, kind=RadarKind.OFFER
        ).select_related("message", "contact", "loop")
    )
    return [_row(item, now) for item in items.order_by("-opened_at", "-pk")[:limit]]


def message_for_owner(*, owner: Owner, message_id: int) -> Message | None:
    return (
        Message.objects.filter(owner=owner, pk=message_id)
        .select_related("thread")
        .prefetch_related("detections")
        .first()
    )


def thread_for_interaction(*, owner: Owner, interaction_id: int) -> MailThread | None:
    return MailThread.objects.filter(owner=owner, interaction_id=interaction_id).first()


def thread_messages_for(*, thread: MailThread) -> QuerySet[Message]:
    return Message.objects.filter(owner_id=thread.owner_id, thread=thread).order_by("sent_at", "pk")


def suggestions_for_owner(*, owner: Owner, limit: int = 50) -> QuerySet[Correspondent]:
    """People written with both ways who are not contacts, most written with first."""
    return Correspondent.objects.filter(
        owner=owner, contact__isnull=True, ignored=False, inbound__gt=0, outbound__gt=0
    ).order_by("-outbound", "-inbound", "address")[:limit]


def correspondent_for_owner(*, owner: Owner, correspondent_id: int) -> Correspondent | None:
    return Correspondent.objects.filter(owner=owner, pk=correspondent_id).first()


def imports_for_owner(*, owner: Owner, limit: int = 10) -> QuerySet[MailImport]:
    return MailImport.objects.filter(owner=owner).order_by("-started_at", "-pk")[:limit]


def accounts_for_owner(*, owner: Owner) -> QuerySet[MailAccount]:
    return MailAccount.objects.filter(owner=owner).order_by("name")


def own_addresses_for_owner(*, owner: Owner) -> QuerySet[OwnAddress]:
    return OwnAddress.objects.filter(owner=owner).order_by("address")


def contact_loops_from_mail(*, contact: Contact) -> set[int]:
    """Which of the contact's loops were opened from mail."""
    return set(
        RadarItem.objects.filter(
            owner_id=contact.owner_id, loop__contact=contact, loop__isnull=False
        ).values_list("loop_id", flat=True)
    )
