"""Compile a FEEL parse tree into nested Python closures, evaluated without re-parsing.

Each tree node becomes a function of an :class:`Env` (the variable scopes of one evaluation);
the tree is walked once, at compile time. Evaluation follows Camunda 8's FEEL engine: an
operation on values of the wrong type gives null and records a warning; only a call of an
unknown function or a failed ``assert`` fails the evaluation (:class:`._errors.Failure`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, cast

from camunda.testing.feel import _arithmetic as arith
from camunda.testing.feel._builtins import BUILTINS, Invalid
from camunda.testing.feel._errors import Failure, FeelWarning
from camunda.testing.feel._values import (
    DECIMAL,
    Range,
    YearsMonthsDuration,
    compare,
    equal,
    format_literal,
    is_number,
    normalize,
    parse_date,
    parse_date_time,
    parse_duration,
    parse_time,
    type_name,
)

__all__ = [
    "INPUT",
    "MAX_ITEMS",
    "MISSING",
    "Env",
    "Function",
    "Node",
    "Run",
    "Test",
    "compile_expression",
    "compile_tests",
]

MAX_ITEMS: Final = 1_000_000
"""The most items one ``for``/``some``/``every`` may iterate over (all its bindings
together): past it the evaluation fails at once rather than building the list for minutes."""

MISSING: Final = object()
"""What a name lookup returns for a name no scope defines (FEEL then reads it as null)."""


class Run:
    """The state of one evaluation: the clock and the warnings collected so far."""

    __slots__ = ("now", "warnings")

    def __init__(self, now: dt.datetime | None) -> None:
        self.now = now
        self.warnings: list[FeelWarning] = []

    def warn(self, kind: str, message: str) -> None:
        self.warnings.append(FeelWarning(kind, message))

    def clock(self) -> dt.datetime:
        return self.now if self.now is not None else dt.datetime.now(dt.timezone.utc)


class Env:
    """One variable scope, its enclosing scope, and the evaluation it belongs to."""

    __slots__ = ("parent", "run", "scope")

    def __init__(self, scope: Mapping[str, Any], parent: Env | None, run: Run) -> None:
        self.scope = scope
        self.parent = parent
        self.run = run

    def lookup(self, name: str) -> Any:
        env: Env | None = self
        while env is not None:
            scope = env.scope
            if name in scope:
                return normalize(scope[name])
            env = env.parent
        return MISSING

    def child(self, scope: Mapping[str, Any]) -> Env:
        return Env(scope, self, self.run)


Node = Callable[[Env], Any]
Test = Callable[[Env, Any], "bool | None"]
"""A unary test: given the scope and the input value, true, false or null."""

INPUT: Final = "?"
"""The name of the input value in unary tests (``? > 5``)."""


# ---- names and literals ----------------------------------------------------------------------

_ESCAPES = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match[1]
        if code.startswith("u"):
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES.get(code, "\\" + code)

    return _ESCAPES.sub(replace, text[1:-1])


def _name(tree: Any) -> str:
    text = str(tree.children[0])
    return text[1:-1] if text.startswith("`") else " ".join(text.split())


def _parse_temporal(text: str) -> Any:
    """The value of an ``@"..."`` literal: a date, time, date and time, or duration."""
    for parse in (parse_date, parse_date_time, parse_time, parse_duration):
        value = parse(text)
        if value is not None:
            return value
    return None


# ---- paths -----------------------------------------------------------------------------------


def _property(value: Any, key: str, run: Run) -> Any:
    """``value.key``: a context entry, a temporal component, or a path over a list."""
    kind: type[object] = value.__class__
    if kind is dict:
        if key in value:
            return normalize(value[key])
        keys = ", ".join(f"'{name}'" for name in value)
        run.warn(
            "NO_CONTEXT_ENTRY_FOUND",
            f"No context entry found with key '{key}'. Available keys: {keys}",
        )
        return None
    if kind is list:
        return [_property(normalize(item), key, run) for item in value]
    if value is None:
        return None
    found = _temporal_property(value, key)
    if found is MISSING:
        run.warn(
            "NO_PROPERTY_FOUND",
            f"No property found with name '{key}' of value '{format_literal(value)}'",
        )
        return None
    return found


def _temporal_property(value: Any, key: str) -> Any:
    if isinstance(value, (dt.date, dt.time)):
        if key in ("year", "month", "day") and isinstance(value, dt.date):
            return getattr(value, key)
        if key == "weekday" and isinstance(value, dt.date):
            return value.isoweekday()
        if key in ("hour", "minute", "second") and isinstance(value, (dt.datetime, dt.time)):
            return getattr(value, key)
        if key in ("time offset", "timezone") and isinstance(value, (dt.datetime, dt.time)):
            offset = value.utcoffset()
            if key == "time offset":
                return offset
            return getattr(value.tzinfo, "key", None) if offset is not None else None
    elif isinstance(value, dt.timedelta):
        total = int(value.total_seconds())
        sign = -1 if total < 0 else 1
        days, rest = divmod(abs(total), 86_400)
        parts = {
            "days": days,
            "hours": rest // 3600,
            "minutes": rest // 60 % 60,
            "seconds": rest % 60,
        }
        if key in parts:
            return sign * parts[key]
    elif isinstance(value, Range):
        bounds = {
            "start": value.start,
            "end": value.end,
            "start included": value.start_included,
            "end included": value.end_included,
        }
        return bounds.get(key, MISSING)
    elif isinstance(value, YearsMonthsDuration):
        months = value.months
        sign = -1 if months < 0 else 1
        if key == "years":
            return sign * (abs(months) // 12)
        if key == "months":
            return sign * (abs(months) % 12)
    return MISSING


def _index(items: list[Any], position: Any) -> Any:
    """``list[n]``: 1-based, negative from the end, null outside the list."""
    if not is_number(position):
        return None
    index = int(position)
    if index > 0 and index <= len(items):
        return normalize(items[index - 1])
    if index < 0 and -index <= len(items):
        return normalize(items[index])
    return None


def _item_scope(item: Any) -> Mapping[str, Any]:
    if type(item) is dict:
        return {**item, "item": item}
    return {"item": item}


# ---- unary tests -----------------------------------------------------------------------------

_ORDER_TESTS: dict[str, Callable[[int], bool]] = {
    "<": lambda order: order < 0,
    "<=": lambda order: order <= 0,
    ">": lambda order: order > 0,
    ">=": lambda order: order >= 0,
}


def compare_op(op: str, left: Any, right: Any, run: Run) -> bool | None:
    """The comparison operators of FEEL, null-aware."""
    if op == "=":
        return equal(left, right)
    if op == "!=":
        same = equal(left, right)
        return None if same is None else not same
    order = compare(left, right)
    if order is None:
        if left is not None and right is not None:
            run.warn(
                "NOT_COMPARABLE",
                f"Can't compare '{format_literal(left)}' with '{format_literal(right)}'",
            )
        return None
    return _ORDER_TESTS[op](order)


def in_range(value: Any, bounds: Range) -> bool | None:
    """Whether a value lies in a range; null when it cannot be compared with the bounds."""
    low = compare(value, bounds.start) if bounds.start is not None else 1
    high = compare(value, bounds.end) if bounds.end is not None else -1
    if low is None or high is None:
        return None
    return (low > 0 or (low == 0 and bounds.start_included)) and (
        high < 0 or (high == 0 and bounds.end_included)
    )


def matches_value(value: Any, expected: Any) -> bool | None:
    """A unary test that is a plain value: equal to it, in its list, or in its range."""
    if isinstance(expected, Range):
        return in_range(value, expected)
    if type(expected) is list:
        if equal(value, expected) is True:
            return True
        items = cast("list[Any]", expected)
        return any(equal(value, normalize(item)) is True for item in items)
    if type(expected) is bool and type(value) is not bool and value is not None:
        return expected
    return equal(value, expected)


def any_true(results: Sequence[bool | None]) -> bool | None:
    """FEEL disjunction of test results: true if one is true, null if one is null."""
    if True in results:
        return True
    return None if None in results else False


# ---- the compiler ----------------------------------------------------------------------------


class _Compiler:
    """Turns one parse tree into closures; one method per grammar rule alias."""

    def __init__(self) -> None:
        self.uses_input = False
        self.constants: dict[int, Any] = {}  # id of a literal's node -> its value

    def constant(self, value: Any) -> Node:
        node: Node = lambda env: value  # noqa: E731 - registered by identity below
        self.constants[id(node)] = value
        return node

    def node(self, tree: Any) -> Node:
        method: Callable[[list[Any]], Node] = getattr(self, f"c_{tree.data}")
        return method(tree.children)

    # literals
    def c_start_expression(self, children: list[Any]) -> Node:
        return self.node(children[0])

    def c_number(self, children: list[Any]) -> Node:
        text = str(children[0])
        # A literal longer than FEEL's 34 digits is a decimal (Python refuses int() of
        # thousands of digits).
        whole = "." not in text and len(text) <= DECIMAL.prec
        return self.constant(int(text) if whole else Decimal(text))

    def c_string(self, children: list[Any]) -> Node:
        return self.constant(_unescape(str(children[0])))

    def c_temporal(self, children: list[Any]) -> Node:
        return self.constant(_parse_temporal(_unescape(str(children[0])[1:])))

    def c_true(self, children: list[Any]) -> Node:
        return self.constant(True)

    def c_false(self, children: list[Any]) -> Node:
        return self.constant(False)

    def c_null(self, children: list[Any]) -> Node:
        return self.constant(None)

    def c_variable(self, children: list[Any]) -> Node:
        name = _name(children[0])

        def variable(env: Env) -> Any:
            value = env.lookup(name)
            if value is MISSING:
                env.run.warn("NO_VARIABLE_FOUND", f"No variable found with name '{name}'")
                return None
            return value

        return variable

    def c_input_value(self, children: list[Any]) -> Node:
        self.uses_input = True

        def input_value(env: Env) -> Any:
            value = env.lookup(INPUT)
            return None if value is MISSING else value

        return input_value

    def c_list(self, children: list[Any]) -> Node:
        items = [self.node(child) for child in children if child is not None]
        return lambda env: [item(env) for item in items]

    def c_context(self, children: list[Any]) -> Node:
        entries: list[tuple[str, Node]] = []
        for entry in children:
            if entry is None:
                continue
            key, value = entry.children
            text = _unescape(key) if isinstance(key, str) else _name(key)  # a STRING token
            entries.append((text, self.node(value)))

        def context(env: Env) -> Any:
            result: dict[str, Any] = {}
            inner = env.child(result)  # later entries see earlier ones
            for key, value in entries:
                result[key] = value(inner)
            return result

        return context

    def c_interval(self, children: list[Any]) -> Node:
        opening, start, _, end, closing = children
        start_node, end_node = self.node(start), self.node(end)
        start_included, end_included = str(opening) == "[", str(closing) == "]"
        return lambda env: Range(start_node(env), end_node(env), start_included, end_included)

    # paths, filters, calls
    def c_path(self, children: list[Any]) -> Node:
        target, key = self.node(children[0]), _name(children[1])
        return lambda env: _property(target(env), key, env.run)

    def c_filter(self, children: list[Any]) -> Node:
        target, condition = self.node(children[0]), self.node(children[1])
        # A comparison always filters item by item; anything else is first evaluated in the
        # enclosing scope and, if it gives a number, is an index (``list[n]``, ``list[-1]``).
        per_item = children[1].data in _BOOLEAN_RULES

        def filter_(env: Env) -> Any:
            value = target(env)
            if value is None:
                return None
            items: list[Any] = cast("list[Any]", value) if type(value) is list else [value]
            if not per_item:
                position = condition(Env(env.scope, env.parent, Run(env.run.now)))
                if is_number(position):
                    return _index(items, position)
            kept: list[Any] = []
            for raw in items:
                item = normalize(raw)
                if condition(env.child(_item_scope(item))) is True:
                    kept.append(item)
            return kept

        return filter_

    def _arguments(self, arguments: Any) -> tuple[list[str] | None, list[Node]]:
        """The argument names (``None`` when positional) and their nodes."""
        if arguments is None:
            return None, []
        if arguments.data == "named":
            return (
                [_name(argument.children[0]) for argument in arguments.children],
                [self.node(argument.children[1]) for argument in arguments.children],
            )
        return None, [self.node(argument) for argument in arguments.children]

    def c_call(self, children: list[Any]) -> Node:
        name_tree, arguments = children
        name = " ".join(str(name_tree.children[0]).split())
        names, nodes = self._arguments(arguments)
        if name == "is defined" and len(nodes) == 1 and names is None:
            return self._is_defined(arguments.children[0])
        if name in ("now", "today") and not nodes:
            if name == "now":
                return lambda env: env.run.clock()
            return lambda env: env.run.clock().date()
        builtin = BUILTINS.get(name)
        order = None if builtin is None else builtin.order(names, len(nodes))
        if builtin is not None and order is not None:
            function = builtin.function
            return lambda env: _invoke(
                name, function, order([node(env) for node in nodes]), env.run
            )
        return self._call_variable(name, names, nodes)

    def _call_variable(self, name: str, names: list[str] | None, nodes: list[Node]) -> Node:
        """A call of a function held by a variable (``f(3)`` after ``f: function(x) ...``)."""

        def call(env: Env) -> Any:
            function = env.lookup(name)
            if not isinstance(function, Function):
                raise Failure(f"no function found with name '{name}' and {len(nodes)} parameters")
            return function.call([node(env) for node in nodes], names, env.run)

        return call

    def c_call_value(self, children: list[Any]) -> Node:
        target = self.node(children[0])
        names, nodes = self._arguments(children[1])

        def call_value(env: Env) -> Any:
            function = target(env)
            if not isinstance(function, Function):
                raise Failure(f"expected a function but found '{format_literal(function)}'")
            return function.call([node(env) for node in nodes], names, env.run)

        return call_value

    def c_path_call(self, children: list[Any]) -> Node:
        """``context.f(x)``: a function held by a context entry."""
        target, key = self.node(children[0]), _name(children[1])
        names, nodes = self._arguments(children[2])

        def path_call(env: Env) -> Any:
            context = target(env)
            function = cast("dict[str, Any]", context).get(key) if type(context) is dict else None
            if not isinstance(function, Function):
                raise Failure(f"no function found with name '{key}' and {len(nodes)} parameters")
            return function.call([node(env) for node in nodes], names, env.run)

        return path_call

    def c_function_definition(self, children: list[Any]) -> Node:
        params = tuple(_name(child) for child in children[:-1] if child is not None)
        body = self.node(children[-1])
        return lambda env: Function(params, body, env)

    def _is_defined(self, argument: Any) -> Node:
        """``is defined(x.y)``: whether the variable and each entry exist (null counts)."""
        steps: list[str] = []
        tree = argument
        while tree.data == "path":
            steps.append(_name(tree.children[1]))
            tree = tree.children[0]
        if tree.data != "variable":
            value = self.node(argument)
            return lambda env: (value(env), True)[1]
        root = _name(tree.children[0])
        steps.reverse()

        def is_defined(env: Env) -> bool:
            value: Any = env.lookup(root)
            for step in steps:
                if type(value) is not dict:
                    return False
                entries = cast("dict[str, Any]", value)
                if step not in entries:
                    return False
                value = entries[step]
            return value is not MISSING

        return is_defined

    # arithmetic
    def _binary(self, children: list[Any], operation: Callable[[Any, Any, Run], Any]) -> Node:
        left, right = self.node(children[0]), self.node(children[1])
        return lambda env: operation(left(env), right(env), env.run)

    def c_add(self, children: list[Any]) -> Node:
        left, right = self.node(children[0]), self.node(children[1])

        def add(env: Env) -> Any:
            a, b = left(env), right(env)
            if type(a) is int and type(b) is int:
                return a + b
            return arith.add(a, b, env.run)

        return add

    def c_sub(self, children: list[Any]) -> Node:
        return self._binary(children, arith.subtract)

    def c_mul(self, children: list[Any]) -> Node:
        return self._binary(children, arith.multiply)

    def c_div(self, children: list[Any]) -> Node:
        return self._binary(children, arith.divide)

    def c_pow(self, children: list[Any]) -> Node:
        return self._binary(children, arith.power)

    def c_neg(self, children: list[Any]) -> Node:
        operand = self.node(children[0])
        if id(operand) in self.constants and is_number(self.constants[id(operand)]):
            return self.constant(-self.constants[id(operand)])
        return lambda env: arith.negate(operand(env), env.run)

    # comparison and logic
    def c_compare(self, children: list[Any]) -> Node:
        left, op, right = self.node(children[0]), str(children[1]), self.node(children[2])
        if op == "=":
            return lambda env: equal(left(env), right(env))
        return lambda env: compare_op(op, left(env), right(env), env.run)

    def c_between(self, children: list[Any]) -> Node:
        value, low, high = (self.node(child) for child in children)

        def between(env: Env) -> bool | None:
            checked = value(env)
            return _and(
                compare_op(">=", checked, low(env), env.run),
                compare_op("<=", checked, high(env), env.run),
            )

        return between

    def c_in_(self, children: list[Any]) -> Node:
        value, test = self.node(children[0]), self.test(children[1])
        return lambda env: test(env, value(env))

    def c_instance_of(self, children: list[Any]) -> Node:
        value = self.node(children[0])
        wanted = " ".join(_name(part) for part in children[1].children)
        if wanted == "Any":
            return lambda env: value(env) is not None
        if wanted == "Null":
            return lambda env: value(env) is None
        return lambda env: type_name(value(env)) == wanted

    def c_and_(self, children: list[Any]) -> Node:
        left, right = self.node(children[0]), self.node(children[1])

        def and_(env: Env) -> bool | None:
            a = left(env)
            if a is False:
                return False
            return _and(a, right(env))

        return and_

    def c_or_(self, children: list[Any]) -> Node:
        left, right = self.node(children[0]), self.node(children[1])

        def or_(env: Env) -> bool | None:
            a = left(env)
            if a is True:
                return True
            b = right(env)
            if b is True:
                return True
            return False if a is False and b is False else None

        return or_

    # textual expressions
    def c_if_then_else(self, children: list[Any]) -> Node:
        condition, then, otherwise = (self.node(child) for child in children)
        return lambda env: then(env) if condition(env) is True else otherwise(env)

    def _iterations(self, children: list[Any]) -> list[tuple[str, Node]]:
        iterations: list[tuple[str, Node]] = []
        for iteration in children:
            name = _name(iteration.children[0])
            if iteration.data == "iterate_range":
                start, end = self.node(iteration.children[1]), self.node(iteration.children[2])
                iterations.append((name, _range_items(start, end)))
            else:
                iterations.append((name, self.node(iteration.children[1])))
        return iterations

    def _bindings(self, children: list[Any]) -> tuple[Callable[[Env], list[Env]], Node]:
        iterations = self._iterations(children[:-1])
        body = self.node(children[-1])

        def scopes(env: Env) -> list[Env]:
            envs = [env]
            for name, source in iterations:
                grown: list[Env] = []
                for outer in envs:
                    items = source(outer)
                    if items is None:
                        continue
                    values: list[Any] = cast("list[Any]", items) if type(items) is list else [items]
                    if len(grown) + len(values) > MAX_ITEMS:
                        raise Failure(_too_many(name))
                    grown.extend(outer.child({name: normalize(item)}) for item in values)
                envs = grown
            return envs

        return scopes, body

    def c_for_return(self, children: list[Any]) -> Node:
        scopes, body = self._bindings(children)
        return lambda env: [body(scope) for scope in scopes(env)]

    def c_some(self, children: list[Any]) -> Node:
        scopes, body = self._bindings(children)
        return lambda env: any(body(scope) is True for scope in scopes(env))

    def c_every(self, children: list[Any]) -> Node:
        scopes, body = self._bindings(children)
        return lambda env: all(body(scope) is True for scope in scopes(env))

    # unary tests
    def test(self, tree: Any) -> Test:
        """Compile one positive unary test (also the right side of ``in``)."""
        if tree.data == "compare_input":
            op, bound = str(tree.children[0]), self.node(tree.children[1])
            if id(bound) in self.constants:
                fixed = self.constants[id(bound)]
                return lambda env, value: compare_op(op, value, fixed, env.run)
            return lambda env, value: compare_op(op, value, bound(env), env.run)
        if tree.data == "test_list":
            tests = [self.test(child) for child in tree.children[0].children]
            return lambda env, value: any_true([test(env, value) for test in tests])
        assert tree.data == "test_expression"
        before, self.uses_input = self.uses_input, False
        expression = self.node(tree.children[0])
        uses_input, self.uses_input = self.uses_input, before or self.uses_input
        if uses_input:

            def input_test(env: Env, value: Any) -> bool | None:
                result = expression(env.child({INPUT: value}))
                return result if type(result) is bool else None

            return input_test
        if id(expression) in self.constants:
            expected = self.constants[id(expression)]
            return lambda env, value: matches_value(value, expected)
        return lambda env, value: matches_value(value, expression(env))

    def tests(self, tree: Any) -> Callable[[Env], bool]:
        """Compile the unary tests of a decision table input entry."""
        if tree.data == "start_unary_tests":
            tree = tree.children[0]
        if tree.data == "any_input":
            return lambda env: True
        negated = tree.data == "negation"
        if negated:
            tree = tree.children[1]
        tests = [self.test(child) for child in tree.children]
        single = tests[0] if len(tests) == 1 else None

        def run_tests(env: Env) -> bool:
            value = env.lookup(INPUT)
            value = None if value is MISSING else value
            if single is not None:
                result = single(env, value)
            else:
                result = any_true([test(env, value) for test in tests])
            if negated:
                return result is False
            return result is True

        return run_tests


class Function:
    """A function defined in FEEL (``function(x, y) x + y``), closed over its scope."""

    __slots__ = ("body", "env", "params")

    def __init__(self, params: tuple[str, ...], body: Node, env: Env) -> None:
        self.params = params
        self.body = body
        self.env = env

    def __str__(self) -> str:
        return f"function({', '.join(self.params)})"

    def __call__(self, *arguments: Any) -> Any:
        """Call with positional arguments (how built-ins such as ``sort`` call it)."""
        return self.call(list(arguments), None, self.env.run)

    def call(self, values: list[Any], names: list[str] | None, run: Run) -> Any:
        if names is None:
            if len(values) != len(self.params):
                raise Failure(f"expected {len(self.params)} parameters but found {len(values)}")
            bound = dict(zip(self.params, values, strict=True))
        else:
            unknown = [name for name in names if name not in self.params]
            if unknown:
                raise Failure(f"no parameter '{unknown[0]}' in {self}")
            bound = {**dict.fromkeys(self.params), **dict(zip(names, values, strict=True))}
        return self.body(Env(bound, self.env, run))


_BOOLEAN_RULES = frozenset({"compare", "between", "in_", "instance_of", "and_", "or_"})
"""Filter conditions that can only be tests on each item, never an index."""


def _and(a: Any, b: Any) -> bool | None:
    if a is False or b is False:
        return False
    if a is True and b is True:
        return True
    return None


_HUGE: Final = 10**18


def _too_many(what: str) -> str:
    return f"the iteration over {what} has more than {MAX_ITEMS:,} items"


def _range_items(start: Node, end: Node) -> Node:
    def items(env: Env) -> Any:
        first, last = start(env), end(env)
        if not (is_number(first) and is_number(last)):
            return None
        # Compared before any arithmetic or int(): 1e99999999 has no cheap int.
        if not (-_HUGE < first < _HUGE and -_HUGE < last < _HUGE):
            raise Failure(_too_many("range"))
        low, high = int(first), int(last)
        if abs(high - low) >= MAX_ITEMS:
            raise Failure(_too_many("range"))
        step = 1 if high >= low else -1
        return list(range(low, high + step, step))

    return items


def _invoke(name: str, function: Callable[..., Any], arguments: list[Any], run: Run) -> Any:
    try:
        return function(*arguments)
    except (Invalid, TypeError, ValueError, ArithmeticError, LookupError, re.error) as error:
        run.warn("FUNCTION_INVOCATION_FAILURE", f"Failed to invoke function '{name}': {error}")
        return None


def compile_expression(tree: Any) -> Node:
    """Compile the tree of a FEEL expression."""
    return _Compiler().node(tree)


def compile_tests(tree: Any) -> Callable[[Env], bool]:
    """Compile the tree of FEEL unary tests; the input value is the name ``?`` in the scope."""
    return _Compiler().tests(tree)
