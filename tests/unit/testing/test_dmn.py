"""The DMN evaluator on decision tables of every hit policy, required decisions and failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from camunda.testing import dmn

MODELS = Path(__file__).parent / "dmn"


def model(name: str) -> dmn.DecisionRequirements:
    return dmn.parse_dmn((MODELS / name).read_bytes())


@pytest.fixture(scope="module")
def dinner() -> dmn.DecisionRequirements:
    return model("dinner.dmn")


@pytest.fixture(scope="module")
def pricing() -> dmn.DecisionRequirements:
    return model("pricing.dmn")


# ---- dmn-scala's own expectations for its Apache-2.0 models (see dmn/README.md)


@pytest.mark.parametrize(
    ("age", "years", "expected"), [(58, 31, 30), (25, 2, 22), (16, 1, 27), (46, 19, 24)]
)
def test_collect_sum(age: int, years: int, expected: int) -> None:
    result = dmn.evaluate_decision(
        model("holidays_collect_sum.dmn"), "holidays", {"age": age, "yearsOfService": years}
    )
    assert result.output == expected


@pytest.mark.parametrize(("years", "expected"), [(1, 200), (4, 190), (16, 100)])
def test_collect_min(years: int, expected: int) -> None:
    result = dmn.evaluate_decision(model("insuranceFee.dmn"), "insuranceFee", {"years": years})
    assert result.output == expected


# ---- required decisions, UNIQUE, COLLECT


def test_required_decisions_are_evaluated_first_and_recorded(
    dinner: dmn.DecisionRequirements,
) -> None:
    result = dmn.evaluate_decision(
        dinner, "beverages", {"month": 10, "guestCount": 4, "guestsWithChildren": True}
    )
    assert result.decision_id == "beverages"
    assert result.output == ["Aecht Schlenkerla Rauchbier", "Apple Juice", "Water"]
    assert [d.decision_id for d in result.evaluated_decisions] == ["season", "dish", "beverages"]
    season, dish, beverages = result.evaluated_decisions
    assert season.decision_type == "LITERAL_EXPRESSION"
    assert season.output == "Fall"
    assert season.matched_rules == ()
    assert dish.decision_type == "DECISION_TABLE"
    assert dish.output == "Spareribs"
    assert [(i.input_id, i.input_name, i.input_value) for i in dish.evaluated_inputs] == [
        ("Input_dish_1", "Season", "Fall"),
        ("Input_dish_2", "How many guests", 4),
    ]
    assert [(r.rule_id, r.rule_index) for r in dish.matched_rules] == [("Rule_dish_1", 1)]
    output = dish.matched_rules[0].evaluated_outputs[0]
    assert (output.output_id, output.output_name, output.output_value) == (
        "Output_dish_1",
        "dish",
        "Spareribs",
    )
    assert (output.rule_id, output.rule_index) == ("Rule_dish_1", 1)
    assert [r.rule_index for r in beverages.matched_rules] == [1, 5, 6]


def test_unique_with_a_list_of_values_and_a_range(dinner: dmn.DecisionRequirements) -> None:
    stew = dmn.evaluate_decision(dinner, "dish", {"month": 1, "guestCount": 12})
    assert stew.output == "Stew"
    steak = dmn.evaluate_decision(dinner, "dish", {"month": 4, "guestCount": 6})
    assert steak.output == "Steak"


def test_no_matching_rule_gives_null(dinner: dmn.DecisionRequirements) -> None:
    result = dmn.evaluate_decision(dinner, "dish", {"month": 4})  # guestCount missing: null
    assert result.output is None
    assert result.evaluated_decisions[-1].matched_rules == ()
    assert result.evaluated_decisions[-1].evaluated_inputs[1].input_value is None


def test_unique_violation_is_a_decision_evaluation_error() -> None:
    broken = dmn.parse_dmn(
        (MODELS / "dinner.dmn").read_text().replace("&lt;= 4", "&lt;= 6")
    )  # Spring and 5..6 guests now match two rules
    with pytest.raises(dmn.DecisionEvaluationError) as caught:
        dmn.evaluate_decision(broken, "beverages", {"month": 4, "guestCount": 5})
    error = caught.value
    assert error.incident_type == "DECISION_EVALUATION_ERROR"
    assert error.decision_id == "beverages"
    assert error.failed_decision_id == "dish"
    assert [d.decision_id for d in error.evaluated_decisions] == ["season"]
    assert str(error) == (
        "Expected to evaluate decision 'beverages', but multiple values aren't allowed for "
        "UNIQUE hit policy. found: 'List(Map(dish -> ValString(Dry Aged Gourmet Steak)), "
        "Map(dish -> ValString(Steak)))'"
    )


# ---- FIRST with two outputs, PRIORITY, RULE ORDER, ANY, default output, COUNT


@pytest.mark.parametrize(
    ("tier", "total", "rate", "reason", "rule"),
    [
        ("Gold", 1500, 0.2, "gold, large order", 1),
        ("Gold", 500, 0.15, "gold", 2),
        ("Silver", 50, 0.05, "silver, small order", 6),
        ("Bronze", 499.99, 0.02, "bronze", 8),
        ("Platinum", 6000, 0.03, "new customer, very large order", 9),
        ("Platinum", 10, 0, "no discount", 10),
        (None, None, 0, "no discount", 10),
    ],
)
def test_first_returns_the_first_matching_rule_as_a_context(
    pricing: dmn.DecisionRequirements,
    tier: str | None,
    total: float | None,
    rate: float,
    reason: str,
    rule: int,
) -> None:
    result = dmn.evaluate_decision(
        pricing, "discount", {"customer": {"tier": tier}, "order": {"total": total}}
    )
    assert result.output == {"rate": rate, "reason": reason}
    matched = result.evaluated_decisions[-1].matched_rules
    assert [r.rule_index for r in matched] == [rule]
    assert [o.output_name for o in matched[0].evaluated_outputs] == ["rate", "reason"]


@pytest.mark.parametrize(
    ("age", "score", "level"),
    [
        (22, 750, "MEDIUM"),
        (40, 400, "HIGH"),
        (22, 400, "HIGH"),
        (40, 750, "LOW"),
        (40, 600, "MEDIUM"),
    ],
)
def test_priority_picks_the_output_listed_first(
    pricing: dmn.DecisionRequirements,
    age: int,
    score: int,
    level: str,
) -> None:
    result = dmn.evaluate_decision(pricing, "risk", {"applicant": {"age": age, "score": score}})
    assert result.output == level
    matched = result.evaluated_decisions[-1].matched_rules  # all matches, as dmn-scala records
    assert level in [rule.evaluated_outputs[0].output_value for rule in matched]
    assert [rule.rule_index for rule in matched] == sorted(rule.rule_index for rule in matched)


def test_priority_records_every_matched_rule(pricing: dmn.DecisionRequirements) -> None:
    result = dmn.evaluate_decision(pricing, "risk", {"applicant": {"age": 22, "score": 400}})
    assert result.output == "HIGH"
    matched = result.evaluated_decisions[-1].matched_rules
    assert [(rule.rule_id, rule.evaluated_outputs[0].output_value) for rule in matched] == [
        ("Rule_risk_1", "MEDIUM"),
        ("Rule_risk_2", "HIGH"),
    ]


def test_rule_order_lists_every_match_in_order(pricing: dmn.DecisionRequirements) -> None:
    result = dmn.evaluate_decision(pricing, "labels", {"order": {"total": 2000, "express": True}})
    assert result.output == ["high-value", "express", "standard:2000"]
    plain = dmn.evaluate_decision(pricing, "labels", {"order": {"total": 20.5, "express": False}})
    assert plain.output == ["standard:20.5"]


def test_any_accepts_equal_outputs_and_rejects_different_ones(
    pricing: dmn.DecisionRequirements,
) -> None:
    same = dmn.evaluate_decision(pricing, "shipping", {"order": {"country": "DE", "total": 5000}})
    assert same.output == "DHL"
    assert len(same.evaluated_decisions[-1].matched_rules) == 2
    expected = (
        "different values aren't allowed for ANY hit policy. found: "
        "'List(Map(carrier -> ValString(DHL)), Map(carrier -> ValString(FedEx)))'"
    )
    with pytest.raises(dmn.DecisionEvaluationError, match=re.escape(expected)):
        dmn.evaluate_decision(pricing, "shipping", {"order": {"country": "US", "total": 5000}})


def test_default_output_entry_when_no_rule_matches(pricing: dmn.DecisionRequirements) -> None:
    assert dmn.evaluate_decision(pricing, "loyalty", {"order": {"date": "2023-06-01"}}).output == 10
    assert dmn.evaluate_decision(pricing, "loyalty", {"order": {"date": "2024-06-01"}}).output == 20
    assert dmn.evaluate_decision(pricing, "loyalty", {"order": {"date": "2025-06-01"}}).output == 0


def test_collect_count(pricing: dmn.DecisionRequirements) -> None:
    assert dmn.evaluate_decision(pricing, "itemCount", {"price": 25}).output == 2
    assert dmn.evaluate_decision(pricing, "itemCount", {"price": 5}).output is None


def test_literal_expression_reads_required_results(pricing: dmn.DecisionRequirements) -> None:
    result = dmn.evaluate_decision(
        pricing,
        "summary",
        {
            "customer": {"tier": "Gold"},
            "order": {"total": 2000, "express": False},
            "applicant": {"age": 30, "score": 800},
        },
    )
    assert result.output == {"rate": 0.2, "level": "LOW", "labels": ["high-value", "standard:2000"]}
    assert [d.decision_id for d in result.evaluated_decisions] == [
        "discount",
        "risk",
        "labels",
        "summary",
    ]


def test_collect_sum_over_text_is_an_error() -> None:
    text = (
        (MODELS / "holidays_collect_sum.dmn")
        .read_text()
        .replace("<text>22</text>", '<text>"many"</text>')
    )
    with pytest.raises(
        dmn.DecisionEvaluationError, match=re.escape("expected number but found 'ValString(many)'")
    ):
        dmn.evaluate_decision(dmn.parse_dmn(text), "holidays", {"age": 30, "yearsOfService": 1})


# ---- deployment checks


def test_unknown_decision_id_is_a_key_error(dinner: dmn.DecisionRequirements) -> None:
    with pytest.raises(KeyError, match="no decision with id 'nope'"):
        dmn.evaluate_decision(dinner, "nope")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("&lt;= 8", "&lt;= &lt;"),
            "decision 'dish' rule 'Rule_dish_1': failed to parse expression",
        ),
        (('href="#season"', 'href="#winter"'), "requires the unknown decision 'winter'"),
        (('hitPolicy="COLLECT"', 'hitPolicy="SOMETIMES"'), "unknown hit policy 'SOMETIMES'"),
        (("<definitions", "<notDmn"), "not well-formed XML"),
    ],
)
def test_broken_models_are_refused_naming_the_element(
    change: tuple[str, str],
    message: str,
) -> None:
    text = (MODELS / "dinner.dmn").read_text()
    assert change[0] in text
    with pytest.raises(dmn.DmnParseError, match=message):
        dmn.parse_dmn(text.replace(*change))


def test_cycles_in_required_decisions_are_refused() -> None:
    text = (
        (MODELS / "dinner.dmn")
        .read_text()
        .replace(
            '<decision id="season" name="Season">',
            '<decision id="season" name="Season">\n    <informationRequirement id="loop">\n'
            '      <requiredDecision href="#beverages" />\n    </informationRequirement>',
        )
    )
    with pytest.raises(dmn.DmnParseError, match="cycle: season -> beverages -> dish -> season"):
        dmn.parse_dmn(text)


def test_a_file_that_is_not_dmn_is_refused() -> None:
    with pytest.raises(dmn.DmnParseError, match="not DMN"):
        dmn.parse_dmn(b"<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'/>")
