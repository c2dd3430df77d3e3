"""Embedded and event subprocesses, call activities, multi-instance, cancellation."""

from __future__ import annotations

import pytest

from .conftest import Harness, bpmn, flows, service


def test_an_embedded_subprocess_shares_the_process_variables(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:startEvent id="s1"/>'
        + service("inside")
        + '<bpmn:endEvent id="e1"/>'
        + flows("s1", "inside", "e1", prefix="s")
        + "</bpmn:subProcess>"
        + service("after")
        + '<bpmn:endEvent id="end"/>'
        + flows("start", "sub", "after", "end")
    )
    harness.deploy(model)
    key = harness.start(n=1)
    inside_job = harness.job("inside")
    assert inside_job.variables == {"n": 1}
    harness.client.jobs.complete(inside_job.job_key, variables={"made": "inside"})
    assert harness.job("after").variables == {"n": 1, "made": "inside"}
    [sub] = harness.client.element_instances.search(
        filter={"processInstanceKey": key, "elementId": "sub"}
    ).items
    assert (str(sub.type), str(sub.state)) == ("SUB_PROCESS", "COMPLETED")
    [inside] = harness.client.element_instances.search(
        filter={"processInstanceKey": key, "elementId": "inside"}
    ).items
    assert inside.element_instance_key != sub.element_instance_key
    scoped = harness.client.element_instances.search(
        filter={"elementInstanceScopeKey": sub.element_instance_key}
    )
    assert {i.element_id for i in scoped.items} == {"s1", "inside", "e1"}


def _with_event_subprocess(start: str, *, definitions: str = "") -> bytes:
    return bpmn(
        '<bpmn:startEvent id="start"/>'
        + service("main")
        + '<bpmn:endEvent id="end"/>'
        + flows("start", "main", "end")
        + '<bpmn:subProcess id="handler" triggeredByEvent="true">'
        + start
        + service("react")
        + '<bpmn:endEvent id="he"/>'
        + flows("hs", "react", "he", prefix="h")
        + "</bpmn:subProcess>",
        definitions=definitions,
    )


def test_an_interrupting_message_event_subprocess_replaces_the_main_path(harness: Harness) -> None:
    model = _with_event_subprocess(
        '<bpmn:startEvent id="hs"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>',
        definitions='<bpmn:message id="m" name="cancel"><bpmn:extensionElements>'
        '<zeebe:subscription correlationKey="=id"/></bpmn:extensionElements>'
        "</bpmn:message>",
    )
    harness.deploy(model)
    key = harness.start(id="c-1")
    harness.client.messages.publish(
        name="cancel", correlation_key="c-1", variables={"reason": "customer"}
    )
    assert harness.elements(key)["main"] == ["TERMINATED"]
    assert harness.complete("react").variables["reason"] == "customer"
    assert harness.state(key) == "COMPLETED"
    assert "end" not in harness.elements(key)


@pytest.mark.camunda_controlled_clock
def test_a_non_interrupting_timer_event_subprocess_runs_beside_the_main_path(
    harness: Harness,
) -> None:
    model = _with_event_subprocess(
        '<bpmn:startEvent id="hs" isInterrupting="false"><bpmn:timerEventDefinition>'
        "<bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>"
        "</bpmn:startEvent>"
    )
    harness.deploy(model)
    key = harness.start()
    harness.advance(3_600_000)
    harness.complete("react")
    assert harness.elements(key)["main"] == ["ACTIVE"]
    harness.complete("main")
    assert harness.state(key) == "COMPLETED"


def test_an_error_event_subprocess_catches_an_error_end_event(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:endEvent id="fail"><bpmn:errorEventDefinition '
        'errorRef="e"/></bpmn:endEvent>'
        + flows("start", "fail")
        + '<bpmn:subProcess id="handler" triggeredByEvent="true"><bpmn:startEvent id="hs">'
        '<bpmn:errorEventDefinition errorRef="e"/></bpmn:startEvent>'
        + service("react")
        + '<bpmn:endEvent id="he"/>'
        + flows("hs", "react", "he", prefix="h")
        + "</bpmn:subProcess>",
        definitions='<bpmn:error id="e" errorCode="BROKEN"/>',
    )
    harness.deploy(model)
    key = harness.start()
    assert harness.elements(key)["fail"] == ["TERMINATED"]
    harness.complete("react")
    assert harness.state(key) == "COMPLETED"


CHILD = bpmn(
    '<bpmn:startEvent id="cs"/>'
    + service("child-work")
    + '<bpmn:endEvent id="ce"/>'
    + flows("cs", "child-work", "ce"),
    process_id="child",
)


def _parent(inner: str = "") -> bytes:
    return bpmn(
        '<bpmn:startEvent id="start"/><bpmn:callActivity id="call"><bpmn:extensionElements>'
        f'<zeebe:calledElement processId="=childId"{inner}/></bpmn:extensionElements>'
        "</bpmn:callActivity>" + service("after") + '<bpmn:endEvent id="end"/>'
        '<bpmn:boundaryEvent id="failed" attachedToRef="call"><bpmn:errorEventDefinition/>'
        "</bpmn:boundaryEvent>"
        + service("recover")
        + '<bpmn:endEvent id="end2"/>'
        + flows("start", "call", "after", "end")
        + flows("failed", "recover", "end2", prefix="r"),
        process_id="parent",
    )


