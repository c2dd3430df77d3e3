"""FEEL values in Python: the types, equality and order, and their JSON form.

A FEEL value is one of:

=========================  ======================================================
FEEL type                  Python value
=========================  ======================================================
null                       ``None``
boolean                    ``bool``
number                     ``int`` or :class:`decimal.Decimal` (see below)
string                     ``str``
date                       :class:`datetime.date`
time                       :class:`datetime.time` (with or without ``tzinfo``)
date and time              :class:`datetime.datetime` (with or without ``tzinfo``)
days and time duration     :class:`datetime.timedelta`
years and months duration  :class:`YearsMonthsDuration`
list                       ``list``
context                    ``dict[str, Any]``
range                      :class:`Range`
=========================  ======================================================

Numbers: FEEL numbers are decimals (Camunda uses ``BigDecimal`` with 34 significant digits).
Integers stay Python ``int`` while arithmetic keeps them whole (fast, exact, and read back as
JSON integers); anything else is a ``Decimal`` computed in :data:`DECIMAL`, so
``0.1 + 0.2 = 0.3`` holds as it does in Camunda. A JSON ``float`` read from a variable becomes
the ``Decimal`` of its shortest repr (``0.1`` -> ``Decimal("0.1")``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import Any

__all__ = [
    "DECIMAL",
    "Range",
    "YearsMonthsDuration",
    "compare",
    "equal",
    "format_duration",
    "format_literal",
    "format_number",
    "format_value",
    "is_number",
    "normalize",
    "parse_date",
    "parse_date_time",
    "parse_duration",
    "parse_time",
    "to_json",
    "type_name",
]

DECIMAL = Context(prec=34, rounding=ROUND_HALF_EVEN)
"""The arithmetic context of FEEL numbers: 34 significant digits, half-even (DECIMAL128)."""


@dataclass(frozen=True, slots=True)
class YearsMonthsDuration:
    """A FEEL years-and-months duration (``duration("P1Y2M")``), counted in months."""

    months: int

    def __str__(self) -> str:
        sign, months = ("-", -self.months) if self.months < 0 else ("", self.months)
        years, rest = divmod(months, 12)
        text = (f"{years}Y" if years else "") + (f"{rest}M" if rest or not years else "")
        return f"{sign}P{text}"


@dataclass(frozen=True, slots=True)
class Range:
    """A FEEL range (``[1..10]``, ``(1..10)``, ``]1..10[``): bounds and whether each is closed."""

    start: Any
    end: Any
    start_included: bool
    end_included: bool

    def __str__(self) -> str:
        return (
            f"{'[' if self.start_included else '('}{format_value(self.start)}.."
            f"{format_value(self.end)}{']' if self.end_included else ')'}"
        )


def is_number(value: object) -> bool:
    """Tell a FEEL number (``int`` or ``Decimal``, never ``bool``) from anything else."""
    kind: type[object] = value.__class__
    return kind is int or kind is Decimal


def normalize(value: Any) -> Any:
    """Turn a value read from variables into a FEEL value (``float`` -> ``Decimal``)."""
    if type(value) is float:
        return Decimal(repr(value))
    return value


# ---- equality and order ----------------------------------------------------------------------


def _kind(value: object) -> type | None:
    """The FEEL type of a value as a Python class (numbers share ``Decimal``)."""
    kind: type[object] = value.__class__
    if kind is int or kind is Decimal:
        return Decimal
    if kind is float:
        return Decimal
    return kind


def equal(left: Any, right: Any) -> bool | None:
    """FEEL ``=``: ``None`` (null) when the two values are of different types.

    ``null = null`` is true and ``null = x`` is false for any other ``x`` (Camunda's null check).
    """
    if left is None or right is None:
        return left is right
    kind = _kind(left)
    if kind is not _kind(right):
        return None
    if kind is list:
        if len(left) != len(right):
            return False
        for a, b in zip(left, right):  # noqa: B905 - lengths checked above
            same = equal(normalize(a), normalize(b))
            if same is not True:
                return same
        return True
    if kind is dict:
        if left.keys() != right.keys():
            return False
        for key, a in left.items():
            same = equal(normalize(a), normalize(right[key]))
            if same is not True:
                return same
        return True
    if kind is dt.datetime and (left.tzinfo is None) != (right.tzinfo is None):
        return None
    return bool(left == right)


_ORDERED = (Decimal, str, dt.date, dt.datetime, dt.time, dt.timedelta, YearsMonthsDuration)


def compare(left: Any, right: Any) -> int | None:
    """Order two FEEL values: -1, 0 or 1, or ``None`` when they cannot be compared."""
    kind = _kind(left)
    if left is None or right is None or kind is not _kind(right) or kind not in _ORDERED:
        return None
    if kind is YearsMonthsDuration:
        left, right = left.months, right.months
    elif kind in (dt.datetime, dt.time) and (left.tzinfo is None) != (right.tzinfo is None):
        return None
    try:
        return -1 if left < right else (1 if left > right else 0)
    except TypeError:
        return None


def type_name(value: Any) -> str:
    """The FEEL type name of a value, as FEEL error messages and ``instance of`` spell it."""
    if value is None:
        return "null"
    kind: type[object] = value.__class__
    if kind is bool:
        return "boolean"
    if is_number(value) or kind is float:
        return "number"
    names: dict[type, str] = {
        str: "string",
        dt.date: "date",
        dt.time: "time",
        dt.datetime: "date and time",
        dt.timedelta: "days and time duration",
        YearsMonthsDuration: "years and months duration",
        list: "list",
        dict: "context",
        Range: "range",
    }
    return names.get(kind, "function")


# ---- text ------------------------------------------------------------------------------------


def format_number(value: int | Decimal) -> str:
    """A number as FEEL's ``string()`` writes it: plain notation, no trailing zeros."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(DECIMAL), "f")
    return "0" if text == "-0" else text


def format_duration(value: dt.timedelta) -> str:
    """A days-and-time duration in ISO 8601 (``P1DT2H3M4.5S``, ``PT0S``, ``-P1D``)."""
    micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    sign = "-" if micros < 0 else ""
    micros = abs(micros)
    days, micros = divmod(micros, 86_400_000_000)
    hours, micros = divmod(micros, 3_600_000_000)
    minutes, micros = divmod(micros, 60_000_000)
    seconds = Decimal(micros) / Decimal(1_000_000)
    clock = (
        (f"{hours}H" if hours else "")
        + (f"{minutes}M" if minutes else "")
        + (f"{format_number(seconds)}S" if seconds else "")
    )
    if not days and not clock:
        return "PT0S"
    return f"{sign}P{f'{days}D' if days else ''}{'T' + clock if clock else ''}"


def _format_offset(value: dt.datetime | dt.time) -> str:
    offset = value.utcoffset()
    if offset is None:
        return ""
    zone = getattr(value.tzinfo, "key", None)
    if zone is not None and zone != "UTC":
        return f"@{zone}"
    return _offset_text(offset)


def _offset_text(offset: dt.timedelta) -> str:
    """``Z``, or ``+02:00`` (as FEEL and Java's ``ZoneOffset`` write it)."""
    if not offset:
        return "Z"
    sign = "-" if offset < dt.timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02}:{minutes % 60:02}"


