"""Boundary, intermediate, start and end events; message correlation; timers on the
cluster clock; signals and escalations."""

from __future__ import annotations

import pytest

from camunda import ConflictError, NotFoundError

from .conftest import Harness, bpmn, flows, service

_MESSAGE = (
    '<bpmn:message id="m" name="{name}"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements>'
    "</bpmn:message>"
)


def _boundary(
    definition: str, *, interrupting: bool = True, on: str = "work", element_id: str = "b"
) -> str:
    cancel = "" if interrupting else ' cancelActivity="false"'
    return (
        f'<bpmn:boundaryEvent id="{element_id}" attachedToRef="{on}"{cancel}>'
        f"{definition}</bpmn:boundaryEvent>"
    )


def _guarded(definition: str, *, interrupting: bool = True, definitions: str = "") -> bytes:
    """start -> work (a job) -> end, with a boundary ``b`` -> ``handle`` (a job) -> end2."""
    return bpmn(
        '<bpmn:startEvent id="start"/>'
        + service("work")
        + service("handle")
        + '<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>'
        + _boundary(definition, interrupting=interrupting)
        + flows("start", "work", "end")
        + flows("b", "handle", "end2", prefix="h"),
        definitions=definitions,
    )


ERROR_DEFS = '<bpmn:error id="e" errorCode="DECLINED"/>'
TIMER_1H = (
    "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration>"
    "</bpmn:timerEventDefinition>"
)


def test_an_error_boundary_catches_the_job_error_with_its_code(harness: Harness) -> None:
    harness.deploy(_guarded('<bpmn:errorEventDefinition errorRef="e"/>', definitions=ERROR_DEFS))
    key = harness.start()
    job = harness.job("work")
    harness.client.jobs.throw_error(job.job_key, error_code="DECLINED")
    assert harness.elements(key)["work"] == ["TERMINATED"]
    harness.complete("handle")
    assert harness.state(key) == "COMPLETED"
    assert harness.elements(key)["end2"] == ["COMPLETED"]


def test_an_error_boundary_without_a_code_catches_every_error(harness: Harness) -> None:
    harness.deploy(_guarded("<bpmn:errorEventDefinition/>"))
    harness.start()
    job = harness.job("work")
    harness.client.jobs.throw_error(job.job_key, error_code="ANYTHING")
    harness.job("handle")


def test_an_error_with_another_code_is_unhandled_and_the_instance_stays_active(
    harness: Harness,
) -> None:
    harness.deploy(_guarded('<bpmn:errorEventDefinition errorRef="e"/>', definitions=ERROR_DEFS))
    key = harness.start()
    job = harness.job("work")
    harness.client.jobs.throw_error(job.job_key, error_code="OTHER", error_message="nope")
    [incident] = harness.incidents(key)
    assert (incident.error_type, incident.element_id) == ("UNHANDLED_ERROR_EVENT", "work")
    assert "OTHER" in incident.error_message
    assert harness.state(key) == "ACTIVE"
    assert harness.client.process_instances.get(key).has_incident is True


@pytest.mark.camunda_controlled_clock
def test_an_interrupting_timer_boundary_fires_on_the_cluster_clock(harness: Harness) -> None:
    harness.deploy(_guarded(TIMER_1H))
    key = harness.start()
    job = harness.job("work")
    harness.advance(3_600_000)
    assert harness.elements(key)["work"] == ["TERMINATED"]
    with pytest.raises(NotFoundError):  # the job was cancelled with its task
        harness.client.jobs.complete(job.job_key)
    harness.complete("handle")
    assert harness.state(key) == "COMPLETED"


@pytest.mark.camunda_controlled_clock
def test_a_non_interrupting_timer_cycle_repeats_while_the_task_runs(harness: Harness) -> None:
    cycle = (
        "<bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT10M</bpmn:timeCycle>"
        "</bpmn:timerEventDefinition>"
    )
    harness.deploy(_guarded(cycle, interrupting=False))
    key = harness.start()
    harness.advance(25 * 60_000)
    assert harness.elements(key)["b"] == ["COMPLETED", "COMPLETED"]
    assert harness.elements(key)["work"] == ["ACTIVE"]
    harness.complete("work")
    harness.advance(60 * 60_000)  # the task is done: its timer stopped
    assert len(harness.elements(key)["b"]) == 2


