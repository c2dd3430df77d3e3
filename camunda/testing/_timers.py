"""Timer definitions (ISO 8601 date, duration, repeating interval; cron cycles) turned
into due times on the cluster clock."""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from camunda.testing._cron import Cron, CronError

__all__ = ["TimerError", "TimerSchedule", "schedule_timer"]

_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_ZONE_ID = re.compile(r"\[[^\]]+\]$")
_CYCLE = re.compile(r"^R(?P<n>\d*)/(?:(?P<start>[^/]+)/)?(?P<period>P[^/]+)$")


class TimerError(ValueError):
    """A timer's value is not a date, duration or cycle (an ``EXTRACT_VALUE_ERROR``)."""


class TimerSchedule:
    """When a timer is due, and how it repeats (``repeats`` None: forever)."""

    __slots__ = ("due_ms", "period", "repeats")

    def __init__(
        self, due_ms: int, period: str | timedelta | Cron | None, repeats: int | None
    ) -> None:
        self.due_ms = due_ms
        self.period = period
        self.repeats = repeats

    def next(self) -> TimerSchedule | None:
        """The following repetition of a cycle, if any is left."""
        if self.period is None or self.repeats == 1:
            return None
        repeats = None if self.repeats is None else self.repeats - 1
        return TimerSchedule(_add(self.due_ms, self.period), self.period, repeats)


def schedule_timer(kind: str, value: Any, now_ms: int) -> TimerSchedule:
    """The schedule of a ``timeDate``/``timeDuration``/``timeCycle`` whose (evaluated)
    value is ``value``.

    Raises:
        TimerError: the value is not a date, duration or cycle.
    """
    if kind == "timeDate":
        return TimerSchedule(_instant(value), None, 1)
    if kind == "timeDuration":
        return TimerSchedule(_add(now_ms, _period(value)), None, 1)
    text = str(value).strip()
    match = _CYCLE.match(text)
    if match is None:
        if text.startswith("R"):
            raise TimerError(f"Invalid timer cycle expression '{text}'")
        try:
            cron = Cron.parse(text)
        except CronError as exc:
            raise TimerError(str(exc)) from None
        return TimerSchedule(_add(now_ms, cron), cron, None)
    start = _instant(match["start"]) if match["start"] else now_ms
    period = _period(match["period"])
    repeats = int(match["n"]) if match["n"] else None
    if repeats == 0:
        raise TimerError(f"Invalid timer cycle expression '{text}': no repetitions")
    return TimerSchedule(_add(start, period), period, repeats)


def _instant(value: Any) -> int:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            text = _ZONE_ID.sub("", str(value).strip())  # Java's "+01:00[Europe/Paris]"
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise TimerError(f"Invalid timer date '{value}'") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def _period(value: Any) -> str | timedelta:
    if isinstance(value, timedelta):
        return value
    text = str(value).strip()
    if not _DURATION.match(text) or text in ("P", "PT"):
        raise TimerError(f"Invalid timer duration '{text}'")
    return text


def _add(start_ms: int, period: str | timedelta | Cron) -> int:
    """``start_ms`` plus an ISO duration (years and months follow the calendar), or the
    next time a cron expression matches."""
    if isinstance(period, timedelta):
        return start_ms + int(period.total_seconds() * 1000)
    if isinstance(period, Cron):
        try:
            return period.after(start_ms)
        except CronError as exc:
            raise TimerError(str(exc)) from None
    match = _DURATION.match(period)
    assert match is not None
    sign = -1 if match["sign"] else 1
    moment = datetime.fromtimestamp(start_ms / 1000, tz=timezone.utc)
    months = sign * (int(match["Y"] or 0) * 12 + int(match["M"] or 0))
    if months:
        month_index = moment.month - 1 + months
        year, month = moment.year + month_index // 12, month_index % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        moment = moment.replace(year=year, month=month, day=day)
    moment += sign * timedelta(
        weeks=int(match["W"] or 0),
        days=int(match["D"] or 0),
        hours=int(match["h"] or 0),
        minutes=int(match["m"] or 0),
        seconds=float(match["s"] or 0),
    )
    return int(moment.timestamp() * 1000)
