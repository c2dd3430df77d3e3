"""The FEEL evaluator against the conformance table, plus its API and error behaviour."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from camunda.testing import feel
from camunda.testing.feel._builtins import BUILTINS
from tests.unit.testing.feel_conformance import CASES, JSON_CASES, UNARY_CASES, Case, UnaryCase

NOW = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.timezone.utc)


def same(actual: Any, expected: Any) -> bool:
    """Equal as FEEL values of the same type (``True`` is not ``1``, ``2`` is ``2.0``)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, (int, Decimal)):
        return isinstance(actual, (int, Decimal)) and Decimal(actual) == Decimal(expected)
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(same(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(same(actual[k], v) for k, v in expected.items())
        )
    return type(actual) is type(expected) and actual == expected


def outcome(case: Case) -> Any:
    try:
        return feel.parse_expression(case.expression).evaluate(case.variables, now=NOW).value
    except feel.FeelError as error:
        return error


def json_outcome(case: Case) -> Any:
    try:
        return feel.evaluate(case.expression, case.variables, now=NOW)
    except feel.FeelError as error:
        return error


def unary_outcome(case: UnaryCase) -> Any:
    try:
        return feel.parse_unary_tests(case.tests).matches(case.value, case.variables, now=NOW)
    except feel.FeelError as error:
        return error


def test_conformance_figure(capsys: pytest.CaptureFixture[str]) -> None:
    """Print how many rows of the table evaluate as Camunda 8 would; deviations are listed."""
    rows = [(case.expression, case.deviation, same(outcome(case), case.expected)) for case in CASES]
    rows += [
        (
            f"{case.tests} (input {case.value!r})",
            case.deviation,
            unary_outcome(case) is case.expected,
        )
        for case in UNARY_CASES
    ]
    rows += [
        (
            f"{case.expression} (stored as JSON)",
            case.deviation,
            same(json_outcome(case), case.expected),
        )
        for case in JSON_CASES
    ]
    matching = sum(ok for _, _, ok in rows)
    with capsys.disabled():
        print(
            f"\nFEEL conformance: {matching} of {len(rows)} expressions evaluate as Camunda 8 "
            f"would ({len(CASES)} expressions, {len(UNARY_CASES)} unary tests, "
            f"{len(JSON_CASES)} results stored as variables)"
        )
        for text, deviation, ok in rows:
            if not ok:
                print(f"  known deviation: {text}: {deviation}")
    assert len(rows) >= 150
    assert matching == sum(deviation is None for _, deviation, _ in rows)


@pytest.mark.parametrize("case", CASES, ids=[case.expression for case in CASES])
def test_expression(case: Case) -> None:
    result = outcome(case)
    if case.deviation is None:
        assert same(result, case.expected), f"{case.expression} gave {result!r}"
    else:  # still deviating: when this fails, the deviation is fixed and the row can lose it
        assert not same(result, case.expected)


@pytest.mark.parametrize("case", JSON_CASES, ids=[case.expression for case in JSON_CASES])
def test_result_stored_as_json(case: Case) -> None:
    result = json_outcome(case)
    if case.deviation is None:
        assert same(result, case.expected), f"{case.expression} gave {result!r}"
    else:
        assert not same(result, case.expected)


@pytest.mark.parametrize(
    "case", UNARY_CASES, ids=[f"{case.tests} <- {case.value!r}" for case in UNARY_CASES]
)
def test_unary_tests(case: UnaryCase) -> None:
    result = unary_outcome(case)
    if case.deviation is None:
        assert result is case.expected
    else:
        assert result is not case.expected


# ---- API -------------------------------------------------------------------------------------


def test_expression_marker_tells_expressions_from_static_values() -> None:
    assert feel.is_expression("= x > 1")
    assert feel.is_expression("  =x")
    assert not feel.is_expression("PT1H")
    assert not feel.is_expression("payment")


def test_evaluate_returns_json_as_camunda_stores_it() -> None:
    assert feel.evaluate("= order.total * 2", {"order": {"total": 21}}) == 42
    assert feel.evaluate("5 / 2") == 2.5
    assert feel.evaluate("1.5 * 2") == 3
    assert type(feel.evaluate("1.5 * 2")) is int
    assert feel.evaluate('date("2020-04-06") + duration("P1D")') == "2020-04-07"
    assert feel.evaluate('duration("P1DT2H")') == "PT26H"
    assert feel.evaluate('date and time("2020-04-06T08:00:00Z")') == "2020-04-06T08:00Z"
    assert feel.evaluate("{a: [1, 0.5]}") == {"a": [1, 0.5]}
    assert feel.evaluate("x", {"x": 0.1}) == 0.1


def test_now_and_today_read_the_given_clock() -> None:
    assert feel.evaluate("now()", now=NOW) == "2026-01-15T09:30Z"  # as Java writes it
    assert feel.evaluate("today()", now=NOW) == "2026-01-15"
    assert feel.evaluate('today() = date("2026-01-15")', now=NOW) is True


def test_parsing_is_cached_by_text() -> None:
    assert feel.parse_expression("= a + 1") is feel.parse_expression("= a + 1")
    assert feel.parse_unary_tests("< 5") is feel.parse_unary_tests("< 5")


def test_condition_must_be_boolean_as_in_zeebe() -> None:
    assert feel.evaluate_condition("= x > 1", {"x": 2}) is True
    with pytest.raises(feel.FeelError) as caught:
        feel.evaluate_condition("= x > 1", {})
    error = caught.value
    assert error.kind == "type"
    assert error.incident_type == "EXTRACT_VALUE_ERROR"
    assert str(error) == (
        "Expected result of the expression 'x > 1' to be 'BOOLEAN', but was 'NULL'. "
        "The evaluation reported the following warnings:\n"
        "[NO_VARIABLE_FOUND] No variable found with name 'x'"
    )


def test_warnings_quote_strings_as_zeebe_shows_them() -> None:
    with pytest.raises(feel.FeelError) as caught:
        feel.evaluate_condition("= foo > 10", {"foo": "bar"})
    assert str(caught.value) == (
        "Expected result of the expression 'foo > 10' to be 'BOOLEAN', but was 'NULL'. "
        "The evaluation reported the following warnings:\n"
        "[NOT_COMPARABLE] Can't compare '\"bar\"' with '10'"
    )


def test_expect_can_name_the_expression_and_its_element() -> None:
    evaluation = feel.parse_expression("foo > 10").evaluate({"foo": 1})
    assert evaluation.expect("BOOLEAN") is False
    with pytest.raises(
        feel.FeelError,
        match=r"^Expected result of the condition expression "
        r"'foo > 10' of sequence flow 's2' to be 'STRING', but was 'BOOLEAN'\.$",
    ):
        evaluation.expect("STRING", label="condition expression", target="sequence flow 's2'")


def test_expect_names_every_accepted_type() -> None:
    evaluation = feel.parse_expression("[1]").evaluate()
    assert evaluation.type == "ARRAY"
    with pytest.raises(feel.FeelError, match=r"one of '\[STRING, NUMBER\]', but was 'ARRAY'"):
        evaluation.expect("STRING", "NUMBER")


def test_warnings_say_why_a_value_is_null() -> None:
    evaluation = feel.parse_expression('order.missing + "a"').evaluate({"order": {"id": 1}})
    assert evaluation.value is None
    assert [warning.type for warning in evaluation.warnings] == ["NO_CONTEXT_ENTRY_FOUND"]
    invalid = feel.parse_expression('1 + "a"').evaluate()
    assert [warning.type for warning in invalid.warnings] == ["INVALID_TYPE"]
    failed = feel.parse_expression('date("nope")').evaluate()
    assert [warning.type for warning in failed.warnings] == ["FUNCTION_INVOCATION_FAILURE"]


@pytest.mark.parametrize("text", ["x >", "1 +* 2", "[1, 2", "if x then 1", '"open', "a b c ("])
def test_syntax_errors_are_typed(text: str) -> None:
    with pytest.raises(feel.FeelError) as caught:
        feel.parse_expression(text)
    assert caught.value.kind == "syntax"
    assert caught.value.expression == text
    assert str(caught.value).startswith(f"failed to parse expression '{text}':")


def test_unary_tests_syntax_errors_are_typed() -> None:
    with pytest.raises(feel.FeelError) as caught:
        feel.parse_unary_tests("< < 3")
    assert caught.value.kind == "syntax"


def test_unknown_function_fails_the_evaluation() -> None:
    with pytest.raises(feel.FeelError) as caught:
        feel.evaluate("foo(1)")
    assert caught.value.kind == "evaluation"
    assert "no function found with name 'foo' and 1 parameters" in str(caught.value)
    with pytest.raises(feel.FeelError, match="'upper case' and 2 parameters"):
        feel.evaluate('upper case("a", "b")')
    with pytest.raises(feel.FeelError, match="'substring' and 2 parameters"):
        feel.evaluate('substring(text: "a", start position: 1)')  # no parameter named text
    with pytest.raises(feel.FeelError, match="expected a function but found '1'"):
        feel.evaluate("(1)(2)")


def test_a_failed_assert_fails_the_evaluation() -> None:
    assert feel.evaluate("assert(x, x > 0)", {"x": 2}) == 2
    with pytest.raises(feel.FeelError, match="Assertion failure") as caught:
        feel.evaluate("assert(x, x > 0)", {"x": -1})
    assert caught.value.kind == "evaluation"
    with pytest.raises(feel.FeelError, match="x is required"):
        feel.evaluate('assert(x, x != null, "x is required")')


def test_nesting_parses_and_too_deep_nesting_is_a_feel_error() -> None:
    assert feel.evaluate("[[[]], []]") == [[[]], []]
    with pytest.raises(feel.FeelError, match="too deeply nested") as caught:
        feel.parse_expression("[" * 3000 + "]" * 3000)
    assert caught.value.kind == "syntax"


def test_unary_tests_see_variables_and_treat_empty_text_as_any() -> None:
    assert feel.parse_unary_tests("").matches("anything")
    assert feel.parse_unary_tests("[low..high]").matches(5, {"low": 1, "high": 9})
    assert not feel.parse_unary_tests("[low..high]").matches(10, {"low": 1, "high": 9})


def test_a_missing_lark_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from camunda.testing.feel import _api

    monkeypatch.setitem(sys.modules, "lark", None)  # what an environment without it looks like
    _api._parser.cache_clear()
    try:
        with pytest.raises(ModuleNotFoundError, match=r"pip install 'camunda-sdk\[testing\]'"):
            feel.parse_expression("= 1 + not_cached_anywhere_else")
    finally:
        _api._parser.cache_clear()


TOKENS = [
    "x",
    "y",
    "a.b",
    "1",
    "2.5",
    "-3",
    '"s"',
    "null",
    "true",
    "+",
    "-",
    "*",
    "/",
    "**",
    "=",
    "!=",
    "<",
    ">=",
    "and",
    "or",
    "not(",
    ")",
    "(",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "..",
    "in",
    "between",
    "if",
    "then",
    "else",
    "for",
    "some",
    "return",
    "satisfies",
    "item",
    "?",
    'date("2020-01-01")',
    'duration("P1D")',
    "now()",
    "count(",
    "upper case(",
    "function",
    "instance of",
    "number",
    ".",
    'matches("a", "[a-")',
    "sort(",
    "]1..2[",
]
BUILT_IN_CALLS = st.builds(
    lambda name, args: f"{name}({', '.join(args)})",
    st.sampled_from(sorted(BUILTINS)),
    st.lists(
        st.sampled_from(
            [
                "1",
                "-2",
                "2.5",
                '"abc"',
                "null",
                "[1,2]",
                "{a:1}",
                "[]",
                'date("2020-02-29")',
                'duration("P1Y")',
                '"[a-"',
                "true",
                "function(x, y) x < y",
            ]
        ),
        max_size=4,
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(TOKENS), min_size=1, max_size=9).map(" ".join), BUILT_IN_CALLS
    )
)
def test_any_text_gives_a_value_or_a_feel_error_never_a_traceback(text: str) -> None:
    variables = {"x": 3, "y": [1, 2.5, {"q": None}], "a": {"b": [1, 2]}}
    try:
        evaluation = feel.parse_expression(text).evaluate(variables)
        evaluation.json()
    except feel.FeelError as error:
        assert error.kind in ("syntax", "evaluation")
    try:
        assert feel.parse_unary_tests(text).matches(1, variables) in (True, False)
    except feel.FeelError as error:
        assert error.kind in ("syntax", "evaluation")


