"""Tasks: service (job type, retries, headers, io mappings), script,
manual, undefined, receive and user tasks."""

from __future__ import annotations

import pytest

from camunda import BadRequestError

from .conftest import Harness, bpmn, flows, service

MAPPED = bpmn(
    '<bpmn:startEvent id="start"/>'
    + service(
        "charge",
        inner="<zeebe:ioMapping>"
        '<zeebe:input source="=order.total" target="amount"/>'
        '<zeebe:input source="=&quot;EUR&quot;" target="currency"/>'
        '<zeebe:output source="=receipt" target="payment.receipt"/>'
        '<zeebe:output source="=amount" target="payment.amount"/>'
        "</zeebe:ioMapping>",
    )
    + '<bpmn:endEvent id="end"/>'
    + flows("start", "charge", "end")
)

DYNAMIC = bpmn(
    '<bpmn:startEvent id="start"/>'
    '<bpmn:serviceTask id="ship"><bpmn:extensionElements>'
    '<zeebe:taskDefinition type="=&quot;ship-&quot; + region" retries="=attempts + 1"/>'
    '<zeebe:taskHeaders><zeebe:header key="carrier" value="DHL"/>'
    '<zeebe:header key="speed" value="express"/></zeebe:taskHeaders>'
    "</bpmn:extensionElements></bpmn:serviceTask>"
    '<bpmn:endEvent id="end"/>' + flows("start", "ship", "end")
)

SCRIPTED = bpmn(
    '<bpmn:startEvent id="start"/>'
    '<bpmn:scriptTask id="total"><bpmn:extensionElements>'
    '<zeebe:script expression="=price * quantity + shipping" resultVariable="total"/>'
    "</bpmn:extensionElements></bpmn:scriptTask>"
    '<bpmn:manualTask id="sign"/><bpmn:task id="note"/>'
    '<bpmn:endEvent id="end"/>' + flows("start", "total", "sign", "note", "end")
)

RECEIVE = bpmn(
    '<bpmn:startEvent id="start"/>'
    '<bpmn:receiveTask id="confirm" messageRef="m"/>'
    '<bpmn:endEvent id="end"/>' + flows("start", "confirm", "end"),
    definitions='<bpmn:message id="m" name="confirmed"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=ref"/></bpmn:extensionElements>'
    "</bpmn:message>",
)

USER = bpmn(
    '<bpmn:startEvent id="start"/>'
    '<bpmn:userTask id="approve" name="Approve"><bpmn:extensionElements><zeebe:userTask/>'
    '<zeebe:assignmentDefinition assignee="=manager"/></bpmn:extensionElements>'
    '</bpmn:userTask><bpmn:endEvent id="end"/>' + flows("start", "approve", "end")
)


def test_input_mappings_are_local_and_outputs_build_nested_variables(harness: Harness) -> None:
    harness.deploy(MAPPED)
    key = harness.start(order={"total": 40})
    job = harness.complete("charge", receipt="R-1")
    assert job.variables["amount"] == 40
    assert job.variables["currency"] == "EUR"
    variables = harness.variables(key)
    assert variables["payment"] == {"receipt": "R-1", "amount": 40}
    assert "amount" not in variables  # input mappings stay in the task's scope
    assert "receipt" not in variables  # with outputs, only the mapped results propagate


def test_job_type_and_retries_may_be_expressions_and_headers_reach_the_job(
    harness: Harness,
) -> None:
    harness.deploy(DYNAMIC)
    harness.start(region="eu", attempts=4)
    job = harness.job("ship-eu")
    assert job.retries == 5
    assert job.custom_headers == {"carrier": "DHL", "speed": "express"}


def test_a_job_type_expression_that_fails_is_an_extract_value_incident(harness: Harness) -> None:
    harness.deploy(DYNAMIC)
    key = harness.start(region="eu", attempts="many")
    [incident] = harness.incidents(key)
    assert (incident.error_type, incident.element_id) == ("EXTRACT_VALUE_ERROR", "ship")