def _format_clock(value: dt.datetime | dt.time) -> str:
    text = f"{value.hour:02}:{value.minute:02}:{value.second:02}"
    if value.microsecond:
        text += f".{value.microsecond:06}".rstrip("0")
    return text


def format_value(value: Any) -> str:
    """A FEEL value as FEEL's ``string()`` writes it (temporal values in ISO 8601)."""
    if value is None:
        return "null"
    kind: type[object] = value.__class__
    if kind is str:
        return value
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is Decimal:
        return format_number(value)
    if kind is float:
        return format_number(normalize(value))
    if kind is dt.date:
        return value.isoformat()
    if kind is dt.datetime:
        return f"{value.date().isoformat()}T{_format_clock(value)}{_format_offset(value)}"
    if kind is dt.time:
        return _format_clock(value) + _format_offset(value)
    if kind is dt.timedelta:
        return format_duration(value)
    if kind is list:
        return "[" + ", ".join(format_literal(item) for item in value) + "]"
    if kind is dict:
        return "{" + ", ".join(f"{key}:{format_literal(item)}" for key, item in value.items()) + "}"
    return str(value)


def format_literal(value: Any) -> str:
    """A value as FEEL writes it in a message: strings quoted (``'"bar"'``), the rest as text."""
    return f'"{value}"' if type(value) is str else format_value(value)


# ---- JSON ------------------------------------------------------------------------------------


def _java_clock(value: dt.datetime | dt.time) -> str:
    """``LocalTime.toString``: seconds only when not zero, fractions in groups of three."""
    text = f"{value.hour:02}:{value.minute:02}"
    if value.second or value.microsecond:
        text += f":{value.second:02}"
        if value.microsecond:
            text += (
                f".{value.microsecond // 1000:03}"
                if value.microsecond % 1000 == 0
                else f".{value.microsecond:06}"
            )
    return text


def _java_duration(value: dt.timedelta) -> str:
    """``java.time.Duration.toString``: hours, minutes and seconds only (``PT26H``), every
    part of a negative duration signed (``PT-1H-30M``)."""
    micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    sign = "-" if micros < 0 else ""
    hours, micros = divmod(abs(micros), 3_600_000_000)
    minutes, micros = divmod(micros, 60_000_000)
    text = (f"{sign}{hours}H" if hours else "") + (f"{sign}{minutes}M" if minutes else "")
    if micros or not text:
        seconds = format_number(Decimal(micros) / Decimal(1_000_000))
        text += f"{sign if micros else ''}{seconds}S"
    return f"PT{text}"


