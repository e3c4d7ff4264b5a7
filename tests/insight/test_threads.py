"""JWZ threading: by References, by In-Reply-To alone, by subject as the last resort, through
reference loops and duplicate Message-IDs, never losing a message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from goodwill.insight.threads import (
    Thread,
    ThreadMessage,
    base_subject,
    id_trees,
    is_reply_subject,
    thread_messages,
)

START = datetime(2024, 3, 1, 9, tzinfo=UTC)


def msg(
    key: str,
    *,
    replies_to: str = "",
    references: tuple[str, ...] = (),
    subject: str = "Plans",
    day: int = 0,
    message_id: str | None = None,
) -> ThreadMessage:
    return ThreadMessage(
        key=key,
        message_id=key if message_id is None else message_id,
        in_reply_to=replies_to,
        references=references,
        subject=subject,
        date=START + timedelta(days=day),
    )


def shape(threads: list[Thread]) -> list[list[tuple[str, str | None]]]:
    # Each thread as (key, key of the message it answers), in date order.
    return [
        [(entry.message.key, entry.parent.key if entry.parent else None) for entry in t.messages]
        for t in threads
    ]


def test_messages_thread_by_their_references() -> None:
    threads = thread_messages(
        [
            msg("c", references=("a", "b"), day=2),
            msg("a"),
            msg("b", references=("a",), day=1),
            msg("other", subject="Else", day=1),
        ]
    )
    assert shape(threads) == [[("a", None), ("b", "a"), ("c", "b")], [("other", None)]]
    assert threads[0].thread_id == "a"
    assert threads[0].root == msg("a")
    assert threads[0].keys == ("a", "b", "c")


def test_in_reply_to_alone_threads_a_reply() -> None:
    threads = thread_messages([msg("a"), msg("b", replies_to="a", day=1)])
    assert shape(threads) == [[("a", None), ("b", "a")]]


def test_in_reply_to_names_the_parent_when_references_are_in_the_wrong_order() -> None:
    # Debbugs writes References oldest-last; In-Reply-To still names the parent.
    threads = thread_messages(
        [
            msg("root"),
            msg("child", replies_to="root", references=("root",), day=1),
            msg("grandchild", replies_to="child", references=("child", "root"), day=2),
        ]
    )
    assert shape(threads) == [[("root", None), ("child", "root"), ("grandchild", "child")]]


def test_a_missing_message_between_two_still_joins_them_through_references() -> None:
    threads = thread_messages([msg("a"), msg("c", references=("a", "b-missing"), day=2)])
    assert shape(threads) == [[("a", None), ("c", "a")]]


def test_replies_to_a_message_not_in_the_mailbox_share_a_thread_named_by_its_id() -> None:
    threads = thread_messages(
        [msg("b", replies_to="gone", day=1), msg("c", replies_to="gone", day=2)]
    )
    assert shape(threads) == [[("b", None), ("c", None)]]
    assert threads[0].thread_id == "gone"
    assert threads[0].root is None


def test_a_reply_that_lost_its_headers_joins_by_subject() -> None:
    threads = thread_messages(
        [
            msg("a", subject="Intro to Carla"),
            msg("b", subject="RE: Intro to Carla", day=1),
            msg("c", subject="AW: Re: Intro to Carla", day=2),
            msg("d", subject="Sv: [designers] Intro to carla", day=3),
        ]
    )
    assert [t.keys for t in threads] == [("a", "b", "c", "d")]


def test_the_same_subject_without_a_reply_marker_stays_a_thread_of_its_own() -> None:
    threads = thread_messages(
        [msg("a", subject="Quick question"), msg("b", subject="Quick question", day=30)]
    )
    assert [t.keys for t in threads] == [("a",), ("b",)]


def test_a_reply_by_subject_never_joins_a_later_thread() -> None:
    threads = thread_messages([msg("b", subject="Re: Plans"), msg("a", subject="Plans", day=1)])
    assert [t.keys for t in threads] == [("b",), ("a",)]


def test_a_reference_loop_ends_and_keeps_both_messages_rooted_at_the_earliest() -> None:
    threads = thread_messages(
        [
            msg("loop-21", replies_to="loop-12", day=1),
            msg("loop-12", replies_to="loop-21"),
        ]
    )
    assert shape(threads) == [[("loop-12", None), ("loop-21", "loop-12")]]


def test_a_loop_among_missing_messages_ends_too() -> None:
    threads = thread_messages(
        [
            msg("x", references=("p", "q"), day=1),
            msg("y", references=("q", "p"), day=2),
            msg("z", references=("p", "q", "p", "q"), day=3),
        ]
    )
    assert sorted(key for t in threads for key in t.keys) == ["x", "y", "z"]


def test_a_long_loop_through_many_messages_ends() -> None:
    ring = [msg(f"m{n}", replies_to=f"m{(n + 1) % 500}", day=n) for n in range(500)]
    threads = thread_messages(ring)
    assert len(threads) == 1
    assert threads[0].root == ring[0]
    assert len(threads[0].messages) == 500


def test_a_message_that_references_itself_is_a_root() -> None:
    threads = thread_messages([msg("a", replies_to="a", references=("a",))])
    assert shape(threads) == [[("a", None)]]


def test_duplicate_message_ids_keep_every_copy_in_one_thread() -> None:
    first = msg("dup", subject="Bug#1: fixed")
    second = msg("dup", subject="Bug#2: fixed", day=1)
    reply = msg("r", replies_to="dup", day=2)
    threads = thread_messages([first, second, reply])
    assert len(threads) == 1
    assert [entry.message for entry in threads[0].messages] == [first, second, reply]
    assert threads[0].messages[2].parent == first


def test_messages_without_message_id_are_each_kept() -> None:
    threads = thread_messages(
        [
            msg("k1", message_id="", subject="Hello"),
            msg("k2", message_id="", subject="Hello", day=1),
        ]
    )
    assert sorted(key for t in threads for key in t.keys) == ["k1", "k2"]


def test_a_deep_chain_threads_without_recursion_limits() -> None:
    chain = [msg("m0")] + [msg(f"m{n}", replies_to=f"m{n - 1}", day=n) for n in range(1, 5000)]
    [thread] = thread_messages(list(reversed(chain)))
    assert thread.keys[:3] == ("m0", "m1", "m2")
    assert thread.messages[-1].parent == chain[-2]


def test_threads_come_oldest_first() -> None:
    threads = thread_messages([msg("late", subject="B", day=5), msg("early", subject="A")])
    assert [t.keys for t in threads] == [("early",), ("late",)]


def test_subjects_lose_reply_and_forward_markers_and_list_tags() -> None:
    assert base_subject("Re: Fwd: AW: [list] Re[2]: Hello  World") == "hello world"
    assert base_subject("回复\uff1a你好") == "你好"  # with a full-width colon
    assert is_reply_subject("Re: x")
    assert is_reply_subject("SV: x")
    assert is_reply_subject("AW: x")
    assert not is_reply_subject("Fwd: x")
    assert not is_reply_subject("Regarding the plan")


def test_id_trees_are_the_conversations_before_any_joins_by_subject() -> None:
    messages = [
        msg("a", subject="Plans", day=0),
        msg("b", subject="Re: Plans", day=1),  # by subject alone
        msg("c", replies_to="ghost", subject="Lunch", day=2),
        msg("d", replies_to="c", subject="Re: Lunch", day=3),
        msg("e", references=("ghost",), subject="Re: Lunch", day=1),  # earlier than c
    ]

    assert id_trees(messages) == {
        ("a", frozenset({"a"})),
        ("b", frozenset({"b"})),
        ("e", frozenset({"c", "d", "e"})),
    }
    # Threading joins b to a by its subject, nothing else.
    assert sorted(thread.keys for thread in thread_messages(messages)) == [
        ("a", "b"),
        ("e", "c", "d"),
    ]
