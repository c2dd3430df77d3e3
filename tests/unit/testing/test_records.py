"""The fake cluster's record stores: the message buffer's indexes."""

from __future__ import annotations

from camunda.testing._records import FakeMessage, MessageBuffer


def _message(
    n: int, *, name: str = "paid", key: str = "o-1", message_id: str | None = None
) -> FakeMessage:
    return FakeMessage(str(n), name, key, {}, 60_000, message_id)


def test_a_message_is_found_by_its_id_within_its_name_and_correlation_key() -> None:
    buffer = MessageBuffer(10)
    first = _message(1, message_id="m-1")
    buffer.add(first)
    buffer.add(_message(2, key="o-2", message_id="m-2"))
    assert buffer.with_id("paid", "o-1", "m-1") is first
    assert buffer.with_id("paid", "o-2", "m-1") is None
    assert buffer.with_id("shipped", "o-1", "m-1") is None


def test_waiting_lists_one_name_and_key_oldest_first() -> None:
    buffer = MessageBuffer(10)
    for n, key in enumerate(["o-1", "o-2", "o-1"]):
        buffer.add(_message(n, key=key))
    assert [m.key for m in buffer.waiting("paid", "o-1")] == ["0", "2"]
    assert buffer.waiting("paid", "o-3") == []


def test_the_oldest_message_leaves_the_buffer_and_both_indexes() -> None:
    buffer = MessageBuffer(2)
    buffer.add(_message(1, message_id="m-1"))
    buffer.add(_message(2, key="o-2"))
    buffer.add(_message(3, key="o-2", message_id="m-3"))
    assert [m.key for m in buffer] == ["2", "3"]
    assert buffer.with_id("paid", "o-1", "m-1") is None
    assert buffer.waiting("paid", "o-1") == []
    assert [m.key for m in buffer.waiting("paid", "o-2")] == ["2", "3"]


def test_a_reused_id_points_at_the_newest_message_and_survives_the_older_ones_eviction() -> None:
    buffer = MessageBuffer(2)
    buffer.add(_message(1, message_id="m"))
    newer = _message(2, message_id="m")
    buffer.add(newer)
    buffer.add(_message(3))  # evicts message 1, not the index entry of message 2
    assert buffer.with_id("paid", "o-1", "m") is newer
