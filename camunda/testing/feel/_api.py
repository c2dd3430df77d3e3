"""Parse FEEL once, evaluate it many times: expressions, unary tests, and their results."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from camunda.testing.feel._builtins import BUILTINS
from camunda.testing.feel._compiler import (
    INPUT,
    Env,
    Node,
    Run,
    compile_expression,
    compile_tests,
)
from camunda.testing.feel._errors import Failure, FeelError, FeelWarning
from camunda.testing.feel._values import YearsMonthsDuration, to_json

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from lark import Lark

__all__ = [
    "Evaluation",
    "Expression",
    "ResultType",
    "UnaryTests",
    "evaluate",
    "evaluate_condition",
    "is_expression",
    "parse_expression",
    "parse_unary_tests",
]

ResultType = Literal[
    "NULL", "BOOLEAN", "NUMBER", "STRING", "DATE_TIME", "DURATION", "PERIOD", "ARRAY", "OBJECT"
]
"""Zeebe's names for the type of an expression's result (in its incident messages)."""

_NO_VARIABLES: Mapping[str, Any] = {}
_Compiled = TypeVar("_Compiled")


def is_expression(text: str) -> bool:
    """Tell a Camunda expression (``= order.total > 100``) from a static value (``PT1H``).

    BPMN attributes that accept either take text starting with ``=`` as FEEL and anything else
    as a literal string.
    """
    return text.lstrip().startswith("=")


def _strip_marker(text: str) -> str:
    stripped = text.lstrip()
    return stripped[1:] if stripped.startswith("=") else text


@lru_cache(maxsize=1)
def _parser() -> Lark:
    try:
        from lark import Lark
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "FEEL evaluation needs the 'lark' package: pip install 'camunda-sdk[testing]'"
        ) from error
    grammar = (files("camunda.testing.feel") / "feel.lark").read_text(encoding="utf-8")
    spaced = sorted((name for name in [*BUILTINS, "is defined"] if " " in name), key=len)
    names = "|".join(r"\s+".join(map(re.escape, name.split())) for name in reversed(spaced))
    grammar = grammar.replace("__MULTI_WORD_FUNCTIONS__", names)
    return Lark(grammar, parser="lalr", start=["start_expression", "start_unary_tests"])


def _parse(text: str, start: str) -> Any:
    parser: Any = _parser()  # first: names the extra to install when lark is missing
    from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    try:
        return parser.parse(text, start=start)
    except UnexpectedEOF:
        detail = "unexpected end of expression"
    except UnexpectedToken as error:
        token: Any = error.token
        if token.type == "$END":
            detail = "unexpected end of expression"
        else:
            detail = f"unexpected '{token}' at position {error.column}"
    except UnexpectedCharacters as error:
        detail = f"unexpected character '{text[error.pos_in_stream]}' at position {error.column}"
    except LarkError as error:  # pragma: no cover - any other parser failure
        detail = str(error)
    raise FeelError(
        f"failed to parse expression '{text}': {detail}", kind="syntax", expression=text
    )


def _compile(text: str, start: str, compile_tree: Callable[[Any], _Compiled]) -> _Compiled:
    try:
        return compile_tree(_parse(text, start))
    except RecursionError:
        message = f"failed to parse expression '{text}': too deeply nested"
        raise FeelError(message, kind="syntax", expression=text) from None


def _result_type(value: Any) -> ResultType:
    if value is None:
        return "NULL"
    kind: type[object] = value.__class__
    types: dict[type, ResultType] = {
        bool: "BOOLEAN",
        str: "STRING",
        list: "ARRAY",
        dict: "OBJECT",
        dt.datetime: "DATE_TIME",
        dt.timedelta: "DURATION",
        YearsMonthsDuration: "PERIOD",
    }
    if kind in types:
        return types[kind]
    if kind is int or kind.__name__ == "Decimal" or kind is float:
        return "NUMBER"
    return "STRING"  # dates, times and ranges reach Zeebe as text


def _evaluation_error(text: str, failure: Exception, run: Run) -> FeelError:
    # Python's own limits (deep nesting, a date past year 9999, an overflow) fail the
    # evaluation as a whole, as an incident, never as a Python traceback.
    detail = "too deeply nested" if isinstance(failure, RecursionError) else str(failure)
    return FeelError(
        f"failed to evaluate expression '{text}': {detail}",
        kind="evaluation",
        expression=text,
        warnings=tuple(run.warnings),
    )


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The result of evaluating an expression: its FEEL value and the warnings on the way.

    Attributes:
        expression: the expression text (without the leading ``=``).
        value: the FEEL value (see :mod:`camunda.testing.feel` for the Python types).
        warnings: why parts of it were null (a missing variable, a type mismatch).
    """

    expression: str
    value: Any
    warnings: tuple[FeelWarning, ...]

    @property
    def type(self) -> ResultType:
        """The result's type as Zeebe names it (``BOOLEAN``, ``NUMBER``, ``NULL``, ...)."""
        return _result_type(self.value)

    def json(self) -> Any:
        """The value as Camunda stores it in a variable (numbers, text, lists, dicts)."""
        return to_json(self.value)

    def expect(
        self, *types: ResultType, label: str = "expression", target: str | None = None
    ) -> Any:
        """Return the value if it has one of ``types``, else raise Zeebe's incident message.

        Args:
            types: the accepted result types.
            label: what the expression is, for the message (``"condition expression"``).
            target: the element it belongs to (``"sequence flow 's2'"``); recent Zeebe
                versions name both: ``Expected result of the condition expression 'x > 1' of
                sequence flow 's2' to be 'BOOLEAN', but was 'NULL'.``

        Raises:
            FeelError: ``kind="type"``, e.g. ``Expected result of the expression 'x > 1' to be
                'BOOLEAN', but was 'NULL'.`` followed by the warnings.
        """
        actual = self.type
        if actual in types:
            return self.value
        subject = f"the {label} '{self.expression}'" + (f" of {target}" if target else "")
        wanted = f"'{types[0]}'" if len(types) == 1 else "one of '[" + ", ".join(types) + "]'"
        message = f"Expected result of {subject} to be {wanted}, but was '{actual}'."
        raise FeelError(message, kind="type", expression=self.expression, warnings=self.warnings)


