"""FEEL, the expression language of Camunda 8, evaluated in Python for the fake cluster.

::

    from camunda.testing import feel

    feel.evaluate("= order.total > 100", {"order": {"total": 150}})        # True
    feel.evaluate('= upper case(name) + "!"', {"name": "ada"})              # 'ADA!'
    feel.parse_unary_tests("[1..5], > 10").matches(3)                        # True

The subset real Camunda 8 models use: literals, paths, comparisons, ``and``/``or``/``not()``,
arithmetic, ``if then else``, ``for``/``some``/``every``, ``in`` and ``between``, ranges,
list and context literals and filters, temporal values, and the common built-in functions.
Semantics follow Camunda 8.x (feel-scala): a missing variable is null, comparing values of
different types is null, an invalid operation is null with a warning, and the warnings are
appended to the incident message when a null result is then rejected.

Expressions are parsed once (cached by text) with a Lark LALR grammar (``feel.lark``) and
compiled into closures. FEEL numbers are decimals: Python ``int`` while whole, otherwise
``decimal.Decimal`` with 34 significant digits (Camunda's ``BigDecimal``), so
``0.1 + 0.2 = 0.3``; :meth:`Evaluation.json` turns results into the JSON Camunda stores.

Value types: null ``None``, boolean ``bool``, number ``int``/``Decimal``, string ``str``, date
``datetime.date``, time ``datetime.time``, date and time ``datetime.datetime``, days-time
duration ``datetime.timedelta``, years-months duration :class:`YearsMonthsDuration`, list
``list``, context ``dict``, range :class:`Range`.

Needs the ``lark`` package: ``pip install 'camunda-sdk[testing]'``.
"""

from __future__ import annotations

from camunda.testing.feel._api import (
    Evaluation,
    Expression,
    ResultType,
    UnaryTests,
    evaluate,
    evaluate_condition,
    is_expression,
    parse_expression,
    parse_unary_tests,
)
from camunda.testing.feel._errors import FeelError, FeelErrorKind, FeelWarning
from camunda.testing.feel._values import Range, YearsMonthsDuration, to_json

__all__ = [
    "Evaluation",
    "Expression",
    "FeelError",
    "FeelErrorKind",
    "FeelWarning",
    "Range",
    "ResultType",
    "UnaryTests",
    "YearsMonthsDuration",
    "evaluate",
    "evaluate_condition",
    "is_expression",
    "parse_expression",
    "parse_unary_tests",
    "to_json",
]