def test_a_message_boundary_interrupts_a_user_task(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:userTask id="work"/>'
        + service("handle")
        + '<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>'
        + _boundary('<bpmn:messageEventDefinition messageRef="m"/>')
        + flows("start", "work", "end")
        + flows("b", "handle", "end2", prefix="h"),
        definitions=_MESSAGE.format(name="cancel-order"),
    )
    harness.deploy(model)
    key = harness.start(orderId="o-1")
    harness.client.messages.publish(name="cancel-order", correlation_key="o-1")
    [task] = harness.client.user_tasks.search(filter={"processInstanceKey": key}).items
    assert str(task.state) == "CANCELED"
    harness.complete("handle")
    assert harness.state(key) == "COMPLETED"


def test_a_signal_boundary_catches_a_broadcast(harness: Harness) -> None:
    harness.deploy(
        _guarded(
            '<bpmn:signalEventDefinition signalRef="s"/>',
            definitions='<bpmn:signal id="s" name="recall"/>',
        )
    )
    key = harness.start()
    harness.client.signals.broadcast(signal_name="recall", variables={"why": "defect"})
    assert harness.elements(key)["work"] == ["TERMINATED"]
    assert harness.job("handle").variables["why"] == "defect"


def test_a_non_interrupting_escalation_boundary_runs_beside_the_subprocess(
    harness: Harness,
) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/>'
        '<bpmn:subProcess id="work"><bpmn:startEvent id="s1"/>'
        '<bpmn:intermediateThrowEvent id="late"><bpmn:escalationEventDefinition '
        'escalationRef="x"/></bpmn:intermediateThrowEvent>'
        + service("finish")
        + '<bpmn:endEvent id="e1"/>'
        + flows("s1", "late", "finish", "e1", prefix="s")
        + "</bpmn:subProcess>"
        + service("notify")
        + '<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>'
        + _boundary('<bpmn:escalationEventDefinition escalationRef="x"/>', interrupting=False)
        + flows("start", "work", "end")
        + flows("b", "notify", "end2", prefix="n"),
        definitions='<bpmn:escalation id="x" escalationCode="LATE"/>',
    )
    harness.deploy(model)
    key = harness.start()
    harness.complete("notify")
    assert harness.elements(key)["work"] == ["ACTIVE"]
    harness.complete("finish")
    assert harness.state(key) == "COMPLETED"


@pytest.mark.camunda_controlled_clock
def test_intermediate_timers_wait_for_a_duration_or_a_date(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/>'
        '<bpmn:intermediateCatchEvent id="cool-off"><bpmn:timerEventDefinition>'
        "<bpmn:timeDuration>=wait</bpmn:timeDuration></bpmn:timerEventDefinition>"
        "</bpmn:intermediateCatchEvent>"
        '<bpmn:intermediateCatchEvent id="new-year"><bpmn:timerEventDefinition>'
        "<bpmn:timeDate>2026-01-02T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>"
        '</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>'
        + flows("start", "cool-off", "new-year", "end")
    )
    harness.deploy(model)
    key = harness.start(wait="PT2H")
    harness.advance(2 * 3_600_000 - 1)
    assert harness.elements(key)["cool-off"] == ["ACTIVE"]
    harness.advance(1)
    assert harness.elements(key)["new-year"] == ["ACTIVE"]
    harness.advance(22 * 3_600_000)  # now 2026-01-02T00:00:00Z
    assert harness.state(key) == "COMPLETED"


CATCH = bpmn(
    '<bpmn:startEvent id="start"/>'
    '<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m"/>'
    '</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>' + flows("start", "paid", "end"),
    definitions=_MESSAGE.format(name="paid"),
)


