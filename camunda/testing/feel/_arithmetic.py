"""FEEL arithmetic on numbers, strings, dates, times and durations.

Each operation takes the two operands and the :class:`~._compiler.Run` (for warnings) and
returns the result, or null with an ``INVALID_TYPE`` warning when FEEL defines no result
(``1 + "a"``, ``date - 1``). Numbers: see :mod:`._values`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from camunda.testing.feel._values import (
    DECIMAL,
    YearsMonthsDuration,
    format_literal,
    is_number,
)

if TYPE_CHECKING:
    from camunda.testing.feel._compiler import Run

__all__ = ["add", "add_months", "divide", "multiply", "negate", "power", "subtract"]


def _invalid(run: Run, verb: str, a: Any, b: Any) -> None:
    if a is not None and b is not None:
        joint = "to" if verb == "add" else "and"
        run.warn(
            "INVALID_TYPE", f"Can't {verb} '{format_literal(b)}' {joint} '{format_literal(a)}'"
        )


def add_months(value: dt.date, months: int) -> dt.date:
    """Shift a date (or date and time) by whole months, clamping the day to the month's end."""
    total = value.year * 12 + value.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return value.replace(year=year, month=month, day=min(value.day, last))


def _shift_time(value: dt.time, delta: dt.timedelta) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), value) + delta
    return moment.timetz()


def add(a: Any, b: Any, run: Run) -> Any:
    """``a + b``: numbers, string concatenation, temporal values plus durations."""
    if is_number(a) and is_number(b):
        if type(a) is int and type(b) is int:
            return a + b
        return DECIMAL.add(a, b)
    kind_a: type[object] = a.__class__
    kind_b: type[object] = b.__class__
    if kind_a is str and kind_b is str:
        return a + b
    if kind_a is dt.timedelta and kind_b is dt.timedelta:
        return a + b
    if kind_a is YearsMonthsDuration and kind_b is YearsMonthsDuration:
        return YearsMonthsDuration(a.months + b.months)
    if kind_a in (dt.timedelta, YearsMonthsDuration) and kind_b in (dt.date, dt.datetime, dt.time):
        a, b = b, a
        kind_a, kind_b = kind_b, kind_a
    if kind_a in (dt.date, dt.datetime):
        if kind_b is YearsMonthsDuration:
            return add_months(a, b.months)
        if kind_b is dt.timedelta:
            if kind_a is dt.date:
                return a + dt.timedelta(days=b.days)
            return a + b
    if kind_a is dt.time and kind_b is dt.timedelta:
        return _shift_time(a, b)
    _invalid(run, "add", a, b)
    return None


def subtract(a: Any, b: Any, run: Run) -> Any:
    """``a - b``: numbers, temporal differences, temporal values minus durations."""
    if is_number(a) and is_number(b):
        if type(a) is int and type(b) is int:
            return a - b
        return DECIMAL.subtract(a, b)
    kind_a: type[object] = a.__class__
    kind_b: type[object] = b.__class__
    if kind_a is kind_b and kind_a in (dt.timedelta, dt.date):
        return a - b
    if kind_a is dt.datetime and kind_b is dt.datetime:
        if (a.tzinfo is None) != (b.tzinfo is None):
            _invalid(run, "subtract", a, b)
            return None
        return a - b
    if kind_a is dt.time and kind_b is dt.time:
        day = dt.date(2000, 1, 1)
        return dt.datetime.combine(day, a) - dt.datetime.combine(day, b)
    if kind_a is YearsMonthsDuration and kind_b is YearsMonthsDuration:
        return YearsMonthsDuration(a.months - b.months)
    if kind_a in (dt.date, dt.datetime, dt.time) and kind_b in (dt.timedelta, YearsMonthsDuration):
        return add(a, negate(b, run), run)
    _invalid(run, "subtract", a, b)
    return None


def multiply(a: Any, b: Any, run: Run) -> Any:
    """``a * b``: numbers, or a duration times a number."""
    if is_number(a) and is_number(b):
        if type(a) is int and type(b) is int:
            return a * b
        return DECIMAL.multiply(a, b)
    if is_number(a) and type(b) in (dt.timedelta, YearsMonthsDuration):
        a, b = b, a
    if type(a) is dt.timedelta and is_number(b):
        return dt.timedelta(seconds=float(DECIMAL.multiply(Decimal(a.total_seconds()), b)))
    if type(a) is YearsMonthsDuration and is_number(b):
        return YearsMonthsDuration(int(DECIMAL.multiply(a.months, b)))
    _invalid(run, "multiply", a, b)
    return None


def divide(a: Any, b: Any, run: Run) -> Any:
    """``a / b``: numbers (null for a zero divisor), a duration by a number or by a duration."""
    if is_number(a) and is_number(b):
        if not b:
            run.warn("INVALID_TYPE", f"Can't divide '{format_literal(a)}' by zero")
            return None
        if type(a) is int and type(b) is int and a % b == 0:
            return a // b
        return DECIMAL.divide(a, b)
    if isinstance(a, dt.timedelta) and is_number(b) and b:
        seconds: Decimal = DECIMAL.divide(Decimal(a.total_seconds()), b)
        return dt.timedelta(seconds=float(seconds))
    if type(a) is YearsMonthsDuration and is_number(b) and b:
        return YearsMonthsDuration(int(DECIMAL.divide(a.months, b)))
    if type(a) is YearsMonthsDuration and type(b) is YearsMonthsDuration and b.months:
        return DECIMAL.divide(a.months, b.months)
    if isinstance(a, dt.timedelta) and isinstance(b, dt.timedelta) and b:
        return DECIMAL.divide(Decimal(a.total_seconds()), Decimal(b.total_seconds()))
    _invalid(run, "divide", a, b)
    return None


def power(a: Any, b: Any, run: Run) -> Any:
    """``a ** b`` for numbers."""
    if is_number(a) and is_number(b):
        # Exact while the result fits FEEL's 34 digits (2**113 ~ 10**34); past it, rounded
        # as Camunda's DECIMAL128 does, not a Python int of thousands of digits.
        if type(a) is int and type(b) is int and b >= 0 and a.bit_length() * b <= 112:
            return a**b
        try:
            return DECIMAL.power(a, b)
        except (InvalidOperation, ArithmeticError):
            return None
    _invalid(run, "raise", a, b)
    return None


def negate(a: Any, run: Run) -> Any:
    """``-a`` for numbers and durations."""
    if type(a) is int:
        return -a
    if type(a) is Decimal:
        return DECIMAL.minus(a)
    if type(a) is dt.timedelta:
        return -a
    if type(a) is YearsMonthsDuration:
        return YearsMonthsDuration(-a.months)
    if a is not None:
        run.warn("INVALID_TYPE", f"Can't negate '{format_literal(a)}'")
    return None
