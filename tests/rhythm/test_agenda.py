"""Today's short list: a humane number a day, each item with its reason, and the user's own
decisions (done, snoozed, dismissed) respected."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.insight.today import ItemKind
from goodwill.network import services
from goodwill.network.models import Contact, Loop
from goodwill.network.reach_out import register_reach_out_reasons, unregister_reach_out_reasons
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.agenda import today_agenda
from goodwill.rhythm.models import TodayDecision
from tests.importing.helpers import (
    ANA,
    BEN,
    connection_row,
    import_bytes,
    linkedin_export,
    message_row,
)

LONG_AGO = timedelta(days=400)


def _drifters(owner: User, count: int, *, prefix: str = "Drifter") -> list[Contact]:
    return [
        services.contact_create(
            owner=owner,
            full_name=f"{prefix} {number:02}",
            created_at=timezone.now() - LONG_AGO + timedelta(hours=number),
        )
        for number in range(count)
    ]


def _their_asks(contact: Contact, count: int) -> list[Loop]:
    return [
        services.loop_open(
            contact=contact,
            kind="ask",
            whose="theirs",
            summary=f"Ask {number}",
            opened_at=timezone.now() - timedelta(days=30 - number),
        )
        for number in range(count)
    ]


def _names(owner: User, key: str, **kwargs: object) -> list[str]:
    return [item.contact_name for item in today_agenda(owner=owner, **kwargs).section(key).items]  # type: ignore[arg-type]


def test_today_asks_for_seven_things_a_day_by_default(owner: User, lori: Contact) -> None:
    _drifters(owner, 12)
    _their_asks(lori, 12)

    agenda = today_agenda(owner=owner)

    assert len(agenda.items) == 7
    assert agenda.section("waiting").total == 12
    assert agenda.section("drifting").total == 12
    assert agenda.section("drifting").more == 12 - len(agenda.section("drifting").items)


def test_every_kind_gets_a_turn_so_loops_never_crowd_out_drifting_contacts(
    owner: User, lori: Contact
) -> None:
    _drifters(owner, 5)
    asks = _their_asks(lori, 10)

    agenda = today_agenda(owner=owner)

    waiting = agenda.section("waiting").items
    assert [item.loop_id for item in waiting] == [loop.pk for loop in asks[: len(waiting)]]
    assert len(agenda.section("drifting").items) >= 3


def test_the_daily_number_is_the_users_own(owner: User) -> None:
    _drifters(owner, 10)
    rhythm.rhythm_settings_update(owner=owner, daily_limit=3, digest_enabled=False)

    assert len(today_agenda(owner=owner).items) == 3


def test_show_all_lists_up_to_fifty_a_section(owner: User) -> None:
    _drifters(owner, 12)

    agenda = today_agenda(owner=owner, show_all=True)

    assert len(agenda.section("drifting").items) == 12


def test_what_was_done_today_counts_toward_the_number(owner: User) -> None:
    drifters = _drifters(owner, 10)
    rhythm.rhythm_settings_update(owner=owner, daily_limit=3, digest_enabled=False)

    for contact in drifters[:2]:
        rhythm.today_done(subject=rhythm.subject_of_contact(contact))

    agenda = today_agenda(owner=owner)
    assert agenda.done_today == 2
    assert len(agenda.items) == 1
    rhythm.today_done(subject=rhythm.subject_of_contact(drifters[2]))
    finished = today_agenda(owner=owner)
    assert finished.items == []
    assert finished.day_is_done
    assert finished.section("drifting").total == 7


def test_done_on_a_contact_logs_a_message_and_resets_their_clock(owner: User) -> None:
    [sam] = _drifters(owner, 1)

    rhythm.today_done(subject=rhythm.subject_of_contact(sam))

    sam.refresh_from_db()
    assert sam.last_touch_at is not None
    assert sam.interactions.get().summary == "Reached out (marked done on Today)"
    assert _names(owner, "drifting") == []


def test_done_on_a_loop_closes_it_as_done(lori: Contact) -> None:
    [ask] = _their_asks(lori, 1)

    rhythm.today_done(subject=rhythm.subject_of_loop(ask), loop=ask)

    ask.refresh_from_db()
    assert (ask.status, ask.outcome) == (Loop.Status.CLOSED, Loop.Outcome.DONE)


def test_a_snoozed_loop_comes_back_when_the_snooze_ends(lori: Contact) -> None:
    [ask] = _their_asks(lori, 1)

    rhythm.today_snooze(
        subject=rhythm.subject_of_loop(ask), until=timezone.now() + timedelta(days=3)
    )

    assert today_agenda(owner=lori.owner).section("waiting").items == []
    later = today_agenda(owner=lori.owner, now=timezone.now() + timedelta(days=4))
    assert [item.loop_id for item in later.section("waiting").items] == [ask.pk]


def test_snoozing_a_drifting_contact_snoozes_them_everywhere(owner: User) -> None:
    [sam] = _drifters(owner, 1)

    rhythm.today_snooze(
        subject=rhythm.subject_of_contact(sam), until=timezone.now() + timedelta(days=7)
    )

    sam.refresh_from_db()
    assert sam.snoozed_until is not None
    assert _names(owner, "drifting") == []


def test_a_dismissed_contact_returns_when_due_again_for_a_new_reason(owner: User) -> None:
    [sam] = _drifters(owner, 1)

    rhythm.today_dismiss(subject=rhythm.subject_of_contact(sam))
    assert _names(owner, "drifting") == []

    # A touch long enough ago that a new cycle is due: a new occurrence, shown again.
    services.interaction_log(
        owner=owner,
        contacts=[sam],
        kind="call",
        summary="Call",
        occurred_at=timezone.now() - timedelta(days=100),
    )
    assert _names(owner, "drifting") == ["Drifter 00"]


def test_a_dismissed_item_does_not_count_toward_the_days_number(owner: User) -> None:
    drifters = _drifters(owner, 9)

    rhythm.today_dismiss(subject=rhythm.subject_of_contact(drifters[0]))

    agenda = today_agenda(owner=owner)
    assert agenda.done_today == 0
    assert len(agenda.items) == 7
    assert agenda.section("drifting").total == 8


def test_past_the_maximum_comes_before_merely_past_the_ideal(owner: User) -> None:
    now = timezone.now()
    merely = services.contact_create(
        owner=owner, full_name="Merely Due", created_at=now - timedelta(days=400)
    )
    services.interaction_log(
        owner=owner,
        contacts=[merely],
        kind="call",
        summary="x",
        occurred_at=now - timedelta(days=110),
    )
    urgent = services.contact_create(
        owner=owner, full_name="Long Gone", created_at=now - timedelta(days=400)
    )
    services.interaction_log(
        owner=owner,
        contacts=[urgent],
        kind="call",
        summary="x",
        occurred_at=now - timedelta(days=100),
    )
    # Long Gone keeps a tighter own maximum, so is past it although touched more recently.
    urgent.max_cadence_days = 95
    urgent.save()

    items = today_agenda(owner=owner).section("drifting").items

    assert [item.contact_name for item in items] == ["Long Gone", "Merely Due"]
    assert items[0].urgent
    assert not items[1].urgent
    assert "past the 95 days at most you wanted" in items[0].reason


def test_a_drifting_contact_with_an_open_loop_says_so(owner: User) -> None:
    [sam] = _drifters(owner, 1)
    services.loop_open(
        contact=sam, kind="offer", whose="theirs", summary="Happy to review your deck"
    )
    rhythm.today_dismiss(subject=rhythm.subject_of_loop(sam.loops.get()))

    [item] = today_agenda(owner=owner).section("drifting").items

    assert "They are waiting on: Happy to review your deck." in item.why_now


def test_an_anniversary_of_connecting_is_a_reason_and_lifts_the_contact(owner: User) -> None:
    _first, second = _drifters(owner, 2)
    today = timezone.localdate()
    second.connected_on = date(today.year - 3, today.month, today.day)
    second.save()

    items = today_agenda(owner=owner).section("drifting").items

    assert items[0].contact_id == second.pk
    assert "You connected 3 years ago today." in items[0].why_now


def test_a_new_position_seen_since_the_last_look_is_a_reason(owner: User) -> None:
    [sam] = _drifters(owner, 1)
    rhythm.positions_note_changes(owner=owner)
    sam.position = "Head of design"
    sam.field_sources = {**sam.field_sources, "position": "linkedin"}
    sam.save()

    assert rhythm.positions_note_changes(owner=owner) == 1

    [item] = today_agenda(owner=owner).section("drifting").items
    assert any(reason.startswith("New position: Head of design") for reason in item.why_now)
    assert any("linkedin import" in reason for reason in item.why_now)


def test_other_apps_can_give_reasons_for_the_contacts_shown(owner: User) -> None:
    [sam] = _drifters(owner, 1)
    asked: list[Sequence[int]] = []

    def newest_article(
        who: User, contact_ids: Sequence[int], now: datetime
    ) -> Iterable[tuple[int, str]]:
        asked.append(contact_ids)
        return [(sam.pk, "Their newest article: “Pricing design work”."), (999_999, "Not shown")]

    register_reach_out_reasons(newest_article)
    try:
        [item] = today_agenda(owner=owner).section("drifting").items
    finally:
        unregister_reach_out_reasons(newest_article)

    assert asked == [[sam.pk]]
    assert item.why_now == ("Their newest article: “Pricing design work”.",)


def test_someone_met_at_an_event_gets_a_follow_up_until_written_to(owner: User) -> None:
    event = rhythm.event_create(owner=owner, name="Design Week", held_on=timezone.localdate())
    attendee = rhythm.event_add_person(
        event=event, full_name="Ines Costa", email="ines@costa.example", needs="a bookkeeper"
    )

    [item] = today_agenda(owner=owner).section("follow-ups").items
    assert item.kind == ItemKind.FOLLOW_UP
    assert item.subject_id == attendee.pk
    assert "You met at Design Week" in item.reason
    assert "They need: a bookkeeper." in item.reason
    assert attendee.follow_up_due_at <= timezone.now() + timedelta(days=2, minutes=1)

    services.interaction_log(
        owner=owner, contacts=[attendee.contact], kind="email", summary="Lovely to meet you"
    )
    assert today_agenda(owner=owner).section("follow-ups").total == 0


def test_today_never_shows_another_accounts_items(
    owner: User, stranger: User, lori: Contact
) -> None:
    _drifters(owner, 3)
    _their_asks(lori, 2)

    assert today_agenda(owner=stranger).is_empty


def test_a_linkedin_message_import_takes_a_drifting_contact_off_today(owner: User) -> None:
    import_bytes(
        owner,
        linkedin_export(connections=[connection_row(ANA), connection_row(BEN)]),
        "linkedin.zip",
    )
    for contact in Contact.objects.filter(owner=owner):
        contact.created_at = timezone.now() - LONG_AGO
        contact.touch_due_at = contact.created_at + timedelta(days=90)
        contact.save()
    assert sorted(_names(owner, "drifting")) == ["Ana Bozic", "Ben Okafor"]

    sent = (timezone.now() - timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S UTC")
    import_bytes(
        owner,
        linkedin_export(
            connections=[connection_row(ANA), connection_row(BEN)],
            messages=[
                message_row(
                    ANA,
                    [("Sam Rivera", "https://www.linkedin.com/in/sam-rivera")],
                    "Coffee next week?",
                    date=sent,
                )
            ],
        ),
        "linkedin-2.zip",
    )

    assert _names(owner, "drifting") == ["Ben Okafor"]


@pytest.mark.parametrize("action", ["done", "dismissed"])
def test_decisions_are_recorded_with_the_item_and_its_occurrence(
    lori: Contact, action: str
) -> None:
    [ask] = _their_asks(lori, 1)
    subject = rhythm.subject_of_loop(ask)

    if action == "done":
        rhythm.today_done(subject=subject, loop=ask)
    else:
        rhythm.today_dismiss(subject=subject)

    decision = TodayDecision.objects.get()
    assert (decision.item_kind, decision.subject_id, decision.occurrence, decision.action) == (
        "waiting_on_you",
        ask.pk,
        ask.opened_at,
        action,
    )
