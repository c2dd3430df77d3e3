"""Creating an instance with start instructions: it starts before the given elements."""

from __future__ import annotations

import pytest

from camunda import BadRequestError

from .conftest import Harness, bpmn, flows, service

NESTED = bpmn(
    '<bpmn:startEvent id="start"/>'
    + service("intake")
    + '<bpmn:subProcess id="sub"><bpmn:extensionElements><zeebe:ioMapping>'
    '<zeebe:input source="=1" target="mapped"/></zeebe:ioMapping></bpmn:extensionElements>'
    '<bpmn:startEvent id="s1"/>'
    + service("check")
    + '<bpmn:manualTask id="note"/>'
    + service("ship")
    + '<bpmn:endEvent id="e1"/>'
    + flows("s1", "check", "ship", "e1", prefix="s")
    + flows("note", "e1", prefix="n")
    + '</bpmn:subProcess><bpmn:endEvent id="end"/>'
    + flows("start", "intake", "sub", "end")
)


def _create(harness: Harness, *element_ids: str, **variables: object) -> str:
    return harness.client.process_instances.create(
        process_definition_id="p",
        variables=variables,
        start_instructions=[{"element_id": e} for e in element_ids],
    ).process_instance_key


def test_an_instance_starts_before_an_element_inside_a_subprocess(harness: Harness) -> None:
    harness.deploy(NESTED)
    key = _create(harness, "ship", order=7)
    elements = harness.elements(key)
    assert elements == {"p": ["ACTIVE"], "sub": ["ACTIVE"], "ship": ["ACTIVE"]}
    assert harness.complete("ship").variables == {"order": 7}  # the scope's inputs not applied
    assert harness.state(key) == "COMPLETED"
    assert "intake" not in harness.elements(key)


def test_several_instructions_share_their_flow_scope_and_none_ends_it_early(
    harness: Harness,
) -> None:
    harness.deploy(NESTED)
    key = _create(harness, "note", "check")
    elements = harness.elements(key)
    assert (elements["sub"], elements["note"], elements["check"]) == (
        ["ACTIVE"],
        ["COMPLETED"],
        ["ACTIVE"],
    )
    assert elements["e1"] == ["COMPLETED"]  # the manual task's path ended, the scope waits
    harness.complete("check")
    harness.complete("ship")
    assert harness.state(key) == "COMPLETED"


@pytest.mark.parametrize(
    ("element_id", "reason"),
    [
        ("nowhere", "no element found with id 'nowhere'"),
        ("start", "targets unsupported element type 'START_EVENT'"),
        ("inner", "is inside a multi-instance subprocess"),
        ("paid", "belongs to an event-based gateway"),
    ],
)
def test_start_instructions_zeebe_refuses_are_a_bad_request(
    harness: Harness, element_id: str, reason: str
) -> None:
    harness.deploy(
        bpmn(
            '<bpmn:startEvent id="start"/><bpmn:subProcess id="loop">'
            "<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>"
            '<zeebe:loopCharacteristics inputCollection="=[1, 2]"/>'
            "</bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>"
            '<bpmn:startEvent id="s1"/><bpmn:manualTask id="inner"/>'
            + flows("s1", "inner", prefix="s")
            + '</bpmn:subProcess><bpmn:eventBasedGateway id="wait"/>'
            '<bpmn:intermediateCatchEvent id="paid"><bpmn:timerEventDefinition><bpmn:timeDuration>'
            "PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"
            '<bpmn:endEvent id="end"/>' + flows("start", "loop", "wait", "paid", "end")
        )
    )
    with pytest.raises(BadRequestError, match=reason):
        _create(harness, element_id)
    assert (
        harness.client.process_instances.search(
            filter={"processDefinitionKey": harness.definition_key}
        ).items
        == []
    )


@pytest.mark.camunda_fake_only
def test_runtime_instructions_are_not_implemented_and_say_so(harness: Harness) -> None:
    harness.deploy(NESTED)
    with harness.cluster.http_client() as http:
        answer = http.post(
            "/v2/process-instances",
            json={
                "processDefinitionId": "p",
                "runtimeInstructions": [
                    {"type": "TERMINATE_PROCESS_INSTANCE", "afterElementId": "check"}
                ],
            },
        )
    assert answer.status_code == 501
    assert "runtimeInstructions" in answer.json()["detail"]


def test_a_multi_instance_subprocess_deploys_and_runs_once_per_item(harness: Harness) -> None:
    harness.deploy(
        bpmn(
            '<bpmn:startEvent id="start"/><bpmn:subProcess id="loop">'
            "<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>"
            '<zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="item"/>'
            "</bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>"
            '<bpmn:startEvent id="s1"/>'
            + service("inner")
            + '<bpmn:endEvent id="e1"/>'
            + flows("s1", "inner", "e1", prefix="s")
            + '</bpmn:subProcess><bpmn:endEvent id="end"/>'
            + flows("start", "loop", "end")
        )
    )
    key = harness.start()
    items = [harness.complete("inner").variables["item"] for _ in range(2)]
    assert sorted(items) == [1, 2]
    assert harness.state(key) == "COMPLETED"
    assert harness.elements(key)["loop"] == ["COMPLETED"] * 3  # the body and two instances
