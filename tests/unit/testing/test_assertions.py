"""The process-test assertions, the job mock and the clock, through the pytest plugin's
fixtures: on the fake cluster by default, on a real one with
``CAMUNDA_REST_ADDRESS=... pytest -m camunda tests/unit/testing/test_assertions.py``.

Failing assertions use short timeouts; their messages are checked for what the instance
actually did.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from camunda import NotFoundError
from camunda.testing import (
    ClusterClock,
    FakeCluster,
    JobMock,
    assert_that,
    assert_that_decision,
    assert_that_user_task,
)

if TYPE_CHECKING:
    from camunda import CamundaAsyncClient, CamundaClient
    from camunda.types import ProcessInstanceKey

MockJob = Callable[[str], JobMock]
FAIL_FAST = 0.3  # seconds an assertion expected to fail waits

_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" '
    'targetNamespace="http://example.com/kit">'
)


def _process(process_id: str, body: str, definitions: str = "") -> bytes:
    return (
        f'{_HEADER}{definitions}<bpmn:process id="{process_id}" isExecutable="true">'
        f"{body}</bpmn:process></bpmn:definitions>"
    ).encode()


def _flows(*chain: str) -> str:
    return "".join(
        f'<bpmn:sequenceFlow id="f{n}" sourceRef="{a}" targetRef="{b}"/>'
        for n, (a, b) in enumerate(itertools.pairwise(chain))
    )


def _service(element_id: str, job_type: str, name: str = "") -> str:
    return (
        f'<bpmn:serviceTask id="{element_id}" name="{name or element_id}">'
        f'<bpmn:extensionElements><zeebe:taskDefinition type="{job_type}"/>'
        "</bpmn:extensionElements></bpmn:serviceTask>"
    )


class Models:
    """Unique process ids and job types per test, so runs on a shared real cluster never
    see each other's instances or jobs."""

    def __init__(self, client: CamundaClient) -> None:
        self.client = client
        self.tag = uuid.uuid4().hex[:8]

    def deploy(self, name: str, *resources: tuple[str, bytes]) -> None:
        self.client.deployments.create(resources=list(resources))

    def order(self) -> tuple[str, str]:
        """start -> pay (job) -> end; returns (process id, job type)."""
        pid, job = f"order-{self.tag}", f"pay-{self.tag}"
        body = (
            '<bpmn:startEvent id="start" name="Order placed"/>'
            + _service("pay", job, "Charge card")
            + '<bpmn:endEvent id="end"/>'
            + _flows("start", "pay", "end")
        )
        self.deploy(pid, (f"{pid}.bpmn", _process(pid, body)))
        return pid, job

    def caught(self) -> tuple[str, str]:
        """pay (job) with an error boundary for "DECLINED" leading to end "declined"."""
        pid, job = f"caught-{self.tag}", f"pay-{self.tag}"
        defs = '<bpmn:error id="declined-error" errorCode="DECLINED"/>'
        body = (
            '<bpmn:startEvent id="start"/>'
            + _service("pay", job)
            + '<bpmn:boundaryEvent id="on-declined" attachedToRef="pay">'
            '<bpmn:errorEventDefinition errorRef="declined-error"/></bpmn:boundaryEvent>'
            '<bpmn:endEvent id="paid"/><bpmn:endEvent id="declined"/>'
            + _flows("start", "pay", "paid")
            + '<bpmn:sequenceFlow id="g" sourceRef="on-declined" targetRef="declined"/>'
        )
        self.deploy(pid, (f"{pid}.bpmn", _process(pid, body, defs)))
        return pid, job

    def routed(self) -> str:
        """An exclusive gateway: amount > 100 goes to "check" (a manual task), else "skip"."""
        pid = f"routed-{self.tag}"
        body = (
            '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="big" default="small"/>'
            '<bpmn:manualTask id="check" name="Check by hand"/>'
            '<bpmn:endEvent id="checked"/><bpmn:endEvent id="skip"/>'
            '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="big"/>'
            '<bpmn:sequenceFlow id="large" sourceRef="big" targetRef="check">'
            "<bpmn:conditionExpression>=amount &gt; 100</bpmn:conditionExpression>"
            "</bpmn:sequenceFlow>"
            '<bpmn:sequenceFlow id="small" sourceRef="big" targetRef="skip"/>'
            '<bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="checked"/>'
        )
        self.deploy(pid, (f"{pid}.bpmn", _process(pid, body)))
        return pid

    def parallel(self) -> tuple[str, str, str]:
        """A parallel fork to jobs "a" and "b", joined, then "each" once per item
        (parallel multi-instance); returns (process id, job type a, job type b+each)."""
        pid, job_a, job_b = f"parallel-{self.tag}", f"a-{self.tag}", f"b-{self.tag}"
        each = (
            f'<bpmn:serviceTask id="each"><bpmn:extensionElements>'
            f'<zeebe:taskDefinition type="{job_b}"/></bpmn:extensionElements>'
            "<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>"
            '<zeebe:loopCharacteristics inputCollection="=items" inputElement="item"/>'
            "</bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>"
            "</bpmn:serviceTask>"
        )
        body = (
            '<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>'
            + _service("a", job_a)
            + _service("b", job_b)
            + '<bpmn:parallelGateway id="join"/>'
            + each
            + '<bpmn:endEvent id="end"/>'
            '<bpmn:sequenceFlow id="s0" sourceRef="start" targetRef="fork"/>'
            '<bpmn:sequenceFlow id="s1" sourceRef="fork" targetRef="a"/>'
            '<bpmn:sequenceFlow id="s2" sourceRef="fork" targetRef="b"/>'
            '<bpmn:sequenceFlow id="s3" sourceRef="a" targetRef="join"/>'
            '<bpmn:sequenceFlow id="s4" sourceRef="b" targetRef="join"/>'
            '<bpmn:sequenceFlow id="s5" sourceRef="join" targetRef="each"/>'
            '<bpmn:sequenceFlow id="s6" sourceRef="each" targetRef="end"/>'
        )
        self.deploy(pid, (f"{pid}.bpmn", _process(pid, body)))
        return pid, job_a, job_b

    def review(self) -> str:
        """start -> review (user task assigned to "alice") -> end; after a day on the
        task, an interrupting timer ends at "expired"."""
        pid = f"review-{self.tag}"
        body = (
            '<bpmn:startEvent id="start"/><bpmn:userTask id="review" name="Review order">'
            "<bpmn:extensionElements><zeebe:userTask/>"
            '<zeebe:assignmentDefinition assignee="alice"/>'
            '</bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end"/>'
            '<bpmn:boundaryEvent id="too-late" attachedToRef="review">'
            "<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration>"
            '</bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="expired"/>'
            '<bpmn:sequenceFlow id="x" sourceRef="too-late" targetRef="expired"/>'
            + _flows("start", "review", "end")
        )
        self.deploy(pid, (f"{pid}.bpmn", _process(pid, body)))
        return pid

    def timed(self) -> tuple[str, str]:
        """start -> wait one hour (timer catch) -> ship (job) -> end."""
        pid, job = f"timed-{self.tag}", f"ship-{self.tag}"
        body = (
            '<bpmn:startEvent id="start"/>'
            '<bpmn:intermediateCatchEvent id="wait" name="One hour">'
            "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration>"
            "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"
            + _service("ship", job)
            + '<bpmn:endEvent id="end"/>'
            + _flows("start", "wait", "ship", "end")
        )
        self.deploy(pid, (f"{pid}.bpmn", _process(pid, body)))
        return pid, job

    def discount(self) -> tuple[str, str]:
        """A business rule task evaluating a UNIQUE decision table; (process, decision)."""
        pid, decision = f"discount-{self.tag}", f"rate-{self.tag}"
        dmn = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d-{self.tag}"
             name="Rates" namespace="http://example.com/kit">
  <decision id="{decision}" name="Rate">
    <decisionTable id="table" hitPolicy="UNIQUE">
      <input id="in" label="Amount"><inputExpression id="e" typeRef="number">
        <text>amount</text></inputExpression></input>
      <output id="out" name="rate" typeRef="number"/>
      <rule id="small"><inputEntry id="r1"><text>&lt; 100</text></inputEntry>
        <outputEntry id="o1"><text>0</text></outputEntry></rule>
      <rule id="large"><inputEntry id="r2"><text>&gt;= 100</text></inputEntry>
        <outputEntry id="o2"><text>0.1</text></outputEntry></rule>
      <rule id="clash"><inputEntry id="r3"><text>&gt; 10000</text></inputEntry>
        <outputEntry id="o3"><text>0.2</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>""".encode()
        body = (
            '<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="decide">'
            f'<bpmn:extensionElements><zeebe:calledDecision decisionId="{decision}" '
            'resultVariable="rate"/></bpmn:extensionElements></bpmn:businessRuleTask>'
            '<bpmn:endEvent id="end"/>' + _flows("start", "decide", "end")
        )
        self.deploy(pid, (f"{decision}.dmn", dmn), (f"{pid}.bpmn", _process(pid, body)))
        return pid, decision


@pytest.fixture
def models(camunda_client: CamundaClient) -> Models:
    return Models(camunda_client)


def _start(client: CamundaClient, process_id: str, **variables: Any) -> ProcessInstanceKey:
    return client.process_instances.create(
        process_definition_id=process_id, variables=variables
    ).process_instance_key


def _failure(check: Callable[[], object]) -> str:
    with pytest.raises(AssertionError) as raised:
        check()
    return str(raised.value)


# -- process instances ----------------------------------------------------------------


def test_a_completed_instance_passes_every_assertion_on_what_it_did(
    camunda_client: CamundaClient, camunda_job_mock: MockJob, models: Models
) -> None:
    pid, job = models.order()
    camunda_job_mock(job).complete({"paid": True, "receipt": {"id": 7}})
    created = camunda_client.process_instances.create(
        process_definition_id=pid, variables={"amount": 25}
    )
    (
        assert_that(camunda_client, created)
        .is_completed()
        .has_completed_elements("start", "pay", "end")
        .has_completed_elements("Order placed", "Charge card")  # by name
        .has_variables({"amount": 25, "paid": True})
        .has_variable("receipt", {"id": 7})
        .has_variable_names("amount", "paid", "receipt")
        .has_no_active_elements("pay")
        .has_no_incidents()
    )


def test_is_completed_fails_with_what_the_instance_did(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid, _job = models.order()
    key = _start(camunda_client, pid, amount=25)
    assert_that(camunda_client, key).is_active().has_active_elements("pay")
    message = _failure(lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).is_completed())
    assert message.startswith(f"process instance {key} should be completed, but it is ACTIVE")
    assert "(waited " in message
    assert re.search(r"start \(Order placed\): START_EVENT COMPLETED", message)
    assert re.search(r"pay \(Charge card\): SERVICE_TASK ACTIVE", message)
    assert 'variables: {"amount": 25}' in message
    assert "incidents: none" in message


def test_element_assertions_name_the_elements_that_missed_and_their_states(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid, _job = models.order()
    key = _start(camunda_client, pid)
    assert_that(camunda_client, key).has_not_activated_elements("end")
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_completed_elements(
            "start", "pay", "end"
        )
    )
    assert "should have completed elements start, pay, end" in message
    assert "not completed: pay (ACTIVE), end (never entered)" in message
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_not_activated_elements(
            "pay"
        )
    )
    assert "but pay (ACTIVE) found" in message
    with pytest.raises(ValueError, match="at least one element"):
        assert_that(camunda_client, key).has_active_elements()


def test_has_variables_names_each_missing_or_different_value(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid, _job = models.order()
    key = _start(camunda_client, pid, amount=25)
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_variables(
            {"amount": 30, "paid": True}
        )
    )
    assert 'should have variables {"amount": 30, "paid": true}' in message
    assert "but amount is 25; paid is missing" in message


def test_an_ended_instance_fails_at_once_rather_than_at_the_timeout(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid, _job = models.order()
    key = _start(camunda_client, pid)
    camunda_client.process_instances.cancel(key)
    assert_that(camunda_client, key).is_terminated().has_terminated_elements("pay")
    message = _failure(lambda: assert_that(camunda_client, key, timeout=60).is_completed())
    assert "should be completed, but it is TERMINATED." in message
    assert "waited" not in message  # decided at once: a terminated instance never completes
    assert "pay (Charge card): SERVICE_TASK TERMINATED" in message


def test_an_unknown_instance_is_reported_as_not_found(camunda_client: CamundaClient) -> None:
    message = _failure(
        lambda: assert_that(camunda_client, "2251799813999999", timeout=FAIL_FAST).is_created()
    )
    assert "process instance 2251799813999999 should exist, but it was not found" in message


def test_the_branch_not_taken_has_no_activated_elements(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid = models.routed()
    large = _start(camunda_client, pid, amount=500)
    small = _start(camunda_client, pid, amount=5)
    (
        assert_that(camunda_client, large)
        .is_completed()
        .has_completed_elements("big", "Check by hand", "checked")
        .has_not_activated_elements("skip")
    )
    (
        assert_that(camunda_client, small)
        .is_completed()
        .has_completed_elements("skip")
        .has_not_activated_elements("check", "checked")
    )
    message = _failure(
        lambda: assert_that(camunda_client, small, timeout=FAIL_FAST).has_completed_elements(
            "check"
        )
    )
    assert "not completed: check (never entered)" in message
    assert "big: EXCLUSIVE_GATEWAY COMPLETED" in message


def test_parallel_branches_counts_and_completion_order(
    camunda_client: CamundaClient, camunda_job_mock: MockJob, models: Models
) -> None:
    pid, job_a, job_b = models.parallel()
    key = _start(camunda_client, pid, items=[1, 2, 3])
    check = assert_that(camunda_client, key)
    check.has_active_elements_exactly("a", "b")
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_active_elements_exactly("a")
    )
    assert "should have exactly these active elements: a, but also active: b" in message
    camunda_job_mock(job_b).complete()
    check.has_completed_elements("b").has_active_elements_exactly("a")
    camunda_job_mock(job_a).complete()
    (
        check.is_completed()
        .has_completed_elements("each", times=3)
        .has_completed_elements("join", times=1)
        .has_completed_elements_in_order("start", "b", "a", "each", "end")
    )
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_completed_elements_in_order(
            "a", "b"
        )
    )
    assert "but they completed in the order b, a" in message
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_completed_elements(
            "each", times=2
        )
    )
    assert "not completed 2 times: each (COMPLETED, COMPLETED, COMPLETED" in message


def test_assertions_wait_out_the_read_lag_of_a_real_cluster(
    camunda_cluster: FakeCluster, camunda_client: CamundaClient, models: Models
) -> None:
    pid, _job = models.order()
    camunda_cluster.faults.read_lag = 0.5  # new records show in searches half a second late
    key = _start(camunda_client, pid)
    with pytest.raises(NotFoundError):  # a plain read right away does not see it yet
        camunda_client.process_instances.get(key)
    assert_that(camunda_client, key).is_active().has_active_elements("pay")


# -- incidents and the job mock -------------------------------------------------------


def test_an_uncaught_bpmn_error_is_an_incident_and_the_instance_stays_active(
    camunda_client: CamundaClient, camunda_job_mock: MockJob, models: Models
) -> None:
    pid, job = models.order()
    camunda_job_mock(job).throw_error("NO_FUNDS", "balance too low")
    key = _start(camunda_client, pid)
    (
        assert_that(camunda_client, key)
        .has_incident("UNHANDLED_ERROR_EVENT", element="pay", message="NO_FUNDS")
        .is_active()
        .has_active_elements("pay")
    )


def test_a_failing_job_mock_leaves_an_incident_the_assertions_find(
    camunda_client: CamundaClient, camunda_job_mock: MockJob, models: Models
) -> None:
    pid, job = models.order()
    payment = camunda_job_mock(job).fail("card expired")
    key = _start(camunda_client, pid)
    check = assert_that(camunda_client, key)
    check.has_incident("JOB_NO_RETRIES", element="pay", message="card expired").is_active()
    assert [j.process_instance_key for j in payment.wait_for_jobs(1)] == [key]
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_no_incidents()
    )
    assert "should have no active incidents, but it has 1 active incident" in message
    assert "JOB_NO_RETRIES at pay (ACTIVE): card expired" in message
    message = _failure(
        lambda: assert_that(camunda_client, key, timeout=FAIL_FAST).has_incident(
            "UNHANDLED_ERROR_EVENT"
        )
    )
    assert "should have an active incident of type UNHANDLED_ERROR_EVENT" in message
    assert "but no active incident matches" in message


def test_a_job_mock_throwing_a_bpmn_error_takes_the_boundary_path(
    camunda_client: CamundaClient, camunda_job_mock: MockJob, models: Models
) -> None:
    pid, job = models.caught()
    camunda_job_mock(job).throw_error("DECLINED", "insufficient funds")
    key = _start(camunda_client, pid)
    (
        assert_that(camunda_client, key)
        .is_completed()
        .has_completed_elements("on-declined", "declined")
        .has_terminated_elements("pay")
        .has_not_activated_elements("paid")
    )


def test_a_job_mock_handler_computes_the_variables(
    camunda_client: CamundaClient, camunda_job_mock: MockJob, models: Models
) -> None:
    pid, job = models.order()
    camunda_job_mock(job).handle(lambda j: {"charged": j.variables["amount"] * 2})
    key = _start(camunda_client, pid, amount=21)
    assert_that(camunda_client, key).is_completed().has_variable("charged", 42)


def test_wait_for_jobs_fails_with_the_count_it_reached(
    camunda_job_mock: MockJob, models: Models
) -> None:
    _pid, job = models.order()
    idle = camunda_job_mock(job).complete()
    with pytest.raises(AssertionError, match=rf"'{job}' mock answered 0 of 1 jobs within 0.2s"):
        idle.wait_for_jobs(1, timeout=0.2)


@pytest.mark.camunda_fake_only
def test_a_fake_clusters_job_mock_stops_when_the_cluster_closes() -> None:
    with FakeCluster() as cluster:
        mock = cluster.mock_job("payment").complete()
        cluster.add_jobs("payment", count=3)
        assert len(mock.wait_for_jobs(3)) == 3
    mock.stop()  # returns at once: the thread ended with the cluster
    assert [j.state for j in cluster.jobs()] == ["COMPLETED"] * 3
    with pytest.raises(ValueError, match="job_type"):
        cluster.mock_job(" ")


# -- user tasks and decisions ---------------------------------------------------------


def test_user_task_assertions_follow_the_task_from_created_to_completed(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid = models.review()
    key = _start(camunda_client, pid)
    task = assert_that_user_task(camunda_client, element_id="review", process_instance=key)
    task.is_created().has_assignee("alice").has_priority(50).has_name("Review order")
    message = _failure(
        lambda: assert_that_user_task(
            camunda_client,
            element_id="review",
            process_instance=key,
            timeout=FAIL_FAST,
        ).has_assignee("bob")
    )
    assert f"user task element_id='review', process_instance_key='{key}'" in message
    assert "should have assignee 'bob', but its assignee is 'alice'" in message
    assert "review (Review order): CREATED, assignee alice" in message
    [open_task] = camunda_client.user_tasks.search(filter={"processInstanceKey": key}).items
    camunda_client.user_tasks.complete(open_task.user_task_key, variables={"ok": True})
    task.is_completed()
    assert_that(camunda_client, key).is_completed().has_variable("ok", True)


def test_a_user_task_that_never_came_is_reported(camunda_client: CamundaClient) -> None:
    message = _failure(
        lambda: assert_that_user_task(
            camunda_client, element_id="nowhere", timeout=FAIL_FAST
        ).is_created()
    )
    assert "should be created, but no such user task was found" in message
    assert "user tasks: none" in message
    with pytest.raises(ValueError, match="select the user task by at least one of: element_id"):
        assert_that_user_task(camunda_client)


def test_decision_assertions_read_result_and_matched_rules(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid, decision = models.discount()
    key = _start(camunda_client, pid, amount=250)
    (
        assert_that_decision(camunda_client, decision_id=decision, process_instance=key)
        .is_evaluated()
        .has_result(0.1)
        .has_matched_rules(2)
        .has_only_matched_rules("large")
    )
    assert_that(camunda_client, key).is_completed().has_variable("rate", 0.1)
    message = _failure(
        lambda: assert_that_decision(
            camunda_client, process_instance=key, timeout=FAIL_FAST
        ).has_matched_rules("small")
    )
    assert "should match rules small, but it matched rule 2 (large)" in message
    assert "newest inputs: {'Amount': '250'}" in message
    message = _failure(
        lambda: assert_that_decision(
            camunda_client, process_instance=key, timeout=FAIL_FAST
        ).has_result(0)
    )
    assert "should have result 0, but its result is 0.1" in message


def test_a_failed_decision_is_reported_at_once_with_its_failure(
    camunda_client: CamundaClient, models: Models
) -> None:
    pid, decision = models.discount()
    key = _start(camunda_client, pid, amount=20000)  # "large" and "clash" match: UNIQUE fails
    assert_that_decision(camunda_client, decision_id=decision, process_instance=key).is_failed()
    (
        assert_that(camunda_client, key)
        .is_active()
        .has_incident("DECISION_EVALUATION_ERROR", element="decide", message="UNIQUE")
    )
    message = _failure(
        lambda: assert_that_decision(
            camunda_client, decision_id=decision, process_instance=key, timeout=60
        ).is_evaluated()
    )
    assert "should be evaluated, but it is FAILED (" in message
    assert "UNIQUE hit policy" in message
    assert "waited" not in message  # a failed evaluation stays failed


# -- the clock ------------------------------------------------------------------------


@pytest.mark.camunda_controlled_clock
def test_advancing_the_clock_fires_a_timer(
    camunda_client: CamundaClient,
    camunda_clock: ClusterClock,
    camunda_job_mock: MockJob,
    models: Models,
) -> None:
    pid, job = models.timed()
    camunda_job_mock(job).complete()
    key = _start(camunda_client, pid)
    assert_that(camunda_client, key).has_active_elements("wait")
    camunda_clock.advance(minutes=59)
    assert_that(camunda_client, key).has_active_elements("One hour")
    camunda_clock.advance(minutes=1)
    assert_that(camunda_client, key).is_completed().has_completed_elements("wait", "ship")
    with pytest.raises(ValueError, match="only moves forward"):
        camunda_clock.advance(seconds=-1)


@pytest.mark.camunda_controlled_clock
def test_a_user_task_left_too_long_is_canceled_by_its_timer(
    camunda_client: CamundaClient, camunda_clock: ClusterClock, models: Models
) -> None:
    pid = models.review()
    camunda_clock.pin(datetime(2026, 1, 1, tzinfo=timezone.utc))
    key = _start(camunda_client, pid)
    task = assert_that_user_task(camunda_client, element_id="review", process_instance=key)
    task.is_created()
    camunda_clock.advance(days=1)
    task.is_canceled()
    message = _failure(
        lambda: assert_that_user_task(
            camunda_client, element_id="review", process_instance=key, timeout=60
        ).is_completed()
    )
    assert "should be completed, but it is CANCELED." in message  # at once: never completes
    (
        assert_that(camunda_client, key)
        .is_completed()
        .has_terminated_elements("review")
        .has_completed_elements("too-late", "expired")
    )


# -- the async client -----------------------------------------------------------------


@pytest.mark.anyio
async def test_async_assertions_are_awaited_and_fail_the_same_way(
    camunda_async_client: CamundaAsyncClient, camunda_job_mock: MockJob, models: Models
) -> None:
    pid, job = models.order()
    key = (
        await camunda_async_client.process_instances.create(
            process_definition_id=pid, variables={"amount": 5}
        )
    ).process_instance_key
    check = assert_that(camunda_async_client, key)
    await check.is_active()
    await check.has_active_elements("pay")
    with pytest.raises(AssertionError, match=r"should be completed, but it is ACTIVE"):
        await assert_that(camunda_async_client, key, timeout=FAIL_FAST).is_completed()
    camunda_job_mock(job).complete({"paid": True})
    await check.is_completed()
    await check.has_variables({"amount": 5, "paid": True})
    task = assert_that_user_task(camunda_async_client, element_id="none", timeout=FAIL_FAST)
    with pytest.raises(AssertionError, match="no such user task was found"):
        await task.is_created()
