"""Evaluate a decision and the decisions it requires, as Camunda 8's DMN engine does.

The result has the shape of Camunda's decision evaluation (``evaluateDecision`` response and
decision instance records): the output, and for each evaluated decision its inputs and the
matched rules with their outputs. Values are JSON (what the REST API encodes as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, cast

from camunda.testing.dmn._model import DecisionTable
from camunda.testing.feel import FeelError, to_json

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

    from camunda.testing.dmn._model import Decision, DecisionRequirements, Rule
    from camunda.testing.feel import Expression

__all__ = [
    "DecisionEvaluationError",
    "DecisionResult",
    "EvaluatedDecision",
    "EvaluatedInput",
    "EvaluatedOutput",
    "MatchedRule",
    "evaluate_decision",
]


@dataclass(frozen=True, slots=True)
class EvaluatedInput:
    """A decision table input and the value its expression gave (``EvaluatedDecisionInputItem``)."""

    input_id: str
    input_name: str
    input_value: Any


@dataclass(frozen=True, slots=True)
class EvaluatedOutput:
    """One output of a matched rule (``EvaluatedDecisionOutputItem``)."""

    output_id: str
    output_name: str
    output_value: Any
    rule_id: str
    rule_index: int


@dataclass(frozen=True, slots=True)
class MatchedRule:
    """A rule that matched and was used by the hit policy (``MatchedDecisionRuleItem``)."""

    rule_id: str
    rule_index: int
    evaluated_outputs: tuple[EvaluatedOutput, ...]


@dataclass(frozen=True, slots=True)
class EvaluatedDecision:
    """One decision evaluated on the way (``EvaluatedDecisionResult``); JSON values."""

    decision_id: str
    decision_name: str
    decision_type: Literal["DECISION_TABLE", "LITERAL_EXPRESSION"]
    output: Any
    evaluated_inputs: tuple[EvaluatedInput, ...]
    matched_rules: tuple[MatchedRule, ...]


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """The evaluation of a decision (``EvaluateDecisionResult``).

    Attributes:
        decision_id: the decision asked for.
        output: its result as JSON.
        evaluated_decisions: every decision evaluated, required ones first, this one last.
    """

    decision_id: str
    decision_name: str
    output: Any
    evaluated_decisions: tuple[EvaluatedDecision, ...]


class DecisionEvaluationError(Exception):
    """A decision failed to evaluate: Camunda raises a ``DECISION_EVALUATION_ERROR`` incident.

    Attributes:
        decision_id: the decision asked for.
        failed_decision_id: the decision that failed (the one asked for, or a required one).
        message: Camunda's incident message.
        evaluated_decisions: the decisions evaluated before the failure.
    """

    incident_type = "DECISION_EVALUATION_ERROR"

    def __init__(
        self,
        message: str,
        *,
        decision_id: str,
        failed_decision_id: str,
        evaluated_decisions: tuple[EvaluatedDecision, ...],
    ) -> None:
        super().__init__(message)
        self.message = message
        self.decision_id = decision_id
        self.failed_decision_id = failed_decision_id
        self.evaluated_decisions = evaluated_decisions


class _Failure(Exception):
    """A failure inside one decision, with dmn-scala's wording; wrapped by the caller."""


def _scala(value: Any) -> str:
    """A value as dmn-scala prints it in its failure messages (``ValNumber(0.1)``)."""
    if value is None:
        return "ValNull"
    if isinstance(value, bool):
        return f"ValBoolean({str(value).lower()})"
    if isinstance(value, str):
        return f"ValString({value})"
    if isinstance(value, list):
        items = cast("list[Any]", value)
        return "ValList(List(" + ", ".join(_scala(item) for item in items) + "))"
    if isinstance(value, dict):
        return "ValContext(" + _entries(cast("dict[str, Any]", value)) + ")"
    if isinstance(value, (int, Decimal)):
        return f"ValNumber({value})"
    return f"Val({value})"


def _entries(values: Mapping[str, Any]) -> str:
    return "Map(" + ", ".join(f"{key} -> {_scala(item)}" for key, item in values.items()) + ")"


def _rows(rows: list[dict[str, Any]]) -> str:
    return "List(" + ", ".join(_entries(row) for row in rows) + ")"


def _number(value: Any) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise _Failure(f"expected number but found '{_scala(value)}'")
    return value


def _rows_value(rows: list[dict[str, Any]]) -> Any:
    """One rule's outputs: the value itself for one output, else a context."""
    row = rows[0]
    return next(iter(row.values())) if len(row) == 1 else row


def _list_value(rows: list[dict[str, Any]]) -> Any:
    if len(rows[0]) == 1:
        return [next(iter(row.values())) for row in rows]
    return rows


def _by_priority(table: DecisionTable, rows: list[dict[str, Any]]) -> list[int]:
    """Row positions sorted by the outputs' listed values (first listed = highest)."""

    def rank(position: int) -> tuple[int, ...]:
        key: list[int] = []
        for output in table.outputs:
            value = rows[position][output.name]
            text = value if isinstance(value, str) else str(value)
            listed = output.priorities
            key.append(listed.index(text) if text in listed else len(listed))
        return tuple(key)

    return sorted(range(len(rows)), key=rank)