def test_a_buffered_message_correlates_when_the_instance_arrives(harness: Harness) -> None:
    harness.deploy(CATCH)
    harness.client.messages.publish(
        name="paid", correlation_key="o-1", time_to_live=60_000, variables={"amount": 9}
    )
    key = harness.start(orderId="o-1")
    assert harness.state(key) == "COMPLETED"
    assert harness.variables(key)["amount"] == 9


@pytest.mark.camunda_controlled_clock
def test_a_message_past_its_time_to_live_is_not_correlated(harness: Harness) -> None:
    harness.deploy(CATCH)
    harness.client.messages.publish(name="paid", correlation_key="o-2", time_to_live=1_000)
    harness.client.messages.publish(name="paid", correlation_key="o-3")  # no TTL: gone
    harness.advance(1_000)
    late, unbuffered = harness.start(orderId="o-2"), harness.start(orderId="o-3")
    assert (harness.state(late), harness.state(unbuffered)) == ("ACTIVE", "ACTIVE")


@pytest.mark.camunda_controlled_clock
def test_a_message_id_is_published_once_while_the_message_lives(harness: Harness) -> None:
    publish = harness.client.messages.publish
    publish(name="paid", correlation_key="o-4", message_id="m-1", time_to_live=60_000)
    with pytest.raises(ConflictError):
        publish(name="paid", correlation_key="o-4", message_id="m-1", time_to_live=60_000)
    harness.advance(60_000)
    publish(name="paid", correlation_key="o-4", message_id="m-1")  # the first one expired


def test_correlate_reports_the_instance_or_not_found(harness: Harness) -> None:
    harness.deploy(CATCH)
    key = harness.start(orderId="o-5")
    correlated = harness.client.messages.correlate(name="paid", correlation_key="o-5")
    assert correlated.process_instance_key == key
    with pytest.raises(NotFoundError):
        harness.client.messages.correlate(name="paid", correlation_key="nobody")


def test_a_message_start_event_creates_an_instance_with_the_message_variables(
    harness: Harness,
) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/>'
        "</bpmn:startEvent>"
        + service("work")
        + '<bpmn:endEvent id="end"/>'
        + flows("start", "work", "end"),
        definitions='<bpmn:message id="m" name="order-placed"/>',
    )
    harness.deploy(model)
    harness.client.messages.publish(name="order-placed", variables={"orderId": "o-6"})
    job = harness.job("work")
    assert job.variables == {"orderId": "o-6"}
    assert harness.elements(job.process_instance_key)["start"] == ["COMPLETED"]


@pytest.mark.camunda_controlled_clock
def test_a_timer_start_event_starts_instances_on_its_cycle(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H'
        "</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>"
        '<bpmn:endEvent id="end"/>' + flows("start", "end")
    )
    harness.deploy(model)
    harness.advance(5 * 3_600_000)
    completed = harness.client.process_instances.search(
        filter={"processDefinitionKey": harness.definition_key}
    )
    assert [str(i.state) for i in completed.items] == ["COMPLETED", "COMPLETED"]


def test_signals_are_thrown_by_one_process_and_caught_by_another(harness: Harness) -> None:
    signal = '<bpmn:signal id="s" name="go"/>'
    waiter = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait">'
        '<bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>'
        '<bpmn:endEvent id="end"/>' + flows("start", "wait", "end"),
        process_id="waiter",
        definitions=signal,
    )
    thrower = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="shout">'
        '<bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateThrowEvent>'
        '<bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="s"/></bpmn:endEvent>'
        + flows("start", "shout", "end"),
        process_id="thrower",
        definitions=signal,
    )
    harness.deploy(waiter, thrower)
    waiting = [harness.start("waiter") for _ in range(2)]
    harness.start("thrower")
    assert [harness.state(k) for k in waiting] == ["COMPLETED", "COMPLETED"]