class Expression:
    """A parsed FEEL expression; evaluate it any number of times.

    Get one from :func:`parse_expression` (cached by text).
    """

    __slots__ = ("_node", "text")

    def __init__(self, text: str, node: Node) -> None:
        self.text = text
        self._node = node

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    def evaluate(
        self, variables: Mapping[str, Any] | None = None, *, now: dt.datetime | None = None
    ) -> Evaluation:
        """Evaluate with the given variables (JSON values; a missing one reads as null).

        Args:
            variables: the variables in scope, e.g. a process instance's.
            now: the clock for ``now()`` and ``today()`` (the fake cluster's clock); the
                system clock (UTC) when not given.

        Raises:
            FeelError: ``kind="evaluation"`` when the evaluation fails as a whole (a call of an
                unknown function).
        """
        run = Run(now)
        try:
            value = self._node(Env(_NO_VARIABLES if variables is None else variables, None, run))
        except (Failure, RecursionError, ArithmeticError, ValueError) as failure:
            raise _evaluation_error(self.text, failure, run) from None
        return Evaluation(self.text, value, tuple(run.warnings))


class UnaryTests:
    """Parsed FEEL unary tests: a decision table input entry (``< 10``, ``"a","b"``, ``-``).

    Get one from :func:`parse_unary_tests` (cached by text).
    """

    __slots__ = ("_test", "text")

    def __init__(self, text: str, test: Any) -> None:
        self.text = text
        self._test = test

    def __repr__(self) -> str:
        return f"UnaryTests({self.text!r})"

    def matches(
        self,
        value: Any,
        variables: Mapping[str, Any] | None = None,
        *,
        now: dt.datetime | None = None,
    ) -> bool:
        """Whether the input value satisfies the tests (null results count as not satisfied).

        Args:
            value: the input value (the result of the input expression), named ``?``.
            variables: the variables the tests may refer to.
            now: the clock for ``now()``/``today()``.

        Raises:
            FeelError: ``kind="evaluation"`` when a test calls an unknown function.
        """
        run = Run(now)
        scope = Env(_NO_VARIABLES if variables is None else variables, None, run)
        try:
            return bool(self._test(scope.child({INPUT: value})))
        except (Failure, RecursionError, ArithmeticError, ValueError) as failure:
            raise _evaluation_error(self.text, failure, run) from None


@lru_cache(maxsize=4096)
def parse_expression(text: str) -> Expression:
    """Parse a FEEL expression (a leading ``=`` is allowed and ignored), cached by text.

    Raises:
        FeelError: ``kind="syntax"`` when the text is not FEEL.
    """
    body = _strip_marker(text).strip()
    return Expression(body, _compile(body, "start_expression", compile_expression))


@lru_cache(maxsize=4096)
def parse_unary_tests(text: str) -> UnaryTests:
    """Parse the unary tests of a decision table input entry (empty text means ``-``).

    Raises:
        FeelError: ``kind="syntax"`` when the text is not FEEL unary tests.
    """
    body = text.strip() or "-"
    return UnaryTests(body, _compile(body, "start_unary_tests", compile_tests))


def evaluate(
    expression: str,
    variables: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> Any:
    """Evaluate a FEEL expression and return its value as Camunda stores it (JSON).

    ::

        >>> evaluate("= order.total * 2", {"order": {"total": 21}})
        42

    Raises:
        FeelError: the expression does not parse, or its evaluation fails.
    """
    return parse_expression(expression).evaluate(variables, now=now).json()


def evaluate_condition(
    expression: str,
    variables: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> bool:
    """Evaluate a sequence flow condition as Zeebe does: it must give a boolean.

    Raises:
        FeelError: ``kind="type"`` when the result is not a boolean (a null result included:
            Zeebe raises an incident, it does not take the flow), or the evaluation fails.
    """
    result: bool = parse_expression(expression).evaluate(variables, now=now).expect("BOOLEAN")
    return result
