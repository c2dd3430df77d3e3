"""The one door from the engine to FEEL: ``evaluate`` and ``ExpressionError``.

A stopgap until the FEEL evaluator (``camunda.testing.feel``) lands: it understands
literals, variable paths, comparisons, ``and``/``or``, arithmetic and list literals,
which is what conditions and mappings in simple models use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, cast

__all__ = ["ExpressionError", "evaluate", "value_of"]

_TOKEN = re.compile(r"""\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>"(?:[^"\\]|\\.)*")|"""
                    r"""(?P<op><=|>=|!=|[-+*/()<>=\[\],.])|(?P<name>[A-Za-z_][A-Za-z_0-9]*))""")
_Binary = Callable[[Any, Any], Any]
_COMPARE: dict[str, _Binary] = {"=": lambda a, b: a == b, "!=": lambda a, b: a != b,
            "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
            ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
_ARITHMETIC: dict[str, _Binary] = {"+": lambda a, b: a + b, "-": lambda a, b: a - b,
               "*": lambda a, b: a * b, "/": lambda a, b: a / b}


class ExpressionError(Exception):
    """An expression failed; ``incident_type`` is the incident the engine raises for it."""

    def __init__(self, message: str, incident_type: str = "EXTRACT_VALUE_ERROR") -> None:
        super().__init__(message)
        self.incident_type = incident_type


def value_of(text: str, variables: Mapping[str, Any]) -> Any:
    """A property that is a FEEL expression when it starts with ``=``, else a literal."""
    return evaluate(text[1:], variables) if text.startswith("=") else text


def evaluate(expression: str, variables: Mapping[str, Any]) -> Any:
    """The value of a FEEL ``expression`` (without its leading ``=``) over ``variables``.

    Raises:
        ExpressionError: the expression cannot be read or evaluated.
    """
    tokens: list[tuple[str, str]] = []
    position = 0
    text = expression.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ExpressionError(f"failed to parse expression '{expression}'")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    parser = _Parser(tokens, variables, expression)
    value = parser.disjunction()
    if parser.index != len(tokens):
        raise ExpressionError(f"failed to parse expression '{expression}'")
    return value


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], variables: Mapping[str, Any],
                 source: str) -> None:
        self.tokens = tokens
        self.index = 0
        self.variables = variables
        self.source = source

    def _peek(self) -> str | None:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        if self.index >= len(self.tokens) or (expected and self._peek() != expected):
            raise ExpressionError(f"failed to parse expression '{self.source}'")
        self.index += 1
        return self.tokens[self.index - 1]

    def disjunction(self) -> Any:
        value = self.conjunction()
        while self._peek() == "or":
            self._take()
            right = self.conjunction()
            value = True if value is True or right is True else (
                False if value is False and right is False else None)
        return value

    def conjunction(self) -> Any:
        value = self.comparison()
        while self._peek() == "and":
            self._take()
            right = self.comparison()
            value = False if value is False or right is False else (
                True if value is True and right is True else None)
        return value

    def comparison(self) -> Any:
        left = self.sum()
        op = self._peek()
        if op in _COMPARE:
            self._take()
            right = self.sum()
            if op in ("=", "!="):
                return _COMPARE[op](left, right)
            try:
                return None if left is None or right is None else _COMPARE[op](left, right)
            except TypeError:
                return None
        return left

    def sum(self) -> Any:
        value = self.product()
        while self._peek() in ("+", "-"):
            op = self._take()[1]
            value = _arithmetic(op, value, self.product())
        return value

    def product(self) -> Any:
        value = self.atom()
        while self._peek() in ("*", "/"):
            op = self._take()[1]
            value = _arithmetic(op, value, self.atom())
        return value

    def atom(self) -> Any:
        kind, text = self._take()
        if kind == "num":
            value: Any = float(text) if "." in text else int(text)
        elif kind == "str":
            value = text[1:-1].replace('\\"', '"')
        elif text == "(":
            value = self.disjunction()
            self._take(")")
        elif text == "[":
            items: list[Any] = []
            while self._peek() != "]":
                items.append(self.disjunction())
                if self._peek() == ",":
                    self._take()
            self._take("]")
            value = items
        elif text == "-":
            value = _arithmetic("-", 0, self.atom())
        elif kind == "name":
            value = {"true": True, "false": False, "null": None}.get(
                text, self.variables.get(text))
        else:
            raise ExpressionError(f"failed to parse expression '{self.source}'")
        while self._peek() == ".":
            self._take()
            name = self._take()[1]
            value = cast("dict[str, Any]", value).get(name) if isinstance(value, dict) else None
        return value


def _arithmetic(op: str, left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    try:
        return _ARITHMETIC[op](left, right)
    except (TypeError, ZeroDivisionError):
        return None