def test_throw_events_none_and_message_by_job(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="milestone"/>'
        '<bpmn:intermediateThrowEvent id="notify"><bpmn:extensionElements>'
        '<zeebe:taskDefinition type="send-mail"/></bpmn:extensionElements>'
        '<bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>'
        '<bpmn:endEvent id="end"><bpmn:extensionElements><zeebe:taskDefinition '
        'type="send-sms"/></bpmn:extensionElements><bpmn:messageEventDefinition '
        'messageRef="m"/></bpmn:endEvent>' + flows("start", "milestone", "notify", "end"),
        definitions='<bpmn:message id="m" name="note"/>',
    )
    harness.deploy(model)
    key = harness.start()
    assert harness.elements(key)["milestone"] == ["COMPLETED"]
    harness.complete("send-mail")
    harness.complete("send-sms")
    assert harness.state(key) == "COMPLETED"


def test_a_terminate_end_event_ends_the_other_branches(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>'
        + service("slow")
        + '<bpmn:endEvent id="end"/><bpmn:endEvent id="stop">'
        "<bpmn:terminateEventDefinition/></bpmn:endEvent>"
        + flows("start", "fork")
        + flows("fork", "slow", "end", prefix="s")
        + flows("fork", "stop", prefix="t")
    )
    harness.deploy(model)
    key = harness.start()
    assert harness.state(key) == "COMPLETED"
    assert harness.elements(key)["slow"] == ["TERMINATED"]
    harness.no_job("slow")


def test_a_signal_start_event_starts_an_instance_per_broadcast(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="s"/>'
        "</bpmn:startEvent>"
        + service("work")
        + '<bpmn:endEvent id="end"/>'
        + flows("start", "work", "end"),
        definitions='<bpmn:signal id="s" name="restock"/>',
    )
    harness.deploy(model)
    harness.client.signals.broadcast(signal_name="restock", variables={"sku": "A"})
    harness.client.signals.broadcast(signal_name="restock", variables={"sku": "B"})
    jobs = harness.client.jobs.activate(type="work", timeout=1000, max_jobs_to_activate=5).jobs
    assert sorted(j.variables["sku"] for j in jobs) == ["A", "B"]


def test_an_escalation_end_event_triggers_an_event_subprocess(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:startEvent id="s1"/>'
        '<bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="x"/>'
        "</bpmn:endEvent>"
        + flows("s1", "raise", prefix="s")
        + "</bpmn:subProcess>"
        + service("after")
        + '<bpmn:endEvent id="end"/>'
        + flows("start", "sub", "after", "end")
        + '<bpmn:subProcess id="handler" triggeredByEvent="true">'
        '<bpmn:startEvent id="hs" isInterrupting="false"><bpmn:escalationEventDefinition '
        'escalationRef="x"/></bpmn:startEvent>'
        + service("escalated")
        + '<bpmn:endEvent id="he"/>'
        + flows("hs", "escalated", "he", prefix="h")
        + "</bpmn:subProcess>",
        definitions='<bpmn:escalation id="x" escalationCode="SLOW"/>',
    )
    harness.deploy(model)
    key = harness.start()
    harness.complete("escalated")
    harness.complete("after")  # non-interrupting: the main path went on
    assert harness.state(key) == "COMPLETED"


def test_a_non_interrupting_message_boundary_leaves_the_task_running(harness: Harness) -> None:
    harness.deploy(
        _guarded(
            '<bpmn:messageEventDefinition messageRef="m"/>',
            interrupting=False,
            definitions=_MESSAGE.format(name="nudge"),
        )
    )
    key = harness.start(orderId="o-9")
    harness.client.messages.publish(name="nudge", correlation_key="o-9")
    harness.complete("handle")
    assert harness.elements(key)["work"] == ["ACTIVE"]
    harness.complete("work")
    assert harness.state(key) == "COMPLETED"


def _escalating(catch: str = "", *, code: str = "LATE") -> bytes:
    """start -> sub(s1 -> late (throws ``code``) -> finish (a job) -> e1) -> end, plus
    ``catch`` (a boundary ``b`` on ``sub`` -> notify -> end2, or nothing)."""
    return bpmn(
        '<bpmn:startEvent id="start"/>'
        '<bpmn:subProcess id="sub"><bpmn:startEvent id="s1"/>'
        '<bpmn:intermediateThrowEvent id="late"><bpmn:escalationEventDefinition '
        'escalationRef="x"/></bpmn:intermediateThrowEvent>'
        + service("finish")
        + '<bpmn:endEvent id="e1"/>'
        + flows("s1", "late", "finish", "e1", prefix="s")
        + '</bpmn:subProcess><bpmn:endEvent id="end"/>'
        + flows("start", "sub", "end")
        + (
            catch
            + service("notify")
            + '<bpmn:endEvent id="end2"/>'
            + flows("b", "notify", "end2", prefix="n")
            if catch
            else ""
        ),
        definitions=(
            f'<bpmn:escalation id="x" escalationCode="{code}"/>'
            '<bpmn:escalation id="y" escalationCode="HIGH"/>'
        ),
    )


