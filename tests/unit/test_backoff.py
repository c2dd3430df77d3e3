from __future__ import annotations

from camunda._backoff import Backoff, backoff_ceiling, full_jitter


def test_the_curve_doubles_from_initial_up_to_the_cap() -> None:
    assert [backoff_ceiling(n, 0.1, 1.0) for n in range(1, 7)] == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    assert backoff_ceiling(10_000, 0.1, 5.0) == 5.0  # no overflow for a long outage


def test_full_jitter_is_uniform_below_the_curve() -> None:
    assert full_jitter(3, 0.1, 1.0, lambda: 0.0) == 0.0
    assert full_jitter(3, 0.1, 1.0, lambda: 0.5) == 0.2
    assert full_jitter(30, 0.1, 1.0, lambda: 1.0) == 1.0


def test_equal_jitter_grows_never_below_half_and_resets() -> None:
    low, high = Backoff(0.1, 1.0, rand=lambda: 0.0), Backoff(0.1, 1.0, rand=lambda: 1.0)
    assert [round(low.next(), 3) for _ in range(6)] == [0.05, 0.1, 0.2, 0.4, 0.5, 0.5]
    assert [round(high.next(), 3) for _ in range(6)] == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    high.reset()
    assert high.next() == 0.1
