"""The FEEL built-in functions process models use, by name (names may contain spaces).

A function raises :class:`Invalid` (or a ``TypeError``/``ValueError``) for arguments it does
not accept; the caller turns that into null and a ``FUNCTION_INVOCATION_FAILURE`` warning, as
Camunda does. ``now()``, ``today()`` and ``is defined()`` need the evaluation itself and are
compiled in :mod:`._compiler`.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from functools import cmp_to_key
from typing import TYPE_CHECKING, Any

from camunda.testing.feel._arithmetic import add_months
from camunda.testing.feel._errors import Failure
from camunda.testing.feel._values import (
    DECIMAL,
    YearsMonthsDuration,
    compare,
    equal,
    format_value,
    is_number,
    normalize,
    parse_date,
    parse_date_time,
    parse_duration,
    parse_time,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["BUILTINS", "Builtin", "Invalid"]


class Invalid(Exception):
    """A built-in function was called with arguments it does not accept."""


@dataclass(frozen=True, slots=True)
class Builtin:
    """A built-in function and its parameters (the last may be variadic: ``*items``)."""

    function: Callable[..., Any]
    params: tuple[str, ...]
    required: int

    def accepts(self, count: int) -> bool:
        if self.params and self.params[-1].startswith("*"):
            return count >= self.required
        return self.required <= count <= len(self.params)

    def order(
        self, names: Sequence[str] | None, count: int
    ) -> Callable[[list[Any]], list[Any]] | None:
        """How to turn a call's argument values into the function's positional arguments.

        ``None`` when the call does not fit this function (wrong count, unknown name): then
        FEEL looks for a function of that name among the variables.
        """
        if names is None:
            return (lambda values: values) if self.accepts(count) else None
        positions = {name.lstrip("*"): index for index, name in enumerate(self.params)}
        if any(name not in positions for name in names):
            return None
        width = max((positions[name] for name in names), default=-1) + 1

        def order(values: list[Any]) -> list[Any]:
            arguments: list[Any] = [None] * width
            for name, value in zip(names, values, strict=True):
                arguments[positions[name]] = value
            return arguments

        return order


BUILTINS: dict[str, Builtin] = {}


def _builtin(name: str, *params: str, required: int | None = None) -> Callable[..., Any]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        needed = len([p for p in params if not p.startswith("*")]) if required is None else required
        BUILTINS[name] = Builtin(function, params, needed)
        return function

    return register


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise Invalid(message)


def _string(value: Any) -> str:
    _require(type(value) is str, f"expected a string but found '{format_value(value)}'")
    return value


def _number(value: Any) -> int | Decimal:
    value = normalize(value)
    _require(is_number(value), f"expected a number but found '{format_value(value)}'")
    return value


def _integer(value: Any) -> int:
    number = _number(value)
    _require(number == int(number), f"expected an integer but found '{format_value(number)}'")
    return int(number)


def _list(value: Any) -> list[Any]:
    _require(type(value) is list, f"expected a list but found '{format_value(value)}'")
    return [normalize(item) for item in value]


def _items(values: tuple[Any, ...]) -> list[Any]:
    """The arguments of ``sum(1, 2)`` or ``sum([1, 2])``: one list, or the values themselves."""
    if len(values) == 1 and type(values[0]) is list:
        return _list(values[0])
    return [normalize(item) for item in values]


def _simplify(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


# ---- boolean and context ---------------------------------------------------------------------


@_builtin("not", "negand")
def _not(negand: Any) -> Any:
    return (not negand) if type(negand) is bool else None


@_builtin("get or else", "value", "default")
def _get_or_else(value: Any, default: Any) -> Any:
    return default if value is None else value


@_builtin("get value", "context", "key")
def _get_value(context: Any, key: Any) -> Any:
    _require(type(context) is dict, "expected a context")
    return normalize(context.get(_string(key)))


@_builtin("get entries", "context")
def _get_entries(context: Any) -> Any:
    _require(type(context) is dict, "expected a context")
    return [{"key": key, "value": value} for key, value in context.items()]


@_builtin("context put", "context", "key", "value")
def _context_put(context: Any, key: Any, value: Any) -> Any:
    _require(type(context) is dict, "expected a context")
    return {**context, _string(key): value}


@_builtin("context merge", "*contexts")
def _context_merge(*contexts: Any) -> Any:
    merged: dict[str, Any] = {}
    for context in _items(contexts):
        _require(type(context) is dict, "expected contexts")
        merged.update(context)
    return merged


# ---- conversion ------------------------------------------------------------------------------


@_builtin("string", "from")
def _to_string(value: Any) -> Any:
    return None if value is None else format_value(value)


@_builtin("number", "from")
def _to_number(value: Any) -> Any:
    text = _string(value).strip()
    _require(
        re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text) is not None,
        f"'{text}' is not a number",
    )
    number = Decimal(text)
    return _simplify(number) if "." not in text and "e" not in text.lower() else number


# ---- strings ---------------------------------------------------------------------------------


@_builtin("string length", "string")
def _string_length(string: Any) -> Any:
    return len(_string(string))


@_builtin("upper case", "string")
def _upper_case(string: Any) -> Any:
    return _string(string).upper()


@_builtin("lower case", "string")
def _lower_case(string: Any) -> Any:
    return _string(string).lower()


@_builtin("substring", "string", "start position", "length", required=2)
def _substring(string: Any, start: Any, length: Any = None) -> Any:
    text, position = _string(string), _integer(start)
    begin = position - 1 if position > 0 else len(text) + position
    if length is None:
        return text[max(begin, 0) :]
    return text[max(begin, 0) : max(begin, 0) + _integer(length)]


@_builtin("substring before", "string", "match")
def _substring_before(string: Any, match: Any) -> Any:
    text, found = _string(string), _string(match)
    index = text.find(found)
    return text[:index] if index >= 0 else ""


@_builtin("substring after", "string", "match")
def _substring_after(string: Any, match: Any) -> Any:
    text, found = _string(string), _string(match)
    index = text.find(found)
    return text[index + len(found) :] if index >= 0 else ""


@_builtin("contains", "string", "match")
def _contains(string: Any, match: Any) -> Any:
    return _string(match) in _string(string)


@_builtin("starts with", "string", "match")
def _starts_with(string: Any, match: Any) -> Any:
    return _string(string).startswith(_string(match))


@_builtin("ends with", "string", "match")
def _ends_with(string: Any, match: Any) -> Any:
    return _string(string).endswith(_string(match))


def _flags(flags: Any) -> int:
    if flags is None:
        return 0
    table = {"i": re.IGNORECASE, "s": re.DOTALL, "m": re.MULTILINE, "x": re.VERBOSE}
    value = 0
    for flag in _string(flags):
        _require(flag in table, f"unknown flag '{flag}'")
        value |= table[flag]
    return value


@_builtin("matches", "input", "pattern", "flags", required=2)
def _matches(text: Any, pattern: Any, flags: Any = None) -> Any:
    return re.search(_string(pattern), _string(text), _flags(flags)) is not None


@_builtin("replace", "input", "pattern", "replacement", "flags", required=3)
def _replace(text: Any, pattern: Any, replacement: Any, flags: Any = None) -> Any:
    template = re.sub(r"\$(\d)", r"\\\1", _string(replacement))
    return re.sub(_string(pattern), template, _string(text), flags=_flags(flags))


@_builtin("split", "string", "delimiter")
def _split(string: Any, delimiter: Any) -> Any:
    return re.split(_string(delimiter), _string(string))


@_builtin("extract", "string", "pattern")
def _extract(string: Any, pattern: Any) -> Any:
    return [match.group(0) for match in re.finditer(_string(pattern), _string(string))]


@_builtin("trim", "string")
def _trim(string: Any) -> Any:
    return _string(string).strip()


@_builtin("is blank", "string")
def _is_blank(string: Any) -> Any:
    return not _string(string).strip()


@_builtin("string join", "list", "delimiter", "prefix", "suffix", required=1)
def _string_join(items: Any, delimiter: Any = None, prefix: Any = None, suffix: Any = None) -> Any:
    parts = [_string(item) for item in _list(items) if item is not None]
    joined = ("" if delimiter is None else _string(delimiter)).join(parts)
    return (
        ("" if prefix is None else _string(prefix))
        + joined
        + ("" if suffix is None else _string(suffix))
    )


# ---- lists -----------------------------------------------------------------------------------


@_builtin("list contains", "list", "element")
def _list_contains(items: Any, element: Any) -> Any:
    return any(equal(item, element) is True for item in _list(items))


@_builtin("count", "list")
def _count(items: Any) -> Any:
    return len(_list(items))


def _extreme(values: tuple[Any, ...], pick: int) -> Any:
    items = _items(values)
    if not items:
        return None
    best = items[0]
    for item in items[1:]:
        order = compare(item, best)
        _require(order is not None, "the elements are not comparable")
        if order == pick:
            best = item
    return best


@_builtin("min", "*list", required=1)
def _min(*values: Any) -> Any:
    return _extreme(values, -1)


@_builtin("max", "*list", required=1)
def _max(*values: Any) -> Any:
    return _extreme(values, 1)


@_builtin("sum", "*list", required=1)
def _sum(*values: Any) -> Any:
    items = [_number(item) for item in _items(values)]
    if not items:
        return None
    total: Any = 0
    for item in items:
        total = (
            total + item if type(total) is int and type(item) is int else DECIMAL.add(total, item)
        )
    return total


@_builtin("product", "*list", required=1)
def _product(*values: Any) -> Any:
    items = [_number(item) for item in _items(values)]
    if not items:
        return None
    total: Any = 1
    for item in items:
        total = (
            total * item
            if type(total) is int and type(item) is int
            else DECIMAL.multiply(total, item)
        )
    return total


@_builtin("mean", "*list", required=1)
def _mean(*values: Any) -> Any:
    items = [_number(item) for item in _items(values)]
    if not items:
        return None
    return _simplify(DECIMAL.divide(_sum(items), len(items)))


@_builtin("median", "*list", required=1)
def _median(*values: Any) -> Any:
    items = sorted(_number(item) for item in _items(values))
    if not items:
        return None
    middle = len(items) // 2
    if len(items) % 2:
        return items[middle]
    return _simplify(DECIMAL.divide(DECIMAL.add(items[middle - 1], items[middle]), 2))


@_builtin("all", "*list", required=1)
def _all(*values: Any) -> Any:
    items = _items(values)
    if any(item is False for item in items):
        return False
    return True if all(item is True for item in items) else None


@_builtin("any", "*list", required=1)
def _any(*values: Any) -> Any:
    items = _items(values)
    if any(item is True for item in items):
        return True
    return False if all(item is False for item in items) else None


@_builtin("sublist", "list", "start position", "length", required=2)
def _sublist(items: Any, start: Any, length: Any = None) -> Any:
    values, position = _list(items), _integer(start)
    begin = position - 1 if position > 0 else len(values) + position
    end = len(values) if length is None else begin + _integer(length)
    return values[max(begin, 0) : end]


@_builtin("append", "list", "*items", required=1)
def _append(items: Any, *more: Any) -> Any:
    return [*_list(items), *more]


@_builtin("concatenate", "*lists", required=0)
def _concatenate(*lists: Any) -> Any:
    return [item for items in lists for item in _list(items)]


@_builtin("insert before", "list", "position", "newItem")
def _insert_before(items: Any, position: Any, new_item: Any) -> Any:
    values, index = _list(items), _integer(position)
    _require(index != 0 and abs(index) <= len(values), "position out of range")
    at = index - 1 if index > 0 else len(values) + index
    return [*values[:at], new_item, *values[at:]]


@_builtin("remove", "list", "position")
def _remove(items: Any, position: Any) -> Any:
    values, index = _list(items), _integer(position)
    _require(index != 0 and abs(index) <= len(values), "position out of range")
    at = index - 1 if index > 0 else len(values) + index
    return values[:at] + values[at + 1 :]


@_builtin("reverse", "list")
def _reverse(items: Any) -> Any:
    return _list(items)[::-1]


@_builtin("index of", "list", "match")
def _index_of(items: Any, match: Any) -> Any:
    return [i for i, item in enumerate(_list(items), 1) if equal(item, match) is True]


def _distinct(items: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for item in items:
        if not any(equal(item, seen) is True for seen in kept):
            kept.append(item)
    return kept


@_builtin("union", "*lists", required=0)
def _union(*lists: Any) -> Any:
    return _distinct([item for items in lists for item in _list(items)])


@_builtin("distinct values", "list")
def _distinct_values(items: Any) -> Any:
    return _distinct(_list(items))


def _flat(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        flat.extend(_flat(_list(item)) if type(item) is list else [item])
    return flat


@_builtin("flatten", "list")
def _flatten(items: Any) -> Any:
    return _flat(_list(items))


@_builtin("sort", "list", "precedes", required=1)
def _sort(items: Any, precedes: Any = None) -> Any:
    values = _list(items)
    if precedes is None:
        for item in values[1:]:
            _require(compare(item, values[0]) is not None, "the elements are not comparable")
        return sorted(values)
    _require(callable(precedes), "precedes must be a function")

    def order(a: Any, b: Any) -> int:
        before = precedes(a, b)
        _require(type(before) is bool, f"expected boolean but found '{format_value(before)}'")
        return -1 if before else (1 if precedes(b, a) is True else 0)

    return sorted(values, key=cmp_to_key(order))


@_builtin("partition", "list", "size")
def _partition(items: Any, size: Any) -> Any:
    values, width = _list(items), _integer(size)
    _require(width > 0, "size must be positive")
    return [values[start : start + width] for start in range(0, len(values), width)]


@_builtin("duplicate values", "list")
def _duplicate_values(items: Any) -> Any:
    values = _list(items)
    return [
        item
        for item in _distinct(values)
        if sum(equal(item, other) is True for other in values) > 1
    ]


@_builtin("is empty", "list")
def _is_empty(items: Any) -> Any:
    return not _list(items)


# ---- numbers ---------------------------------------------------------------------------------


def _rounded(number: Any, scale: Any, rounding: str) -> Any:
    value = Decimal(_number(number))
    digits = 0 if scale is None else _integer(scale)
    result = value.quantize(Decimal(1).scaleb(-digits), rounding=rounding, context=DECIMAL)
    return _simplify(result) if digits <= 0 else result


def _rounding(mode: str) -> Callable[..., Any]:
    def rounded(number: Any, scale: Any = None) -> Any:
        return _rounded(number, scale, mode)

    return rounded


BUILTINS["decimal"] = Builtin(_rounding(ROUND_HALF_EVEN), ("n", "scale"), 2)
for _name, _mode in (
    ("floor", ROUND_FLOOR),
    ("ceiling", ROUND_CEILING),
    ("round up", ROUND_UP),
    ("round down", ROUND_DOWN),
    ("round half up", ROUND_HALF_UP),
    ("round half down", ROUND_HALF_DOWN),
):
    BUILTINS[_name] = Builtin(_rounding(_mode), ("n", "scale"), 1)


@_builtin("abs", "n")
def _abs(number: Any) -> Any:
    if type(number) is dt.timedelta:
        return abs(number)
    return abs(_number(number))


@_builtin("modulo", "dividend", "divisor")
def _modulo(dividend: Any, divisor: Any) -> Any:
    a, b = _number(dividend), _number(divisor)
    _require(b != 0, "division by zero")
    if type(a) is int and type(b) is int:
        return a % b
    quotient = DECIMAL.divide(a, b).to_integral_value(ROUND_FLOOR)
    return _simplify(DECIMAL.subtract(a, DECIMAL.multiply(b, quotient)))


@_builtin("sqrt", "number")
def _sqrt(number: Any) -> Any:
    value = _number(number)
    _require(value >= 0, "negative number")
    return _simplify(DECIMAL.sqrt(value))


@_builtin("log", "number")
def _log(number: Any) -> Any:
    value = _number(number)
    _require(value > 0, "number must be positive")
    return DECIMAL.ln(value)


@_builtin("exp", "number")
def _exp(number: Any) -> Any:
    return DECIMAL.exp(_number(number))


@_builtin("odd", "number")
def _odd(number: Any) -> Any:
    return _integer(number) % 2 == 1


@_builtin("even", "number")
def _even(number: Any) -> Any:
    return _integer(number) % 2 == 0


# ---- temporal --------------------------------------------------------------------------------


@_builtin("date", "from", "month", "day", required=1)
def _date(value: Any, month: Any = None, day: Any = None) -> Any:
    if month is not None:
        return dt.date(_integer(value), _integer(month), _integer(day))
    if type(value) is dt.datetime:
        return value.date()
    if type(value) is dt.date:
        return value
    parsed = parse_date(_string(value))
    _require(parsed is not None, f"'{value}' is not a date")
    return parsed


@_builtin("time", "from", "minute", "second", "offset", required=1)
def _time(value: Any, minute: Any = None, second: Any = None, offset: Any = None) -> Any:
    if minute is not None:
        seconds = Decimal(_number(second))
        zone = None if offset is None else dt.timezone(offset)
        return dt.time(
            _integer(value),
            _integer(minute),
            int(seconds),
            int((seconds % 1) * 1_000_000),
            tzinfo=zone,
        )
    if type(value) is dt.datetime:
        return value.timetz()
    if type(value) is dt.time:
        return value
    parsed = parse_time(_string(value))
    _require(parsed is not None, f"'{value}' is not a time")
    return parsed


@_builtin("date and time", "from", "time", required=1)
def _date_and_time(value: Any, clock: Any = None) -> Any:
    if clock is not None:
        _require(isinstance(value, dt.date) and type(clock) is dt.time, "expected date and time")
        day = value.date() if type(value) is dt.datetime else value
        return dt.datetime.combine(day, clock.replace(tzinfo=None), tzinfo=clock.tzinfo)
    if type(value) is dt.datetime:
        return value
    parsed = parse_date_time(_string(value))
    _require(parsed is not None, f"'{value}' is not a date and time")
    return parsed


@_builtin("duration", "from")
def _duration(value: Any) -> Any:
    parsed = parse_duration(_string(value))
    _require(parsed is not None, f"'{value}' is not a duration")
    return parsed


@_builtin("years and months duration", "from", "to")
def _years_and_months(start: Any, end: Any) -> Any:
    _require(isinstance(start, dt.date) and isinstance(end, dt.date), "expected two dates")
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return YearsMonthsDuration(months)


def _day(value: Any) -> dt.date:
    _require(isinstance(value, dt.date), "expected a date")
    return value


@_builtin("day of week", "date")
def _day_of_week(value: Any) -> Any:
    return _day(value).strftime("%A")


@_builtin("day of year", "date")
def _day_of_year(value: Any) -> Any:
    return _day(value).timetuple().tm_yday


@_builtin("month of year", "date")
def _month_of_year(value: Any) -> Any:
    return _day(value).strftime("%B")


@_builtin("week of year", "date")
def _week_of_year(value: Any) -> Any:
    return _day(value).isocalendar()[1]


@_builtin("last day of month", "date")
def _last_day_of_month(value: Any) -> Any:
    first = _day(value).replace(day=1)
    return add_months(first, 1).toordinal() - first.toordinal()


# ---- Camunda extensions ----------------------------------------------------------------------


@_builtin("assert", "value", "condition", "cause", required=2)
def _assert(value: Any, condition: Any, cause: Any = None) -> Any:
    if condition is not True:
        raise Failure(
            "Assertion failure on evaluate the expression: "
            + (cause if isinstance(cause, str) else "The condition is not fulfilled")
        )
    return value


@_builtin("uuid")
def _uuid() -> Any:
    return str(uuid.uuid4())


@_builtin("random number")
def _random_number() -> Any:
    return Decimal(repr(random.random()))  # FEEL's random number(): not for secrets
