"""The cron reader behind ``timeCycle`` timers (Spring's six fields, as Zeebe reads them)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from camunda.testing._cron import Cron, CronError

_THU = datetime(2026, 1, 1, tzinfo=timezone.utc)  # a Thursday, midnight


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _next(expression: str, after: datetime = _THU, count: int = 1) -> list[datetime]:
    cron, at = Cron.parse(expression), _ms(after)
    found: list[datetime] = []
    for _ in range(count):
        at = cron.after(at)
        found.append(datetime.fromtimestamp(at / 1000, tz=timezone.utc))
    return found


def test_office_hours_on_weekdays_skip_the_weekend() -> None:
    times = _next("0 0 9-17 * * MON-FRI", count=19)
    assert times[0] == datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    assert times[8] == datetime(2026, 1, 1, 17, tzinfo=timezone.utc)
    assert times[17] == datetime(2026, 1, 2, 17, tzinfo=timezone.utc)
    assert times[18] == datetime(2026, 1, 5, 9, tzinfo=timezone.utc)  # Monday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("*/20 * * * * *", [(0, 0, 20), (0, 0, 40), (0, 1, 0)]),
        ("0 5,35 * * * *", [(0, 5, 0), (0, 35, 0), (1, 5, 0)]),
        ("0 10-50/20 2 * * *", [(2, 10, 0), (2, 30, 0), (2, 50, 0)]),
        ("30 0/30 * * * ?", [(0, 0, 30), (0, 30, 30), (1, 0, 30)]),
        ("@hourly", [(1, 0, 0), (2, 0, 0), (3, 0, 0)]),
    ],
)
def test_lists_ranges_steps_and_macros(
    expression: str, expected: list[tuple[int, int, int]]
) -> None:
    assert [(t.hour, t.minute, t.second) for t in _next(expression, count=3)] == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("0 0 12 * * 0", datetime(2026, 1, 4, 12)),  # Sunday as 0
        ("0 0 12 * * 7", datetime(2026, 1, 4, 12)),  # ... and as 7
        ("0 0 0 1 FEB *", datetime(2026, 2, 1)),
        ("0 0 0 29 2 *", datetime(2028, 2, 29)),  # the next leap day
        ("0 0 0 13 * FRI", datetime(2026, 2, 13)),  # both day fields must match, as in Spring
        ("@yearly", datetime(2027, 1, 1)),
        ("@weekly", datetime(2026, 1, 4)),
    ],
)
def test_names_and_day_fields(expression: str, expected: datetime) -> None:
    assert _next(expression) == [expected.replace(tzinfo=timezone.utc)]


def test_the_next_time_is_strictly_after_the_start() -> None:
    assert _next("0 0 0 * * *") == [datetime(2026, 1, 2, tzinfo=timezone.utc)]


@pytest.mark.parametrize(
    ("expression", "names"),
    [
        ("0 0 9 * *", "expected 6 fields"),
        ("0 0 24 * * *", "hour field '24'"),
        ("0 0 0 L * *", "day-of-month field 'L'"),
        ("0 0 0 ? * 1#2", "day-of-week field '1#2'"),
        ("? 0 0 * * *", "only stands for a day"),
        ("0 0 0 * FOO *", "month field 'FOO'"),
        ("0 0 0 * * 5-2", "empty range"),
    ],
)
def test_invalid_expressions_name_the_field(expression: str, names: str) -> None:
    with pytest.raises(CronError, match=names):
        Cron.parse(expression)


def test_an_expression_that_never_matches_says_so() -> None:
    with pytest.raises(CronError, match="matches no time"):
        Cron.parse("0 0 0 30 2 *").after(_ms(_THU))
