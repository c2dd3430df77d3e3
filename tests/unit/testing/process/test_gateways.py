"""Exclusive, parallel and event-based gateways."""

from __future__ import annotations

import pytest

from .conftest import Harness, bpmn, flows, service

APPROVAL = bpmn(
    '<bpmn:startEvent id="start"/>'
    '<bpmn:exclusiveGateway id="amount" default="small"/>'
    + service("review")
    + service("auto")
    + '<bpmn:exclusiveGateway id="merge"/><bpmn:endEvent id="end"/>'
    '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="amount"/>'
    '<bpmn:sequenceFlow id="big" sourceRef="amount" targetRef="review">'
    "<bpmn:conditionExpression>=amount &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>"
    '<bpmn:sequenceFlow id="small" sourceRef="amount" targetRef="auto"/>'
    + flows("review", "merge", prefix="r")
    + flows("auto", "merge", prefix="a")
    + flows("merge", "end", prefix="m")
)

NO_DEFAULT = bpmn(
    '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="route"/>'
    '<bpmn:endEvent id="gold"/><bpmn:endEvent id="silver"/>'
    '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="route"/>'
    '<bpmn:sequenceFlow id="g" sourceRef="route" targetRef="gold">'
    '<bpmn:conditionExpression>=tier = "gold"</bpmn:conditionExpression></bpmn:sequenceFlow>'
    '<bpmn:sequenceFlow id="s" sourceRef="route" targetRef="silver">'
    '<bpmn:conditionExpression>=tier = "silver"</bpmn:conditionExpression></bpmn:sequenceFlow>'
)

PARALLEL = bpmn(
    '<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>'
    + service("pack")
    + service("invoice")
    + '<bpmn:parallelGateway id="join"/><bpmn:endEvent id="end"/>'
    + flows("start", "fork")
    + flows("fork", "pack", "join", prefix="p")
    + flows("fork", "invoice", "join", prefix="i")
    + flows("join", "end", prefix="j")
)

EVENT_BASED = bpmn(
    '<bpmn:startEvent id="start"/><bpmn:eventBasedGateway id="wait"/>'
    '<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m"/>'
    "</bpmn:intermediateCatchEvent>"
    '<bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition>'
    "<bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>"
    "</bpmn:intermediateCatchEvent>"
    '<bpmn:endEvent id="done"/><bpmn:endEvent id="expired"/>'
    + flows("start", "wait")
    + flows("wait", "paid", "done", prefix="p")
    + flows("wait", "timeout", "expired", prefix="t"),
    definitions='<bpmn:message id="m" name="payment-received"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements>'
    "</bpmn:message>",
)


def test_an_exclusive_gateway_takes_the_flow_whose_condition_holds(harness: Harness) -> None:
    harness.deploy(APPROVAL)
    key = harness.start(amount=500)
    harness.no_job("auto")
    harness.complete("review")
    assert harness.state(key) == "COMPLETED"
    assert "auto" not in harness.elements(key)


def test_an_exclusive_gateway_takes_the_default_flow_when_nothing_holds(harness: Harness) -> None:
    harness.deploy(APPROVAL)
    key = harness.start(amount=5)
    harness.complete("auto")
    elements = harness.elements(key)
    assert elements["amount"] == ["COMPLETED"]
    assert "review" not in elements
    assert harness.state(key) == "COMPLETED"


def test_no_matching_condition_is_a_condition_error_until_resolved(harness: Harness) -> None:
    harness.deploy(NO_DEFAULT)
    key = harness.start(tier="bronze")
    [incident] = harness.incidents(key)
    assert (incident.error_type, incident.element_id) == ("CONDITION_ERROR", "route")
    assert harness.state(key) == "ACTIVE"
    harness.client.element_instances.set_variables(key, variables={"tier": "gold"})
    harness.client.incidents.resolve(incident.incident_key)
    assert harness.state(key) == "COMPLETED"
    assert harness.elements(key)["gold"] == ["COMPLETED"]
    assert harness.incidents(key) == []


def test_a_parallel_gateway_forks_and_joins(harness: Harness) -> None:
    harness.deploy(PARALLEL)
    key = harness.start()
    harness.complete("pack")
    assert harness.state(key) == "ACTIVE"  # the join waits for the invoice
    assert "join" not in harness.elements(key)
    harness.complete("invoice")
    assert harness.elements(key)["join"] == ["COMPLETED"]
    assert harness.state(key) == "COMPLETED"


@pytest.mark.camunda_controlled_clock
def test_an_event_based_gateway_follows_the_first_event(harness: Harness) -> None:
    harness.deploy(EVENT_BASED)
    key = harness.start(orderId="o-7")
    harness.client.messages.publish(
        name="payment-received", correlation_key="o-7", variables={"paidAmount": 12}
    )
    assert harness.state(key) == "COMPLETED"
    elements = harness.elements(key)
    assert elements["paid"] == elements["done"] == ["COMPLETED"]
    assert "timeout" not in elements
    assert harness.variables(key)["paidAmount"] == 12
    harness.advance(2 * 3_600_000)  # the timer was closed with the gateway
    assert "timeout" not in harness.elements(key)


@pytest.mark.camunda_controlled_clock
def test_an_event_based_gateway_times_out_on_the_cluster_clock(harness: Harness) -> None:
    harness.deploy(EVENT_BASED)
    key = harness.start(orderId="o-8")
    harness.advance(59 * 60_000)
    assert harness.state(key) == "ACTIVE"
    harness.advance(60_000)
    assert harness.state(key) == "COMPLETED"
    assert harness.elements(key)["expired"] == ["COMPLETED"]
    harness.client.messages.publish(name="payment-received", correlation_key="o-8")
    assert "paid" not in harness.elements(key)