def test_script_manual_and_undefined_tasks_run_without_workers(harness: Harness) -> None:
    harness.deploy(SCRIPTED)
    key = harness.start(price=3, quantity=4, shipping=5)
    assert harness.state(key) == "COMPLETED"
    assert harness.variables(key)["total"] == 17
    elements = harness.elements(key)
    assert elements["sign"] == elements["note"] == ["COMPLETED"]
    types = {
        item.element_id: str(item.type)
        for item in harness.client.element_instances.search(
            filter={"processInstanceKey": key}
        ).items
    }
    assert (types["total"], types["sign"], types["note"]) == ("SCRIPT_TASK", "MANUAL_TASK", "TASK")


def test_a_receive_task_waits_for_its_message(harness: Harness) -> None:
    harness.deploy(RECEIVE)
    first, second = harness.start(ref="a"), harness.start(ref="b")
    harness.client.messages.publish(name="confirmed", correlation_key="b", variables={"ok": True})
    assert (harness.state(first), harness.state(second)) == ("ACTIVE", "COMPLETED")
    assert harness.variables(second)["ok"] is True


def test_a_user_task_is_assigned_by_expression_and_completed_with_variables(
    harness: Harness,
) -> None:
    harness.deploy(USER)
    key = harness.start(manager="maria")
    [task] = harness.client.user_tasks.search(filter={"processInstanceKey": key}).items
    assert (task.assignee, task.element_id, str(task.state)) == ("maria", "approve", "CREATED")
    harness.client.user_tasks.complete(task.user_task_key, variables={"approved": True})
    assert harness.state(key) == "COMPLETED"
    assert harness.variables(key)["approved"] is True


@pytest.mark.parametrize(
    ("element", "name"),
    [
        ('<bpmn:inclusiveGateway id="x"/>', "inclusiveGateway"),
        ('<bpmn:complexGateway id="x"/>', "complexGateway"),
        ('<bpmn:adHocSubProcess id="x"/>', "adHocSubProcess"),
        (
            '<bpmn:intermediateCatchEvent id="x"><bpmn:conditionalEventDefinition/>'
            "</bpmn:intermediateCatchEvent>",
            "conditional",
        ),
        ('<bpmn:serviceTask id="x"/>', "zeebe:taskDefinition"),
    ],
)
def test_unsupported_elements_are_refused_at_deploy_naming_them(
    harness: Harness, element: str, name: str
) -> None:
    model = bpmn('<bpmn:startEvent id="start"/>' + element + flows("start", "x"))
    with pytest.raises(BadRequestError) as caught:
        harness.deploy(model)
    assert name in str(caught.value)
    assert "'x'" in str(caught.value)


def test_feel_that_does_not_parse_is_refused_at_deploy(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:scriptTask id="calc">'
        '<bpmn:extensionElements><zeebe:script expression="=1 +* 2" '
        'resultVariable="x"/></bpmn:extensionElements></bpmn:scriptTask>' + flows("start", "calc")
    )
    with pytest.raises(BadRequestError) as caught:
        harness.deploy(model)
    assert "'calc'" in str(caught.value)


def test_user_tasks_are_found_by_process_and_local_variables(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:userTask id="approve"><bpmn:extensionElements>'
        '<zeebe:userTask/><zeebe:ioMapping><zeebe:input source="=amount * 2" target="limit"/>'
        "</zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>"
        '<bpmn:endEvent id="end"/>' + flows("start", "approve", "end")
    )
    harness.deploy(model)
    first, _ = harness.start(region="eu", amount=5), harness.start(region="us", amount=7)
    by_instance = harness.client.user_tasks.search(
        filter={"processInstanceVariables": [{"name": "region", "value": '"eu"'}]}
    )
    assert [t.process_instance_key for t in by_instance.items] == [first]
    by_local = harness.client.user_tasks.search(
        filter={"localVariables": [{"name": "limit", "value": "14"}]}
    )
    assert [t.process_instance_key for t in by_local.items] != [first]
    assert len(by_local.items) == 1