@pytest.mark.parametrize(
    "expression",
    [
        "for x in 1..100000000 return x",
        "for x in 1..2000, y in 1..2000 return x",
        "some x in 1..100000000 satisfies x < 0",
        "every x in 0..-100000000 satisfies x < 1",
        'for x in 1..number("1e99999999") return x',
    ],
)
def test_an_iteration_past_the_item_limit_fails_at_once(expression: str) -> None:
    # Bounded by the limit, not by the machine: the range is refused before it is built.
    with pytest.raises(feel.FeelError, match="more than 1,000,000 items") as caught:
        feel.evaluate(expression)
    assert caught.value.kind == "evaluation"
    assert len(feel.evaluate("for x in 1..1000 return x")) == 1000


@pytest.mark.parametrize(
    "expression",
    [
        "9" * 5000,  # a literal past Python's int-to-text limit
        "10 ** 100000",  # an exact power of thousands of digits
        'number("1e99999999") + 0',  # a whole decimal no int can hold
        '@"P999999999999D"',  # a duration past datetime's range
        'date("2020-01-01") + duration("P99999999D")',
        'now() + duration("P9999999Y")',
    ],
)
def test_numbers_and_dates_out_of_range_give_a_value_or_a_feel_error(expression: str) -> None:
    import json

    try:
        value = feel.evaluate(expression, now=NOW)
    except feel.FeelError as error:
        assert error.kind in ("syntax", "evaluation")
    else:
        json.dumps(value)  # what the fake stores must be JSON Python can write