@pytest.mark.camunda_fake_only
def test_an_uncaught_escalation_goes_on_without_incident_and_is_recorded(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.deploy(_escalating())
    with caplog.at_level("INFO", logger="camunda.testing"):
        key = harness.start()
    assert harness.elements(key)["late"] == ["COMPLETED"]
    assert harness.incidents(key) == []
    [escalation] = harness.cluster.escalations()
    assert (
        escalation.state,
        escalation.escalation_code,
        escalation.throw_element_id,
        escalation.catch_element_id,
        escalation.process_instance_key,
    ) == ("NOT_ESCALATED", "LATE", "late", "", key)
    assert "escalation 'LATE' thrown by 'late'" in caplog.text
    harness.complete("finish")
    assert harness.state(key) == "COMPLETED"


@pytest.mark.camunda_fake_only
def test_an_interrupting_escalation_boundary_ends_the_thrower_with_its_scope(
    harness: Harness,
) -> None:
    harness.deploy(
        _escalating(_boundary('<bpmn:escalationEventDefinition escalationRef="x"/>', on="sub"))
    )
    key = harness.start()
    elements = harness.elements(key)
    assert (elements["sub"], elements["late"]) == (["TERMINATED"], ["TERMINATED"])
    harness.no_job("finish")
    [escalation] = harness.cluster.escalations()
    assert (escalation.state, escalation.catch_element_id) == ("ESCALATED", "b")
    harness.complete("notify")
    assert harness.state(key) == "COMPLETED"


@pytest.mark.camunda_fake_only
def test_an_escalation_code_can_be_an_expression(harness: Harness) -> None:
    harness.deploy(
        _escalating(
            _boundary(
                '<bpmn:escalationEventDefinition escalationRef="y"/>', on="sub", interrupting=False
            ),
            code="=level",
        )
    )
    key = harness.start(level="HIGH")
    harness.complete("notify")
    harness.complete("finish")
    assert harness.state(key) == "COMPLETED"
    assert [e.escalation_code for e in harness.cluster.escalations()] == ["HIGH"]


def test_job_error_variables_are_the_catch_events_and_its_output_mappings_pick(
    harness: Harness,
) -> None:
    mapped = (
        '<bpmn:errorEventDefinition errorRef="e"/><bpmn:extensionElements>'
        '<zeebe:ioMapping><zeebe:output source="=reason" target="declineReason"/>'
        "</zeebe:ioMapping></bpmn:extensionElements>"
    )
    harness.deploy(_guarded(mapped, definitions=ERROR_DEFS))
    key = harness.start()
    harness.client.jobs.throw_error(
        harness.job("work").job_key, error_code="DECLINED", variables={"reason": "card expired"}
    )
    assert harness.variables(key) == {"declineReason": "card expired"}
    [boundary] = harness.client.element_instances.search(
        filter={"processInstanceKey": key, "elementId": "b"}
    ).items
    local = harness.client.variables.search(
        filter={"processInstanceKey": key, "scopeKey": boundary.element_instance_key}
    ).items
    assert {v.name: v.value for v in local} == {"reason": '"card expired"'}


def test_job_error_variables_propagate_from_the_catch_event_not_the_task(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/>'
        + service(
            "work",
            inner='<zeebe:ioMapping><zeebe:input source="=&quot;none&quot;" '
            'target="reason"/></zeebe:ioMapping>',
        )
        + service("handle")
        + '<bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/>'
        + _boundary('<bpmn:errorEventDefinition errorRef="e"/>')
        + flows("start", "work", "end")
        + flows("b", "handle", "end2", prefix="h"),
        definitions=ERROR_DEFS,
    )
    harness.deploy(model)
    key = harness.start()
    harness.client.jobs.throw_error(
        harness.job("work").job_key, error_code="DECLINED", variables={"reason": "card expired"}
    )
    assert harness.variables(key) == {"reason": "card expired"}
    assert harness.job("handle").variables["reason"] == "card expired"


@pytest.mark.camunda_controlled_clock
def test_a_cron_timer_start_event_starts_instances_in_office_hours(harness: Harness) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>'
        "0 0 9-17 * * MON-FRI</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>"
        '<bpmn:endEvent id="end"/>' + flows("start", "end")
    )
    harness.deploy(model)
    harness.advance(4 * 24 * 3_600_000)  # Thursday 00:00 to Monday 00:00
    started = harness.client.process_instances.search(
        filter={"processDefinitionKey": harness.definition_key}, page={"limit": 100}
    )
    assert len(started.items) == 2 * 9  # 09:00 to 17:00 on Thursday and Friday