def _java_period(value: YearsMonthsDuration) -> str:
    """``java.time.Period.toString``: ``P1Y2M``, ``P-1Y-2M``, ``P0D``."""
    years, months = abs(value.months) // 12, abs(value.months) % 12
    sign = "-" if value.months < 0 else ""
    text = (f"{sign}{years}Y" if years else "") + (f"{sign}{months}M" if months else "")
    return f"P{text or '0D'}"


def _java_text(value: Any) -> str | None:
    """A temporal value as Zeebe stores it: the Java ``toString`` of its ``java.time`` type
    (None for anything else)."""
    kind: type[object] = value.__class__
    if kind is dt.timedelta:
        return _java_duration(value)
    if kind is YearsMonthsDuration:
        return _java_period(value)
    if kind is dt.datetime:
        text = f"{value.date().isoformat()}T{_java_clock(value)}"
        if value.tzinfo is None:
            return text
        zone = getattr(value.tzinfo, "key", None)
        offset = _offset_text(value.utcoffset() or dt.timedelta())
        return text + offset + (f"[{zone}]" if zone else "")
    if kind is dt.time and value.tzinfo is None:
        return _java_clock(value)
    return None


def to_json(value: Any) -> Any:
    """A FEEL value as the JSON Camunda stores in a variable.

    Whole numbers become ``int`` and other numbers ``float``; durations, local times and
    dates with times become the text of their Java type (``PT26H``, ``08:00``,
    ``2020-04-06T08:00Z``), as Zeebe writes them; dates, times with an offset and ranges
    their FEEL text.
    """
    kind: type[object] = value.__class__
    if value is None or kind is bool or kind is int or kind is str:
        return value
    if kind is Decimal:
        # Whole and within FEEL's 34 digits: an int (a bigger one has no cheap int form).
        small = value.is_finite() and value.adjusted() < DECIMAL.prec
        if small and value == value.to_integral_value():
            return int(value)
        return float(value)
    if kind is list:
        return [to_json(normalize(item)) for item in value]
    if kind is dict:
        return {key: to_json(normalize(item)) for key, item in value.items()}
    if kind is float:
        return value
    text = _java_text(value)
    return format_value(value) if text is None else text


_ISO_DURATION = re.compile(
    r"(?P<sign>-)?P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?"
    r"(?:(?P<days>\d+)D)?(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)


def parse_duration(text: str) -> dt.timedelta | YearsMonthsDuration | None:
    """Parse an ISO 8601 duration; ``None`` when the text is not one FEEL accepts.

    ``P1Y2M`` is a years-and-months duration; ``P1DT2H`` a days-and-time one; a mix of the two
    kinds is rejected, as in FEEL.
    """
    match = _ISO_DURATION.fullmatch(text.strip())
    if match is None:
        return None
    parts = match.groupdict()
    sign = -1 if parts["sign"] else 1
    if parts["years"] or parts["months"]:
        if any(parts[name] for name in ("weeks", "days", "hours", "minutes", "seconds")):
            return None
        return YearsMonthsDuration(
            sign * (int(parts["years"] or 0) * 12 + int(parts["months"] or 0))
        )
    try:
        duration = dt.timedelta(
            weeks=int(parts["weeks"] or 0),
            days=int(parts["days"] or 0),
            hours=int(parts["hours"] or 0),
            minutes=int(parts["minutes"] or 0),
            seconds=float(Decimal(parts["seconds"] or 0)),
        )
    except OverflowError:  # past the 999,999,999 days Python's timedelta holds
        return None
    return -duration if sign < 0 else duration


_TIMEZONE = re.compile(r"^(?P<clock>[^@+\-Z]+)(?P<zone>Z|[+-]\d\d:\d\d|@[\w/+\-]+)?$")


def _zone(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text == "Z":
        return dt.timezone.utc
    if text.startswith("@"):
        from zoneinfo import ZoneInfo

        return ZoneInfo(text[1:])
    return dt.datetime.strptime(text, "%z").tzinfo


def parse_time(text: str) -> dt.time | None:
    """Parse ``08:00:00``, ``08:00:00.5``, ``08:00:00+02:00``, ``08:00:00Z`` or ``...@Zone``."""
    match = _TIMEZONE.match(text.strip())
    if match is None:
        return None
    try:
        clock = dt.time.fromisoformat(match["clock"])
        return clock.replace(tzinfo=_zone(match["zone"]))
    except (ValueError, LookupError):
        return None


def parse_date(text: str) -> dt.date | None:
    """Parse ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def parse_date_time(text: str) -> dt.datetime | None:
    """Parse ``2020-04-05T08:00:00`` with an optional offset, ``Z`` or ``@Zone/Id``.

    A bare date (``2020-04-05``) is midnight of that day, as in FEEL.
    """
    day_text, separator, clock_text = text.strip().partition("T")
    day = parse_date(day_text)
    if day is None or (separator and not clock_text):
        return None
    if not separator:
        return dt.datetime.combine(day, dt.time())
    clock = parse_time(clock_text)
    if clock is None:
        return None
    return dt.datetime.combine(day, clock.replace(tzinfo=None), tzinfo=clock.tzinfo)
