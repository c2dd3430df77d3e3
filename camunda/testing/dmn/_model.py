"""Read a DMN file (Camunda Modeler output, DMN 1.1 to 1.5) into decisions ready to evaluate.

Every FEEL text in the file is parsed here, once, so a model that does not parse is refused
at deployment (as Camunda refuses it) and evaluation never parses again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from xml.etree import ElementTree

from camunda.testing.feel import (
    Expression,
    FeelError,
    UnaryTests,
    parse_expression,
    parse_unary_tests,
)

__all__ = [
    "Aggregation",
    "Decision",
    "DecisionRequirements",
    "DecisionTable",
    "DmnParseError",
    "HitPolicy",
    "Input",
    "LiteralExpression",
    "Output",
    "Rule",
    "parse_dmn",
]

HitPolicy = Literal["UNIQUE", "FIRST", "ANY", "PRIORITY", "COLLECT", "RULE ORDER", "OUTPUT ORDER"]
Aggregation = Literal["SUM", "MIN", "MAX", "COUNT"]

_HIT_POLICIES: dict[str, HitPolicy] = {
    policy: policy
    for policy in ("UNIQUE", "FIRST", "ANY", "PRIORITY", "COLLECT", "RULE ORDER", "OUTPUT ORDER")
}
_AGGREGATIONS: dict[str, Aggregation] = {
    aggregation: aggregation for aggregation in ("SUM", "MIN", "MAX", "COUNT")
}


class DmnParseError(ValueError):
    """The DMN file cannot be deployed: not DMN, a broken reference, or FEEL that does not parse.

    The message names the decision and element, as Camunda's deployment rejection does.
    """


@dataclass(frozen=True, slots=True)
class Input:
    """A decision table input column: its expression, evaluated once per evaluation."""

    id: str
    label: str
    expression: Expression


@dataclass(frozen=True, slots=True)
class Output:
    """A decision table output column.

    Attributes:
        name: the key of this output in the result (a context when there are several).
        priorities: the output values listed in the table (``"high","low"``), in priority
            order, for the PRIORITY and OUTPUT ORDER hit policies.
        default: the value when no rule matches (``defaultOutputEntry``), if any.
    """

    id: str
    name: str
    label: str
    priorities: tuple[str, ...]
    default: Expression | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: one unary test per input, one expression per output (``None`` when empty)."""

    id: str
    index: int
    input_entries: tuple[UnaryTests | None, ...]
    output_entries: tuple[Expression | None, ...]


@dataclass(frozen=True, slots=True)
class DecisionTable:
    """The logic of a decision table decision."""

    hit_policy: HitPolicy
    aggregation: Aggregation | None
    inputs: tuple[Input, ...]
    outputs: tuple[Output, ...]
    rules: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class LiteralExpression:
    """The logic of a literal expression decision."""

    expression: Expression


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision: its logic and the decisions whose results it reads.

    Attributes:
        result_name: the variable under which other decisions read this one's result (the
            decision's ``variable`` name, else its id).
        required: ids of the required decisions, evaluated first.
    """

    id: str
    name: str
    result_name: str
    required: tuple[str, ...]
    logic: DecisionTable | LiteralExpression

    @property
    def type(self) -> Literal["DECISION_TABLE", "LITERAL_EXPRESSION"]:
        """``DECISION_TABLE`` or ``LITERAL_EXPRESSION``, as Camunda's records name it."""
        return "DECISION_TABLE" if isinstance(self.logic, DecisionTable) else "LITERAL_EXPRESSION"


@dataclass(frozen=True, slots=True)
class DecisionRequirements:
    """One DMN file: its decision requirements graph and the decisions in it, by id."""

    id: str
    name: str
    namespace: str
    decisions: dict[str, Decision]

    def order(self, decision_id: str) -> list[Decision]:
        """The decisions to evaluate for ``decision_id``: required ones first, it last."""
        ordered: list[Decision] = []
        seen: set[str] = set()

        def visit(current: str) -> None:
            if current in seen:
                return
            seen.add(current)
            decision = self.decisions[current]
            for required in decision.required:
                visit(required)
            ordered.append(decision)

        visit(decision_id)
        return ordered


# ---- XML -------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: ElementTree.Element | None) -> str:
    """The FEEL text of an element's ``<text>`` child (empty when absent)."""
    if element is None:
        return ""
    text = _child(element, "text")
    return (text.text or "").strip() if text is not None else ""


def _expression(text: str, where: str) -> Expression:
    try:
        return parse_expression(text)
    except FeelError as error:
        raise DmnParseError(f"{where}: {error}") from None


def _tests(text: str, where: str) -> UnaryTests | None:
    if text in ("", "-"):
        return None
    try:
        return parse_unary_tests(text)
    except FeelError as error:
        raise DmnParseError(f"{where}: {error}") from None


def _priorities(output: ElementTree.Element) -> tuple[str, ...]:
    text = _text(_child(output, "outputValues"))
    return tuple(part.strip().strip("\"'") for part in text.split(",") if part.strip())


