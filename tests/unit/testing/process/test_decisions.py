"""Business rule tasks backed by deployed DMN, decision instances, evaluateDecision."""

from __future__ import annotations

import json

import pytest

from .conftest import Harness, bpmn, flows

DISCOUNT_DMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="discounts"
             name="Discounts" namespace="http://example.com/tests">
  <decision id="discount" name="Discount">
    <decisionTable id="table" hitPolicy="UNIQUE">
      <input id="in1" label="Customer"><inputExpression id="e1" typeRef="string">
        <text>customer</text></inputExpression></input>
      <input id="in2" label="Order size"><inputExpression id="e2" typeRef="number">
        <text>orderSize</text></inputExpression></input>
      <output id="out1" name="rate" typeRef="number"/>
      <rule id="business-big"><inputEntry id="r1a"><text>"Business"</text></inputEntry>
        <inputEntry id="r1b"><text>&gt;= 10</text></inputEntry>
        <outputEntry id="r1c"><text>0.15</text></outputEntry></rule>
      <rule id="business-small"><inputEntry id="r2a"><text>"Business"</text></inputEntry>
        <inputEntry id="r2b"><text>&lt; 10</text></inputEntry>
        <outputEntry id="r2c"><text>0.1</text></outputEntry></rule>
      <rule id="private"><inputEntry id="r3a"><text>"Private"</text></inputEntry>
        <inputEntry id="r3b"><text>-</text></inputEntry>
        <outputEntry id="r3c"><text>0.05</text></outputEntry></rule>
      <rule id="overlap"><inputEntry id="r4a"><text>"Private"</text></inputEntry>
        <inputEntry id="r4b"><text>&gt; 100</text></inputEntry>
        <outputEntry id="r4c"><text>0.2</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""

RULES = bpmn(
    '<bpmn:startEvent id="start"/>'
    '<bpmn:businessRuleTask id="decide"><bpmn:extensionElements>'
    '<zeebe:calledDecision decisionId="discount" resultVariable="discount"/>'
    "</bpmn:extensionElements></bpmn:businessRuleTask>"
    '<bpmn:endEvent id="end"/>' + flows("start", "decide", "end")
)


def _deploy(harness: Harness) -> None:
    harness.client.deployments.create(
        resources=[("discounts.dmn", DISCOUNT_DMN), ("rules.bpmn", RULES)]
    )


def test_a_business_rule_task_evaluates_its_decision(harness: Harness) -> None:
    _deploy(harness)
    key = harness.start(customer="Business", orderSize=12)
    assert harness.state(key) == "COMPLETED"
    assert harness.variables(key)["discount"] == 0.15
    [instance] = harness.client.decision_instances.search(filter={"processInstanceKey": key}).items
    assert (instance.decision_definition_id, str(instance.state)) == ("discount", "EVALUATED")
    assert json.loads(instance.result) == 0.15
    details = harness.client.decision_instances.get(instance.decision_evaluation_instance_key)
    assert [r.rule_id for r in details.matched_rules] == ["business-big"]


def test_a_failing_decision_is_a_decision_evaluation_error(harness: Harness) -> None:
    _deploy(harness)
    key = harness.start(customer="Private", orderSize=500)  # two rules of a UNIQUE table
    [incident] = harness.incidents(key)
    assert (incident.error_type, incident.element_id) == ("DECISION_EVALUATION_ERROR", "decide")
    [failed] = harness.client.decision_instances.search(filter={"processInstanceKey": key}).items
    assert str(failed.state) == "FAILED"


@pytest.mark.camunda_fake_only  # a fresh cluster: a shared one may have the decision
def test_a_missing_decision_is_a_called_decision_error(harness: Harness) -> None:
    harness.deploy(RULES)
    key = harness.start()
    [incident] = harness.incidents(key)
    assert (incident.error_type, incident.element_id) == ("CALLED_DECISION_ERROR", "decide")


def test_decisions_evaluate_directly_and_redeploy_keeps_their_version(harness: Harness) -> None:
    first = harness.client.deployments.create(resources=[("d.dmn", DISCOUNT_DMN)])
    again = harness.client.deployments.create(resources=[("d.dmn", DISCOUNT_DMN)])
    keys = [
        next(d.decision_definition for d in deployment.deployments if d.decision_definition)
        for deployment in (first, again)
    ]
    assert keys[0].decision_definition_key == keys[1].decision_definition_key  # type: ignore[union-attr]
    evaluation = harness.client.decision_definitions.evaluate(
        decision_definition_id="discount", variables={"customer": "Private", "orderSize": 1}
    )
    assert json.loads(evaluation.output) == 0.05
    assert evaluation.decision_definition_version == 1