def test_a_call_activity_passes_variables_in_and_out(harness: Harness) -> None:
    harness.deploy(CHILD, _parent())
    key = harness.start("parent", childId="child", order=7)
    job = harness.job("child-work")
    assert job.variables == {"childId": "child", "order": 7}
    assert job.process_instance_key != key
    child = harness.client.process_instances.get(job.process_instance_key)
    assert child.parent_process_instance_key == key
    harness.client.jobs.complete(job.job_key, variables={"result": "ok"})
    assert harness.job("after").variables["result"] == "ok"
    assert harness.state(job.process_instance_key) == "COMPLETED"


def test_a_call_activity_can_keep_parent_variables_out(harness: Harness) -> None:
    harness.deploy(
        CHILD, _parent(' propagateAllParentVariables="false" propagateAllChildVariables="false"')
    )
    harness.start("parent", childId="child", secret=1)
    job = harness.job("child-work")
    assert job.variables == {}
    harness.client.jobs.complete(job.job_key, variables={"result": "ok"})
    assert "result" not in harness.job("after").variables


def test_an_error_in_a_called_process_is_caught_on_the_call_activity(harness: Harness) -> None:
    harness.deploy(CHILD, _parent())
    key = harness.start("parent", childId="child")
    job = harness.job("child-work")
    harness.client.jobs.throw_error(job.job_key, error_code="CHILD_FAILED")
    assert harness.state(job.process_instance_key) == "TERMINATED"
    harness.complete("recover")
    assert harness.state(key) == "COMPLETED"


def test_a_call_activity_to_an_unknown_process_is_a_called_element_error(harness: Harness) -> None:
    harness.deploy(_parent())
    key = harness.start("parent", childId="missing")
    [incident] = harness.incidents(key)
    assert (incident.error_type, incident.element_id) == ("CALLED_ELEMENT_ERROR", "call")


def _multi(sequential: bool, condition: str = "") -> bytes:
    completion = (
        f"<bpmn:completionCondition>{condition}</bpmn:completionCondition>" if condition else ""
    )
    return bpmn(
        '<bpmn:startEvent id="start"/>'
        '<bpmn:serviceTask id="check"><bpmn:extensionElements>'
        '<zeebe:taskDefinition type="check"/></bpmn:extensionElements>'
        f'<bpmn:multiInstanceLoopCharacteristics isSequential="{str(sequential).lower()}">'
        '<bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" '
        'inputElement="item" outputCollection="results" outputElement="=verdict"/>'
        f"</bpmn:extensionElements>{completion}</bpmn:multiInstanceLoopCharacteristics>"
        '</bpmn:serviceTask><bpmn:endEvent id="end"/>' + flows("start", "check", "end")
    )


def test_a_parallel_multi_instance_collects_outputs_in_input_order(harness: Harness) -> None:
    harness.deploy(_multi(sequential=False))
    key = harness.start(items=["a", "b", "c"])
    jobs = harness.client.jobs.activate(type="check", timeout=60_000, max_jobs_to_activate=10).jobs
    assert sorted(j.variables["item"] for j in jobs) == ["a", "b", "c"]
    for job in reversed(jobs):
        harness.client.jobs.complete(
            job.job_key, variables={"verdict": job.variables["item"].upper()}
        )
    assert harness.state(key) == "COMPLETED"
    assert harness.variables(key)["results"] == ["A", "B", "C"]
    [body] = harness.client.element_instances.search(
        filter={"processInstanceKey": key, "type": "MULTI_INSTANCE_BODY"}
    ).items
    assert body.element_id == "check"


def test_a_sequential_multi_instance_runs_one_item_at_a_time(harness: Harness) -> None:
    harness.deploy(_multi(sequential=True))
    key = harness.start(items=[1, 2, 3])
    seen: list[int] = []
    for _ in range(3):
        job = harness.job("check")
        harness.no_job("check")
        seen.append(job.variables["item"])
        assert job.variables["loopCounter"] == len(seen)
        harness.client.jobs.complete(job.job_key, variables={"verdict": job.variables["item"]})
    assert seen == [1, 2, 3]
    assert harness.variables(key)["results"] == [1, 2, 3]


def test_a_completion_condition_ends_the_loop_early(harness: Harness) -> None:
    harness.deploy(_multi(sequential=False, condition="=numberOfCompletedInstances &gt;= 2"))
    key = harness.start(items=[1, 2, 3, 4])
    jobs = harness.client.jobs.activate(type="check", timeout=60_000, max_jobs_to_activate=10).jobs
    for job in jobs[:2]:
        harness.client.jobs.complete(job.job_key, variables={"verdict": True})
    assert harness.state(key) == "COMPLETED"
    assert harness.elements(key)["check"].count("TERMINATED") == 2
    assert harness.variables(key)["results"] == [True, True, None, None]


def test_an_empty_collection_completes_the_loop_at_once(harness: Harness) -> None:
    harness.deploy(_multi(sequential=False))
    key = harness.start(items=[])
    assert harness.state(key) == "COMPLETED"
    assert harness.variables(key)["results"] == []


def test_a_collection_that_is_not_a_list_is_an_extract_value_error(harness: Harness) -> None:
    harness.deploy(_multi(sequential=False))
    key = harness.start(items="abc")
    [incident] = harness.incidents(key)
    assert (incident.error_type, incident.element_id) == ("EXTRACT_VALUE_ERROR", "check")


def test_cancelling_an_instance_terminates_it_and_its_jobs(harness: Harness) -> None:
    harness.deploy(CHILD, _parent())
    key = harness.start("parent", childId="child")
    job = harness.job("child-work")
    harness.client.process_instances.cancel(key)
    assert harness.state(key) == "TERMINATED"
    assert harness.state(job.process_instance_key) == "TERMINATED"
    [record] = harness.client.jobs.search(filter={"jobKey": job.job_key}).items
    assert str(record.state) == "CANCELED"
