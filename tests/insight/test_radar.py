"""The reply radar's rules over plain thread facts, one case each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from goodwill.insight.radar import (
    INBOUND,
    OUTBOUND,
    RadarKind,
    RadarMessage,
    RadarState,
    is_silence,
    is_waiting_on_you,
    thread_radar,
)

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
ASK = (("ask", "Could you introduce me to Maria?"),)
OFFER = (("offer", "Let me know if there is anything I can do for you."),)
PROMISE = (("promise", "I'll keep you in mind."),)


def _message(
    key: str, direction: str, day: int, intents: tuple[tuple[str, str], ...] = ()
) -> RadarMessage:
    return RadarMessage(key, direction, START + timedelta(days=day), intents)


def test_their_ask_answered_by_your_reply_is_answered() -> None:
    [finding] = thread_radar([_message("a", INBOUND, 0, ASK), _message("b", OUTBOUND, 1)])

    assert (finding.whose, finding.state, finding.state_key) == ("theirs", RadarState.ANSWERED, "b")


def test_their_ask_with_a_keep_you_in_mind_reply_is_acknowledged() -> None:
    [finding] = thread_radar([_message("a", INBOUND, 0, ASK), _message("b", OUTBOUND, 1, PROMISE)])

    assert finding.state == RadarState.ACKNOWLEDGED
    assert finding.state_at == START + timedelta(days=1)


def test_an_acknowledged_ask_is_answered_by_a_later_reply_that_promises_nothing() -> None:
    [finding] = thread_radar(
        [
            _message("a", INBOUND, 0, ASK),
            _message("b", OUTBOUND, 1, PROMISE),
            _message("c", OUTBOUND, 5),
        ]
    )

    assert (finding.state, finding.state_key) == (RadarState.ANSWERED, "c")


def test_their_ask_with_no_reply_is_waiting_on_you() -> None:
    [finding] = thread_radar([_message("a", INBOUND, 0, ASK)])

    assert finding.state == RadarState.OPEN
    assert is_waiting_on_you(whose=finding.whose, state=finding.state, kind=finding.kind)


def test_their_ask_the_mailbox_marks_replied_is_answered_even_without_the_reply() -> None:
    message = RadarMessage("a", INBOUND, START, ASK, replied=True)

    [finding] = thread_radar([message])

    assert finding.state == RadarState.ANSWERED


def test_your_ask_with_no_reply_is_silence_only_once_the_window_has_passed() -> None:
    [finding] = thread_radar([_message("a", OUTBOUND, 0, ASK)])

    def silent(days: int) -> bool:
        return is_silence(
            whose=finding.whose,
            state=finding.state,
            opened_at=finding.opened_at,
            window_days=7,
            now=START + timedelta(days=days),
        )

    assert finding.whose == "mine"
    assert not silent(6)
    assert silent(8)


def test_asking_again_before_any_reply_supersedes_the_first_ask() -> None:
    first, second = thread_radar([_message("a", OUTBOUND, 0, ASK), _message("b", OUTBOUND, 3, ASK)])

    assert (first.state, first.state_key) == (RadarState.SUPERSEDED, "b")
    assert second.state == RadarState.OPEN


def test_their_offer_taken_up_by_your_ask_and_ignored_leaves_your_ask_open() -> None:
    offer, ask = thread_radar([_message("a", INBOUND, 0, OFFER), _message("b", OUTBOUND, 1, ASK)])

    assert (offer.kind, offer.state, offer.state_key) == (RadarKind.OFFER, RadarState.TAKEN_UP, "b")
    assert (ask.whose, ask.state) == ("mine", RadarState.OPEN)


def test_their_offer_taken_up_and_kept() -> None:
    offer, ask = thread_radar(
        [
            _message("a", INBOUND, 0, OFFER),
            _message("b", OUTBOUND, 1, ASK),
            _message("c", INBOUND, 2),
        ]
    )

    assert (offer.state, offer.state_key) == (RadarState.KEPT, "c")
    assert ask.state == RadarState.ANSWERED


def test_an_offer_followed_by_a_reply_that_asks_nothing_is_not_taken_up() -> None:
    [offer] = thread_radar([_message("a", OUTBOUND, 0, OFFER), _message("b", INBOUND, 1)])

    assert (offer.whose, offer.state) == ("mine", RadarState.OPEN)


def test_messages_with_no_direction_are_passed_over() -> None:
    assert thread_radar([_message("a", "", 0, ASK)]) == []
