"""Cron expressions as Zeebe reads a ``timeCycle`` (Spring's six-field format), in UTC.

``second minute hour day-of-month month day-of-week``: each field ``*`` (``?`` in the day
fields), a value, a range ``a-b``, a step ``*/n``, ``a/n`` or ``a-b/n``, or a comma list of
these; months and days may be named (``JAN``, ``MON-FRI``; Sunday is ``0`` or ``7``); the
macros ``@yearly``/``@annually``, ``@monthly``, ``@weekly``, ``@daily``/``@midnight`` and
``@hourly``. As in Spring, a time matches when *every* field matches (the two day fields
included). Quartz's ``L``, ``W`` and ``#`` are refused with a clear error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

__all__ = ["Cron", "CronError"]

_MACROS = {
    "@yearly": "0 0 0 1 1 *",
    "@annually": "0 0 0 1 1 *",
    "@monthly": "0 0 0 1 * *",
    "@weekly": "0 0 0 * * 0",
    "@daily": "0 0 0 * * *",
    "@midnight": "0 0 0 * * *",
    "@hourly": "0 0 * * * *",
}
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


class _Spec(NamedTuple):
    name: str
    lowest: int
    highest: int
    names: tuple[str, ...] = ()
    """Names of the values from ``lowest`` (days from Monday, 1)."""


_FIELDS = (
    _Spec("second", 0, 59),
    _Spec("minute", 0, 59),
    _Spec("hour", 0, 23),
    _Spec("day-of-month", 1, 31),
    _Spec("month", 1, 12, _MONTHS),
    _Spec("day-of-week", 0, 7, _DAYS),
)
_PART = re.compile(r"^(?:(?P<all>[*?])|(?P<low>\w+)(?:-(?P<high>\w+))?)(?:/(?P<step>\d+))?$")
_HORIZON = timedelta(days=366 * 5)  # no match within it: the expression never fires


class CronError(ValueError):
    """Not a cron expression the fake cluster reads (the text says which field)."""


@dataclass(frozen=True)
class Cron:
    """A parsed cron expression: the allowed values of each field."""

    seconds: frozenset[int]
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    """ISO weekdays, Monday 1 to Sunday 7."""

    @classmethod
    def parse(cls, text: str) -> Cron:
        """Read a six-field expression or a macro.

        Raises:
            CronError: it has the wrong number of fields, or a field is not valid.
        """
        expression = _MACROS.get(text.strip().lower(), text)
        fields = expression.split()
        if len(fields) != 6:
            raise CronError(
                f"Invalid cron expression '{text}': expected 6 fields "
                f"(second minute hour day-of-month month day-of-week), "
                f"found {len(fields)}"
            )
        seconds, minutes, hours, days, months, weekdays = (
            _field(value, spec) for value, spec in zip(fields, _FIELDS, strict=True)
        )
        return cls(
            seconds,
            minutes,
            hours,
            days,
            months,
            frozenset(7 if day == 0 else day for day in weekdays),
        )

    def matches(self, moment: datetime) -> bool:
        return (
            moment.second in self.seconds
            and moment.minute in self.minutes
            and moment.hour in self.hours
            and moment.day in self.days
            and moment.month in self.months
            and moment.isoweekday() in self.weekdays
        )

    def after(self, start_ms: int) -> int:
        """The first matching second strictly after ``start_ms`` (epoch milliseconds).

        Raises:
            CronError: no second within five years matches (e.g. ``0 0 0 30 2 *``).
        """
        start = datetime.fromtimestamp(start_ms // 1000, tz=timezone.utc)
        moment, limit = start + timedelta(seconds=1), start + _HORIZON
        while moment <= limit:
            if moment.month not in self.months:
                moment = _next_month(moment)
            elif moment.day not in self.days or moment.isoweekday() not in self.weekdays:
                moment = moment.replace(hour=0, minute=0, second=0) + timedelta(days=1)
            elif moment.hour not in self.hours:
                moment = moment.replace(minute=0, second=0) + timedelta(hours=1)
            elif moment.minute not in self.minutes:
                moment = moment.replace(second=0) + timedelta(minutes=1)
            elif moment.second not in self.seconds:
                moment += timedelta(seconds=1)
            else:
                return int(moment.timestamp()) * 1000
        raise CronError("Invalid cron expression: it matches no time in the next five years")


def _next_month(moment: datetime) -> datetime:
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return moment.replace(year=year, month=month, day=1, hour=0, minute=0, second=0)


def _field(text: str, spec: _Spec) -> frozenset[int]:
    name = spec.name
    values: set[int] = set()
    for part in text.split(","):
        match = _PART.match(part.strip().upper())
        if match is None:
            raise CronError(
                f"Invalid cron {name} field '{text}': '{part}' is not a value, "
                "range or step (L, W and # are not supported)"
            )
        if match["all"]:
            low, high = spec.lowest, spec.highest
        else:
            low = _value(match["low"], text, spec)
            high = (
                _value(match["high"], text, spec)
                if match["high"]
                else spec.highest
                if match["step"]
                else low
            )
        step = int(match["step"] or 1)
        if match["all"] == "?" and name not in ("day-of-month", "day-of-week"):
            raise CronError(f"Invalid cron {name} field '{text}': '?' only stands for a day")
        if low > high or step == 0:
            raise CronError(f"Invalid cron {name} field '{text}': empty range '{part}'")
        values.update(range(low, high + 1, step))
    return frozenset(values)


def _value(token: str, text: str, spec: _Spec) -> int:
    if token in spec.names:
        return spec.names.index(token) + (1 if spec.names is _DAYS else spec.lowest)
    if not token.isdigit() or not spec.lowest <= int(token) <= spec.highest:
        raise CronError(
            f"Invalid cron {spec.name} field '{text}': '{token}' is not between "
            f"{spec.lowest} and {spec.highest}" + (" or a name" if spec.names else "")
        )
    return int(token)