@pytest.mark.camunda_controlled_clock
def test_a_non_interrupting_cron_boundary_fires_on_its_schedule(harness: Harness) -> None:
    cron = (
        "<bpmn:timerEventDefinition><bpmn:timeCycle>0 */15 * * * *</bpmn:timeCycle>"
        "</bpmn:timerEventDefinition>"
    )
    harness.deploy(_guarded(cron, interrupting=False))
    key = harness.start()
    harness.advance(40 * 60_000)
    assert harness.elements(key)["b"] == ["COMPLETED", "COMPLETED"]
    assert harness.elements(key)["work"] == ["ACTIVE"]


def test_an_invalid_cron_cycle_raises_an_incident_naming_the_field(harness: Harness) -> None:
    cron = (
        "<bpmn:timerEventDefinition><bpmn:timeCycle>=schedule</bpmn:timeCycle>"
        "</bpmn:timerEventDefinition>"
    )
    harness.deploy(_guarded(cron, interrupting=False))
    key = harness.start(schedule="0 0 25 * * *")
    [incident] = harness.incidents(key)
    assert incident.error_type == "EXTRACT_VALUE_ERROR"
    assert "hour field '25'" in incident.error_message


@pytest.mark.camunda_controlled_clock
def test_feel_temporal_results_are_stored_as_zeebe_writes_them_and_timers_read_them(
    harness: Harness,
) -> None:
    model = bpmn(
        '<bpmn:startEvent id="start"/><bpmn:scriptTask id="plan"><bpmn:extensionElements>'
        '<zeebe:script expression="={wait: duration(&quot;P1DT2H&quot;), until: date and '
        'time(&quot;2026-01-02T10:00:00@Europe/Berlin&quot;)}" resultVariable="plan"/>'
        "</bpmn:extensionElements></bpmn:scriptTask>"
        '<bpmn:intermediateCatchEvent id="cool-off"><bpmn:timerEventDefinition>'
        "<bpmn:timeDuration>=plan.wait</bpmn:timeDuration></bpmn:timerEventDefinition>"
        "</bpmn:intermediateCatchEvent>"
        '<bpmn:intermediateCatchEvent id="until"><bpmn:timerEventDefinition>'
        '<bpmn:timeDate>=date and time("2026-01-02T10:00:00@Europe/Berlin")</bpmn:timeDate>'
        '</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>'
        + flows("start", "plan", "cool-off", "until", "end")
    )
    harness.deploy(model)
    key = harness.start()
    assert harness.variables(key)["plan"] == {
        "wait": "PT26H",
        "until": "2026-01-02T10:00+01:00[Europe/Berlin]",
    }
    harness.advance(26 * 3_600_000)  # 2026-01-02T02:00Z: the duration is up
    assert harness.elements(key)["until"] == ["ACTIVE"]
    harness.advance(7 * 3_600_000)  # 09:00Z, 10:00 in Berlin
    assert harness.state(key) == "COMPLETED"
    assert harness.incidents(key) == []