def _apply_hit_policy(table: DecisionTable, rows: list[dict[str, Any]]) -> Any:
    """The table's result from the outputs of its matched rules, by hit policy."""
    policy = table.hit_policy
    if policy in ("FIRST", "UNIQUE", "ANY"):
        distinct = [row for position, row in enumerate(rows) if row not in rows[:position]]
        if policy == "UNIQUE" and len(rows) > 1:
            raise _Failure(
                f"multiple values aren't allowed for UNIQUE hit policy. found: '{_rows(rows)}'"
            )
        if policy == "ANY" and len(distinct) > 1:
            raise _Failure(
                f"different values aren't allowed for ANY hit policy. found: '{_rows(distinct)}'"
            )
        return _rows_value(rows)
    if policy == "PRIORITY":
        return _rows_value([rows[_by_priority(table, rows)[0]]])
    if policy == "OUTPUT ORDER":
        return _list_value([rows[position] for position in _by_priority(table, rows)])
    if policy == "RULE ORDER" or table.aggregation is None:
        return _list_value(rows)
    if table.aggregation == "COUNT":
        return len(rows)
    if len(rows[0]) > 1:
        raise _Failure(f"multiple values aren't allowed. found: {_rows(rows)}")
    numbers = [_number(next(iter(row.values()))) for row in rows]
    if table.aggregation == "SUM":
        return sum(numbers[1:], numbers[0])
    return min(numbers) if table.aggregation == "MIN" else max(numbers)


class _Evaluator:
    """Evaluates the decisions of one request, collecting each one's record."""

    def __init__(self, variables: Mapping[str, Any], now: dt.datetime | None) -> None:
        self.variables: dict[str, Any] = dict(variables)
        self.now = now
        self.evaluated: list[EvaluatedDecision] = []

    def expression(self, expression: Expression) -> Any:
        try:
            return expression.evaluate(self.variables, now=self.now).value
        except FeelError as error:
            raise _Failure(str(error)) from None

    def decision(self, decision: Decision) -> Any:
        logic = decision.logic
        if isinstance(logic, DecisionTable):
            output, inputs, matched = self.table(logic)
        else:
            output, inputs, matched = self.expression(logic.expression), (), ()
        record = EvaluatedDecision(
            decision.id, decision.name, decision.type, to_json(output), inputs, matched
        )
        self.evaluated.append(record)
        self.variables[decision.result_name] = output
        return output

    def table(
        self, table: DecisionTable
    ) -> tuple[Any, tuple[EvaluatedInput, ...], tuple[MatchedRule, ...]]:
        values = [self.expression(column.expression) for column in table.inputs]
        inputs = tuple(
            EvaluatedInput(column.id, column.label, to_json(value))
            for column, value in zip(table.inputs, values, strict=True)
        )
        matched = [rule for rule in table.rules if self.matches(rule, values)]
        if table.hit_policy == "FIRST":
            matched = matched[:1]
        if not matched:
            defaults = {
                output.name: self.expression(output.default)
                for output in table.outputs
                if output.default is not None
            }
            result = None if not defaults else _rows_value([defaults])
            return result, inputs, ()
        rows = [self.outputs(table, rule) for rule in matched]
        result = _apply_hit_policy(table, rows)
        records = tuple(  # every matched rule, in rule order, as dmn-scala's audit log has them
            MatchedRule(
                rule.id,
                rule.index,
                tuple(
                    EvaluatedOutput(
                        output.id, output.name, to_json(row[output.name]), rule.id, rule.index
                    )
                    for output in table.outputs
                ),
            )
            for rule, row in zip(matched, rows, strict=True)
        )
        return result, inputs, records

    def matches(self, rule: Rule, values: list[Any]) -> bool:
        for tests, value in zip(rule.input_entries, values, strict=True):
            if tests is None:
                continue
            try:
                if not tests.matches(value, self.variables, now=self.now):
                    return False
            except FeelError as error:
                raise _Failure(str(error)) from None
        return True

    def outputs(self, table: DecisionTable, rule: Rule) -> dict[str, Any]:
        return {
            output.name: None if entry is None else self.expression(entry)
            for output, entry in zip(table.outputs, rule.output_entries, strict=True)
        }


def evaluate_decision(
    requirements: DecisionRequirements,
    decision_id: str,
    variables: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> DecisionResult:
    """Evaluate a decision of a parsed DMN file, its required decisions first.

    Args:
        requirements: the parsed DMN file (:func:`parse_dmn`).
        decision_id: the decision to evaluate.
        variables: the variables in scope (JSON values).
        now: the clock for ``now()``/``today()`` in FEEL.

    Raises:
        KeyError: no decision with that id in the file.
        DecisionEvaluationError: a decision failed (a UNIQUE table with several matches, an
            aggregation over non-numbers, a FEEL failure); the message is Camunda's.
    """
    if decision_id not in requirements.decisions:
        raise KeyError(f"no decision with id '{decision_id}' in '{requirements.id}'")
    evaluator = _Evaluator({} if variables is None else variables, now)
    output: Any = None
    for decision in requirements.order(decision_id):
        try:
            output = evaluator.decision(decision)
        except _Failure as failure:
            raise DecisionEvaluationError(
                f"Expected to evaluate decision '{decision_id}', but {failure}",
                decision_id=decision_id,
                failed_decision_id=decision.id,
                evaluated_decisions=tuple(evaluator.evaluated),
            ) from None
    target = requirements.decisions[decision_id]
    return DecisionResult(target.id, target.name, to_json(output), tuple(evaluator.evaluated))