def _decision_table(table: ElementTree.Element, where: str) -> DecisionTable:
    policy_text = table.get("hitPolicy", "UNIQUE").strip()
    policy = _HIT_POLICIES.get(policy_text)
    if policy is None:
        raise DmnParseError(f"{where}: unknown hit policy '{policy_text}'")
    aggregation_text = table.get("aggregation")
    aggregation = None if aggregation_text is None else _AGGREGATIONS.get(aggregation_text)
    if aggregation_text is not None and aggregation is None:
        raise DmnParseError(f"{where}: unknown aggregation '{aggregation_text}'")
    inputs: list[Input] = []
    for number, element in enumerate(_children(table, "input"), 1):
        input_id = element.get("id", f"input{number}")
        text = _text(_child(element, "inputExpression"))
        if not text:
            raise DmnParseError(f"{where}: input '{input_id}' has no input expression")
        label = element.get("label") or text
        inputs.append(Input(input_id, label, _expression(text, f"{where} input '{input_id}'")))
    outputs: list[Output] = []
    for number, element in enumerate(_children(table, "output"), 1):
        output_id = element.get("id", f"output{number}")
        name = element.get("name") or element.get("label") or output_id
        default_text = _text(_child(element, "defaultOutputEntry"))
        default = (
            _expression(default_text, f"{where} output '{output_id}'") if default_text else None
        )
        outputs.append(
            Output(output_id, name, element.get("label") or name, _priorities(element), default)
        )
    if not outputs:
        raise DmnParseError(f"{where}: a decision table needs at least one output")
    if aggregation is not None and len(outputs) > 1:
        raise DmnParseError(f"{where}: an aggregation needs a single output")
    rules: list[Rule] = []
    for index, element in enumerate(_children(table, "rule"), 1):
        rule_id = element.get("id", f"rule{index}")
        entries = _children(element, "inputEntry")
        results = _children(element, "outputEntry")
        if len(entries) != len(inputs) or len(results) != len(outputs):
            raise DmnParseError(
                f"{where} rule '{rule_id}': expected {len(inputs)} input and "
                f"{len(outputs)} output entries"
            )
        rule_where = f"{where} rule '{rule_id}'"
        tests = tuple(_tests(_text(entry), rule_where) for entry in entries)
        values = tuple(
            _expression(text, rule_where) if (text := _text(entry)) else None for entry in results
        )
        rules.append(Rule(rule_id, index, tests, values))
    return DecisionTable(policy, aggregation, tuple(inputs), tuple(outputs), tuple(rules))


def _decision(element: ElementTree.Element) -> Decision:
    decision_id = element.get("id")
    if not decision_id:
        raise DmnParseError("a decision has no id")
    where = f"decision '{decision_id}'"
    variable = _child(element, "variable")
    result_name = (variable.get("name") if variable is not None else None) or decision_id
    required: list[str] = []
    for requirement in _children(element, "informationRequirement"):
        reference = _child(requirement, "requiredDecision")
        if reference is not None:
            required.append(reference.get("href", "").lstrip("#"))
    table = _child(element, "decisionTable")
    literal = _child(element, "literalExpression")
    logic: DecisionTable | LiteralExpression
    if table is not None:
        logic = _decision_table(table, where)
    elif literal is not None:
        text = _text(literal)
        if not text:
            raise DmnParseError(f"{where}: the literal expression is empty")
        logic = LiteralExpression(_expression(text, where))
    else:
        raise DmnParseError(f"{where}: only decision tables and literal expressions are supported")
    return Decision(
        decision_id, element.get("name") or decision_id, result_name, tuple(required), logic
    )


def _check_graph(decisions: dict[str, Decision]) -> None:
    for decision in decisions.values():
        for required in decision.required:
            if required not in decisions:
                raise DmnParseError(
                    f"decision '{decision.id}' requires the unknown decision '{required}'"
                )
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(decision_id: str, path: list[str]) -> None:
        if state.get(decision_id) == 2:
            return
        if state.get(decision_id) == 1:
            cycle = " -> ".join([*path[path.index(decision_id) :], decision_id])
            raise DmnParseError(f"the required decisions form a cycle: {cycle}")
        state[decision_id] = 1
        for required in decisions[decision_id].required:
            visit(required, [*path, decision_id])
        state[decision_id] = 2

    for decision_id in decisions:
        visit(decision_id, [])


def parse_dmn(xml: str | bytes) -> DecisionRequirements:
    """Parse a DMN file into its decisions, with every FEEL text parsed.

    Raises:
        DmnParseError: the file is not DMN, a reference or hit policy is wrong, or a FEEL text
            does not parse.
    """
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise DmnParseError(f"the DMN file is not well-formed XML: {error}") from None
    if _local(root.tag) != "definitions" or "DMN" not in root.tag.upper():
        raise DmnParseError("the file is not DMN: expected a DMN <definitions> root element")
    decisions: dict[str, Decision] = {}
    for element in _children(root, "decision"):
        decision = _decision(element)
        if decision.id in decisions:
            raise DmnParseError(f"the decision id '{decision.id}' is used twice")
        decisions[decision.id] = decision
    if not decisions:
        raise DmnParseError("the DMN file has no decision")
    _check_graph(decisions)
    definitions_id = root.get("id") or next(iter(decisions))
    return DecisionRequirements(
        definitions_id, root.get("name") or definitions_id, root.get("namespace", ""), decisions
    )
