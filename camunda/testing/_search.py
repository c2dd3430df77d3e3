"""Searching: the filter language, sorting and cursor pages, over rows in wire shape.

Filters take a field's value or an operator object (``$eq``, ``$neq``, ``$exists``,
``$in``, ``$notIn``, ``$like``, ``$gt``, ``$gte``, ``$lt``, ``$lte``), and ``$or`` takes a
list of alternative filters. A cursor holds the sort values and the key of a row, so a
row inserted while a client pages is neither repeated nor skipped.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, cast

from camunda.models.common import PageRequest
from camunda.testing._protocol import Problem

__all__ = ["Special", "matches", "page_of", "value_matches", "variables_filter"]

Row = dict[str, Any]
Special = Callable[[Any], Callable[[Any], bool]]
"""A filter field that is not a wire field: given the condition, a test for a record."""


def _like(value: Any, pattern: Any) -> bool:
    if not isinstance(value, str) or not isinstance(pattern, str):
        return False
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.DOTALL) is not None


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(value: Any, operand: Any) -> bool:
        if value is None or operand is None:
            return False
        left, right = _comparable(value), _comparable(operand)
        try:
            return test(left, right)
        except TypeError:
            return False

    return compare


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda v, o: _comparable(v) == _comparable(o),
    "$neq": lambda v, o: _comparable(v) != _comparable(o),
    "$in": lambda v, o: _comparable(v) in [_comparable(x) for x in o],
    "$notIn": lambda v, o: _comparable(v) not in [_comparable(x) for x in o],
    "$exists": lambda v, o: (v is not None) == bool(o),
    "$like": _like,
    "$gt": _ordered(lambda v, o: v > o),
    "$gte": _ordered(lambda v, o: v >= o),
    "$lt": _ordered(lambda v, o: v < o),
    "$lte": _ordered(lambda v, o: v <= o),
}
_KEYLIKE = re.compile(r"^-?\d{1,25}$")
_DATELIKE = re.compile(r"^\d{4}-\d\d-\d\dT")


def _comparable(value: Any) -> Any:
    """Keys compare as numbers and timestamps as instants, whatever their spelling."""
    if isinstance(value, str):
        if _KEYLIKE.match(value):
            return int(value)
        if _DATELIKE.match(value):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return value
    return value


def value_matches(value: Any, condition: Any) -> bool:
    """Whether a value satisfies a filter condition (a plain value or operators)."""
    if not isinstance(condition, dict):
        return _comparable(value) == _comparable(condition)
    for op, operand in cast("dict[str, Any]", condition).items():
        test = _OPS.get(op)
        if test is None:
            raise Problem(400, "INVALID_ARGUMENT", f"unsupported filter operator {op!r}")
        if not test(value, operand):
            return False
    return True


def variables_filter(variables_of: Callable[[Any], Mapping[str, Any] | None]) -> Special:
    """A ``[{name, value}]`` variable filter: the record has each variable with a matching
    value (compared in JSON form, as the API writes variable values)."""

    def special(condition: Any) -> Callable[[Any], bool]:
        wanted = cast("list[dict[str, Any]]", condition if isinstance(condition, list) else [])

        def test(record: Any) -> bool:
            variables = variables_of(record) or {}
            return all(
                item.get("name") in variables
                and value_matches(json.dumps(variables[item["name"]]), item.get("value"))
                for item in wanted
            )

        return test

    return special


def matches(
    row: Row, record: Any, filters: Any, specials: Mapping[str, Special] | None = None
) -> bool:
    """Whether a row (its record for the ``specials``) passes a filter object."""
    if not isinstance(filters, dict):
        raise Problem(400, "INVALID_ARGUMENT", "filter must be a JSON object")
    for name, condition in cast("dict[str, Any]", filters).items():
        if name == "$or":
            alternatives = cast("list[Any]", condition if isinstance(condition, list) else [])
            if alternatives and not any(
                matches(row, record, alternative, specials) for alternative in alternatives
            ):
                return False
        elif specials and name in specials:
            if not specials[name](condition)(record):
                return False
        elif name not in row:
            raise Problem(400, "INVALID_ARGUMENT", f"the fake cluster cannot filter by '{name}'")
        elif not value_matches(row[name], condition):
            return False
    return True


def _rank(value: Any) -> tuple[int, int, Any]:
    value = _comparable(value)
    if value is None:
        return (1, 0, 0)
    if isinstance(value, (bool, int, float)):
        return (0, 0, value)
    if isinstance(value, datetime):
        return (0, 1, value.timestamp())
    return (0, 2, str(value))


def _compare(left: list[Any], right: list[Any], descending: list[bool]) -> int:
    for a, b, desc in zip(left, right, descending, strict=False):
        ra, rb = _rank(a), _rank(b)
        if ra != rb:
            result = -1 if ra < rb else 1
            return -result if desc else result
    return 0


def _cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _uncursor(cursor: str, width: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        values = None
    if not isinstance(values, list) or len(cast("list[Any]", values)) != width:
        raise Problem(400, "INVALID_ARGUMENT", f"invalid cursor {cursor!r}")
    return cast("list[Any]", values)


def page_of(rows: Iterable[Row], body: Mapping[str, Any], key_field: str) -> dict[str, Any]:
    """Sort the matching rows and cut the requested page (offset or cursor)."""
    page = PageRequest.model_validate(body.get("page") or {})
    fields: list[str] = []
    descending: list[bool] = []
    for criterion in cast("list[Any]", body.get("sort") or []):
        spec = cast("dict[str, Any]", criterion if isinstance(criterion, dict) else {})
        name = spec.get("field")
        if not isinstance(name, str):
            raise Problem(400, "INVALID_ARGUMENT", "each sort criterion needs a 'field'")
        fields.append(name)
        descending.append(spec.get("order") == "DESC")
    fields.append(key_field)
    descending.append(False)

    def values(row: Row) -> list[Any]:
        return [row.get(name) for name in fields]

    ordered = sorted(
        rows, key=functools.cmp_to_key(lambda a, b: _compare(values(a), values(b), descending))
    )
    limit = page.limit or 100
    if page.after is not None:
        mark = _uncursor(page.after, len(fields))
        items = [r for r in ordered if _compare(values(r), mark, descending) > 0][:limit]
    elif page.before is not None:
        mark = _uncursor(page.before, len(fields))
        items = [r for r in ordered if _compare(values(r), mark, descending) < 0][-limit:]
    else:
        start = page.from_ or 0
        items = ordered[start : start + limit]
    return {
        "items": items,
        "page": {
            "totalItems": len(ordered),
            "hasMoreTotalItems": False,
            "startCursor": _cursor(values(items[0])) if items else None,
            "endCursor": _cursor(values(items[-1])) if items else None,
        },
    }
