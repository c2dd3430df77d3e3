"""The fake cluster driven through the SDK's own clients (sync and async)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import anyio
import pytest

from camunda import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    ServiceUnavailableError,
)
from camunda.testing import FakeCluster, FakeJobState

if TYPE_CHECKING:
    from .conftest import Call

pytestmark = pytest.mark.anyio

USER_TASK_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
  <bpmn:process id="approval" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
    <bpmn:userTask id="approve" name="Approve">
      <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>
"""

GATEWAY_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="branchy" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="choose" />
    <bpmn:inclusiveGateway id="choose" />
  </bpmn:process>
</bpmn:definitions>
"""


async def _start_order(call: Call, order_bpmn: bytes, **variables: object) -> str:
    deployment = await call("deployments.create", resources=[("order.bpmn", order_bpmn)])
    process = deployment.deployments[0].process_definition
    assert process is not None
    assert process.process_definition_id == "order-process"
    created = await call(
        "process_instances.create", process_definition_id="order-process", variables=variables
    )
    assert created.process_definition_key == process.process_definition_key
    return created.process_instance_key


async def test_an_order_runs_from_start_to_end(
    call: Call, cluster: FakeCluster, order_bpmn: bytes
) -> None:
    key = await _start_order(call, order_bpmn, orderId="o-1")
    for job_type, result in [
        ("reserve-stock", {"reserved": True}),
        ("charge-payment", {"charged": 42}),
        ("ship-order", {"tracking": "T-1"}),
    ]:
        activated = await call(
            "jobs.activate", type=job_type, timeout=10_000, max_jobs_to_activate=5, worker="tester"
        )
        assert [j.type for j in activated.jobs] == [job_type]
        job = activated.jobs[0]
        assert job.process_instance_key == key
        assert job.variables["orderId"] == "o-1"
        assert job.worker == "tester"
        if job_type == "charge-payment":
            assert job.variables["reserved"] is True
            assert job.custom_headers == {"currency": "EUR"}
        instance = await call("process_instances.get", key)
        assert instance.state == "ACTIVE"
        await call("jobs.complete", job.job_key, variables=result)

    instance = await call("process_instances.get", key)
    assert instance.state == "COMPLETED"
    assert instance.end_date is not None
    record = cluster.process_instance(key)
    assert record is not None
    assert record.variables == {
        "orderId": "o-1",
        "reserved": True,
        "charged": 42,
        "tracking": "T-1",
    }
    assert all(j.completions == 1 for j in cluster.jobs())
    assert cluster.stats.requests["completeJob"] == 3


async def test_fetch_variables_limit_what_a_job_carries(call: Call, cluster: FakeCluster) -> None:
    cluster.add_jobs("pick", variables={"a": 1, "b": 2})
    activated = await call(
        "jobs.activate",
        type="pick",
        timeout=1000,
        max_jobs_to_activate=1,
        fetch_variable=["b", "missing"],
    )
    assert activated.jobs[0].variables == {"b": 2}


async def test_activation_hands_out_at_most_the_asked_number(
    call: Call, cluster: FakeCluster
) -> None:
    keys = cluster.add_jobs("bulk", count=5, retries=7)
    first = await call("jobs.activate", type="bulk", timeout=1000, max_jobs_to_activate=3)
    second = await call("jobs.activate", type="bulk", timeout=1000, max_jobs_to_activate=3)
    assert [j.job_key for j in first.jobs + second.jobs] == keys
    assert {j.retries for j in first.jobs} == {7}
    assert {j.state for j in cluster.jobs(type="bulk")} == {FakeJobState.ACTIVATED}


async def test_completing_twice_is_not_found_and_counted(call: Call, cluster: FakeCluster) -> None:
    (key,) = cluster.add_jobs("once")
    await call("jobs.activate", type="once", timeout=1000, max_jobs_to_activate=1)
    await call("jobs.complete", key)
    with pytest.raises(NotFoundError) as caught:
        await call("jobs.complete", key)
    assert caught.value.status_code == 404
    job = cluster.job(key)
    assert job is not None
    assert (job.state, job.completions) == (FakeJobState.COMPLETED, 2)
    with pytest.raises(NotFoundError):
        await call("jobs.complete", "123456")


async def test_deadline_expiry_makes_a_job_activatable_again(
    call: Call, cluster: FakeCluster
) -> None:
    (key,) = cluster.add_jobs("slow")
    first = await call("jobs.activate", type="slow", timeout=50, max_jobs_to_activate=1)
    assert [j.job_key for j in first.jobs] == [key]
    none_yet = await call(
        "jobs.activate", type="slow", timeout=50, max_jobs_to_activate=1, request_timeout=-1
    )
    assert none_yet.jobs == []
    await anyio.sleep(0.08)
    job = cluster.job(key)
    assert job is not None and job.state is FakeJobState.ACTIVATABLE
    again = await call("jobs.activate", type="slow", timeout=10_000, max_jobs_to_activate=1)
    assert [j.job_key for j in again.jobs] == [key]
    assert again.jobs[0].deadline > first.jobs[0].deadline
    await call("jobs.complete", key)
    job = cluster.job(key)
    assert job is not None and job.activations == 2


async def test_a_long_poll_returns_when_a_deadline_passes(call: Call, cluster: FakeCluster) -> None:
    (key,) = cluster.add_jobs("expiring")
    await call("jobs.activate", type="expiring", timeout=100, max_jobs_to_activate=1)
    started = time.monotonic()
    again = await call(
        "jobs.activate", type="expiring", timeout=1000, max_jobs_to_activate=1, request_timeout=5000
    )
    assert [j.job_key for j in again.jobs] == [key]
    assert time.monotonic() - started < 1.0


async def test_failing_with_retries_then_at_zero_raises_an_incident(
    call: Call, cluster: FakeCluster, order_bpmn: bytes
) -> None:
    instance_key = await _start_order(call, order_bpmn)
    job = (
        await call("jobs.activate", type="reserve-stock", timeout=1000, max_jobs_to_activate=1)
    ).jobs[0]
    assert job.retries == 3
    await call("jobs.fail", job.job_key, retries=2, error_message="warehouse down")
    job = (
        await call("jobs.activate", type="reserve-stock", timeout=1000, max_jobs_to_activate=1)
    ).jobs[0]
    assert job.retries == 2
    await call("jobs.fail", job.job_key, retries=0, error_message="gave up")

    record = cluster.job(job.job_key)
    assert record is not None
    assert (record.state, record.retries, record.error_message) == (
        FakeJobState.FAILED,
        0,
        "gave up",
    )
    (incident,) = cluster.incidents()
    assert (incident.job_key, incident.process_instance_key) == (job.job_key, instance_key)
    assert record.incident_key == incident.key
    assert (await call("process_instances.get", instance_key)).has_incident is True
    found = await call("incidents.search", filter={"processInstanceKey": instance_key})
    assert [i.incident_key for i in found.items] == [incident.key]
    assert found.items[0].error_message == "gave up"
    fetched = await call("incidents.get", incident.key)
    assert fetched.job_key == job.job_key
    nothing = await call(
        "jobs.activate",
        type="reserve-stock",
        timeout=1000,
        max_jobs_to_activate=1,
        request_timeout=-1,
    )
    assert nothing.jobs == []
    with pytest.raises(ConflictError):
        await call("jobs.complete", job.job_key)
    with pytest.raises(ConflictError):
        await call("incidents.resolve", incident.key)

    await call("jobs.update", job.job_key, changeset={"retries": 1})
    await call("incidents.resolve", incident.key)
    assert (await call("incidents.get", incident.key)).state == "RESOLVED"
    assert (await call("process_instances.get", instance_key)).has_incident is False
    retried = await call(
        "jobs.activate", type="reserve-stock", timeout=1000, max_jobs_to_activate=1
    )
    assert [j.job_key for j in retried.jobs] == [job.job_key]


async def test_retry_back_off_delays_the_next_activation(call: Call, cluster: FakeCluster) -> None:
    (key,) = cluster.add_jobs("flaky")
    await call("jobs.activate", type="flaky", timeout=1000, max_jobs_to_activate=1)
    await call("jobs.fail", key, retries=1, retry_back_off=100)
    record = cluster.job(key)
    assert record is not None and record.state is FakeJobState.FAILED
    started = time.monotonic()
    again = await call(
        "jobs.activate", type="flaky", timeout=1000, max_jobs_to_activate=1, request_timeout=3000
    )
    assert [j.job_key for j in again.jobs] == [key]
    assert 0.05 < time.monotonic() - started < 1.0


async def test_an_uncaught_bpmn_error_is_an_incident_and_the_instance_stays(
    call: Call, cluster: FakeCluster, order_bpmn: bytes
) -> None:
    instance_key = await _start_order(call, order_bpmn)
    job = (
        await call("jobs.activate", type="reserve-stock", timeout=1000, max_jobs_to_activate=1)
    ).jobs[0]
    await call(
        "jobs.throw_error", job.job_key, error_code="OUT_OF_STOCK", error_message="none left"
    )
    record = cluster.job(job.job_key)
    assert record is not None
    assert (record.state, record.error_code) == (FakeJobState.ERROR_THROWN, "OUT_OF_STOCK")
    instance = await call("process_instances.get", instance_key)
    assert (instance.state, instance.has_incident) == ("ACTIVE", True)
    [incident] = (await call("incidents.search", filter={"processInstanceKey": instance_key})).items
    assert incident.error_type == "UNHANDLED_ERROR_EVENT"
    assert "OUT_OF_STOCK" in incident.error_message
    with pytest.raises(ConflictError):
        await call("jobs.complete", job.job_key)


async def test_update_changes_retries_and_extends_the_deadline(
    call: Call, cluster: FakeCluster
) -> None:
    (key,) = cluster.add_jobs("long")
    activated = await call("jobs.activate", type="long", timeout=1000, max_jobs_to_activate=1)
    await call("jobs.update", key, changeset={"retries": 9, "timeout": 60_000})
    record = cluster.job(key)
    assert record is not None and record.deadline is not None
    assert record.retries == 9
    assert record.deadline > activated.jobs[0].deadline + 50_000
    with pytest.raises(NotFoundError):
        await call("jobs.update", "42", changeset={"retries": 1})


async def test_user_tasks_are_searched_and_completed(call: Call, cluster: FakeCluster) -> None:
    await call("deployments.create", resources=[("approval.bpmn", USER_TASK_BPMN)])
    created = await call("process_instances.create", process_definition_id="approval")
    page = await call(
        "user_tasks.search", filter={"processInstanceKey": created.process_instance_key}
    )
    (task,) = page.items
    assert (task.element_id, task.name, str(task.state)) == ("approve", "Approve", "CREATED")
    assert (await call("user_tasks.get", task.user_task_key)).user_task_key == task.user_task_key
    await call("user_tasks.complete", task.user_task_key, variables={"approved": True})
    instance = await call("process_instances.get", created.process_instance_key)
    assert instance.state == "COMPLETED"
    record = cluster.process_instance(created.process_instance_key)
    assert record is not None and record.variables == {"approved": True}
    with pytest.raises(NotFoundError):
        await call("user_tasks.complete", task.user_task_key)


async def test_searches_page_by_cursor(call: Call, cluster: FakeCluster, order_bpmn: bytes) -> None:
    await call("deployments.create", resources=[("order.bpmn", order_bpmn)])
    keys = [
        (
            await call("process_instances.create", process_definition_id="order-process")
        ).process_instance_key
        for _ in range(5)
    ]
    first = await call("process_instances.search", page={"limit": 2})
    assert [i.process_instance_key for i in first.items] == keys[:2]
    assert first.page.total_items == 5
    following = await call(
        "process_instances.search", page={"limit": 2, "after": first.page.end_cursor}
    )
    assert [i.process_instance_key for i in following.items] == keys[2:4]
    back = await call(
        "process_instances.search", page={"limit": 2, "before": following.page.start_cursor}
    )
    assert [i.process_instance_key for i in back.items] == keys[:2]
    if hasattr(first, "__aiter__"):
        walked = [i.process_instance_key async for i in first]
    else:
        walked = [i.process_instance_key for i in first]
    assert walked == keys
    newest = await call(
        "process_instances.search",
        sort=[{"field": "processInstanceKey", "order": "DESC"}],
        page={"limit": 1},
    )
    assert newest.items[0].process_instance_key == keys[-1]
    jobs = await call("jobs.search", filter={"type": "reserve-stock"})
    assert jobs.page.total_items == 5
    none = await call("process_instances.search", filter={"state": "COMPLETED"})
    assert none.items == []
    definitions = await call("process_definitions.search")
    assert [d.process_definition_id for d in definitions.items] == ["order-process"]


async def test_redeploying_bumps_the_version_only_when_the_resource_changed(
    call: Call, order_bpmn: bytes
) -> None:
    changed = order_bpmn.replace(b'name="Ship order"', b'name="Ship the order"')
    assert changed != order_bpmn
    deployments = [
        await call("deployments.create", resources=[("order.bpmn", data)])
        for data in (order_bpmn, order_bpmn, changed)
    ]
    definitions = [d.deployments[0].process_definition for d in deployments]
    assert [d.process_definition_version for d in definitions] == [1, 1, 2]
    assert definitions[0].process_definition_key == definitions[1].process_definition_key
    key = definitions[2].process_definition_key
    assert (await call("process_definitions.get", key)).version == 2
    assert "order-process" in await call("process_definitions.get_xml", key)


async def test_unsupported_bpmn_is_rejected_naming_the_element(call: Call) -> None:
    with pytest.raises(BadRequestError) as caught:
        await call("deployments.create", resources=[("branchy.bpmn", GATEWAY_BPMN)])
    assert "inclusiveGateway" in str(caught.value)
    assert "choose" in str(caught.value)


async def test_an_instance_starts_by_definition_key(call: Call, order_bpmn: bytes) -> None:
    deployment = await call("deployments.create", resources=[("order.bpmn", order_bpmn)])
    key = deployment.deployments[0].process_definition.process_definition_key
    created = await call("process_instances.create", process_definition_key=key, variables={"x": 1})
    assert created.variables == {"x": 1}
    jobs = await call("jobs.search", filter={"processInstanceKey": created.process_instance_key})
    assert [j.element_id for j in jobs.items] == ["reserve-stock"]


async def test_unknown_process_is_not_found(call: Call) -> None:
    with pytest.raises(NotFoundError):
        await call("process_instances.create", process_definition_id="nope")


async def test_messages_are_recorded(call: Call, cluster: FakeCluster) -> None:
    published = await call(
        "messages.publish", name="paid", correlation_key="o-1", variables={"amount": 3}
    )
    (message,) = cluster.messages()
    assert (message.key, message.name, message.correlation_key) == (
        published.message_key,
        "paid",
        "o-1",
    )
    assert message.variables == {"amount": 3}


async def test_topology(call: Call) -> None:
    topology = await call("cluster.get_topology")
    assert topology.cluster_size == 1
    assert topology.brokers[0].partitions[0].partition_id == 1


# ---------------------------------------------------------------------- raw HTTP


def test_unknown_paths_and_bad_bodies_get_problem_json(cluster: FakeCluster) -> None:
    with cluster.http_client() as http:
        missing = http.get("/v2/no-such-thing")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.json()["status"] == 404
        lacking = http.post("/v2/process-instances/1/modification", json={})
        assert lacking.status_code == 501
        assert "modifyProcessInstance" in lacking.json()["detail"]
        bad = http.post("/v2/jobs/activation", json={"type": "x", "maxJobsToActivate": 0})
        assert bad.status_code == 400
        assert "timeout" in bad.json()["detail"]
        assert "maxJobsToActivate" in bad.json()["detail"]
        bad_key = http.post("/v2/jobs/abc/completion", json={})
        assert bad_key.status_code == 400
    assert cluster.stats.requests == {"unknown": 2, "activateJobs": 1, "completeJob": 1}


async def test_the_async_http_client_answers_in_process(cluster: FakeCluster) -> None:
    async with cluster.async_http_client() as http:
        response = await http.get("/v2/topology")
    assert response.status_code == 200
    assert response.json()["gatewayVersion"] == "8.9.0"


# ---------------------------------------------------------------------- long polling


async def test_an_async_long_poll_wakes_when_a_job_appears(cluster: FakeCluster) -> None:
    async with cluster.async_client() as client:
        result: list[str] = []

        async def poll() -> None:
            activated = await client.jobs.activate(
                type="late", timeout=1000, max_jobs_to_activate=1, request_timeout=10_000
            )
            result.extend(j.job_key for j in activated.jobs)

        started = time.monotonic()
        async with anyio.create_task_group() as tg:
            tg.start_soon(poll)
            await anyio.sleep(0.05)
            assert result == []
            keys = cluster.add_jobs("late")
        assert result == keys
        assert time.monotonic() - started < 2


async def test_an_async_long_poll_wakes_on_a_job_added_from_another_thread(
    cluster: FakeCluster,
) -> None:
    timer = threading.Timer(0.05, cluster.add_jobs, args=("threaded",))
    async with cluster.async_client() as client:
        started = time.monotonic()
        timer.start()
        activated = await client.jobs.activate(
            type="threaded", timeout=1000, max_jobs_to_activate=1, request_timeout=10_000
        )
        assert len(activated.jobs) == 1
        assert time.monotonic() - started < 2


def test_a_sync_long_poll_wakes_when_a_job_appears(cluster: FakeCluster) -> None:
    timer = threading.Timer(0.05, cluster.add_jobs, args=("late",))
    with cluster.client() as client:
        started = time.monotonic()
        timer.start()
        activated = client.jobs.activate(
            type="late", timeout=1000, max_jobs_to_activate=1, request_timeout=10_000
        )
        assert len(activated.jobs) == 1
        assert time.monotonic() - started < 2


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_an_answer_slower_than_the_request_timeout_times_out_as_over_a_socket(
    kind: str,
) -> None:
    latency = 5.0  # fifty times the timeout: the error must come at the timeout, not after
    with FakeCluster(latency=latency) as cluster:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            if kind == "sync":
                with cluster.client(request_timeout=0.1, max_retries=0) as client:
                    client.cluster.get_topology()
            else:
                async with cluster.async_client(request_timeout=0.1, max_retries=0) as aclient:
                    await aclient.cluster.get_topology()
        elapsed = time.monotonic() - started
        print(f"timed out after {elapsed:.3f} s (request_timeout 0.1 s, latency {latency} s)")
        assert elapsed < latency


async def test_calls_to_the_in_process_fake_yield_to_other_tasks_as_over_a_socket() -> None:
    order: list[str] = []
    with FakeCluster() as cluster:
        async with cluster.async_client() as client:

            async def calls() -> None:
                for _ in range(5):
                    await client.cluster.get_topology()
                    order.append("call")

            async def other() -> None:
                order.append("other")

            async with anyio.create_task_group() as tg:
                tg.start_soon(calls)
                tg.start_soon(other)
    assert order.count("call") == 5
    assert order.index("other") < 5  # it ran between the calls, not after all of them


async def test_a_loop_of_calls_to_the_in_process_fake_honours_its_cancel_scope() -> None:
    done = 0
    with FakeCluster() as cluster:
        async with cluster.async_client() as client:
            with anyio.move_on_after(0) as scope:  # already expired: the first await cancels
                for _ in range(1000):
                    await client.cluster.get_topology()
                    done += 1
    assert scope.cancelled_caught
    assert done == 0


def test_an_empty_long_poll_ends_at_its_request_timeout(cluster: FakeCluster) -> None:
    with cluster.client() as client:
        started = time.monotonic()
        activated = client.jobs.activate(
            type="none", timeout=1000, max_jobs_to_activate=1, request_timeout=100
        )
        assert activated.jobs == []
        assert 0.09 < time.monotonic() - started < 30  # ends at the timeout, never hangs


def test_closing_the_cluster_ends_long_polls_promptly() -> None:
    cluster = FakeCluster()
    timer = threading.Timer(0.05, cluster.close)
    with cluster.client(max_retries=0) as client:
        started = time.monotonic()
        timer.start()
        activated = client.jobs.activate(
            type="never", timeout=1000, max_jobs_to_activate=1, request_timeout=30_000
        )
        assert activated.jobs == []
        assert time.monotonic() - started < 2
        with pytest.raises(APIConnectionError):
            client.cluster.get_topology()


async def test_closing_the_cluster_ends_async_long_polls_promptly() -> None:
    cluster = FakeCluster()
    async with cluster.async_client() as client, anyio.create_task_group() as tg:
        started = time.monotonic()
        tg.start_soon(_close_soon, cluster)
        activated = await client.jobs.activate(
            type="never", timeout=1000, max_jobs_to_activate=1, request_timeout=30_000
        )
        assert activated.jobs == []
        assert time.monotonic() - started < 2


async def _close_soon(cluster: FakeCluster) -> None:
    await anyio.sleep(0.05)
    cluster.close()


# ---------------------------------------------------------------------- faults


def test_backpressure_is_injected_at_the_configured_rate() -> None:
    cluster = FakeCluster(backpressure_rate=0.3, seed=7)
    rejected = 0
    with cluster.client(max_retries=0) as client:
        for _ in range(400):
            try:
                client.cluster.get_topology()
            except ServiceUnavailableError as exc:
                assert exc.is_backpressure
                rejected += 1
    assert 80 < rejected < 160
    assert cluster.stats.faults == {"backpressure": rejected}
    assert cluster.stats.requests == {"getTopology": 400}


def test_the_same_seed_draws_the_same_faults() -> None:
    def outcomes() -> list[bool]:
        cluster = FakeCluster(backpressure_rate=0.5, seed=3)
        with cluster.http_client() as http:
            return [http.get("/v2/topology").status_code == 503 for _ in range(50)]

    assert outcomes() == outcomes()


def test_job_completion_is_never_backpressured() -> None:
    cluster = FakeCluster(seed=1)
    keys = cluster.add_jobs("drain", count=30)
    with cluster.client(max_retries=0) as client:
        client.jobs.activate(type="drain", timeout=10_000, max_jobs_to_activate=30)
        cluster.faults.backpressure_rate = 1.0
        for key in keys:
            client.jobs.complete(key)
        with pytest.raises(ServiceUnavailableError):
            client.jobs.activate(type="drain", timeout=1000, max_jobs_to_activate=1)
    assert len(cluster.jobs(state=FakeJobState.COMPLETED)) == 30


async def test_dropped_connections_are_transport_errors(cluster: FakeCluster) -> None:
    cluster.faults.drop_rate = 1.0
    async with cluster.async_client(max_retries=0) as client:
        with pytest.raises(APIConnectionError):
            await client.cluster.get_topology()
    with cluster.client(max_retries=0) as sync_client, pytest.raises(APIConnectionError):
        sync_client.cluster.get_topology()
    assert cluster.stats.faults == {"dropped": 2}


async def test_the_sdk_retries_through_injected_faults() -> None:
    cluster = FakeCluster(backpressure_rate=0.3, drop_rate=0.1, seed=11)
    async with cluster.async_client(
        max_retries=10, retry_initial_delay=0.001, retry_max_delay=0.002
    ) as client:
        for _ in range(20):
            assert (await client.cluster.get_topology()).cluster_size == 1
    stats = cluster.stats
    assert stats.requests["getTopology"] == 20 + sum(stats.faults.values())
    assert stats.faults["backpressure"] > 0


def test_latency_is_added_to_each_request() -> None:
    cluster = FakeCluster(latency=0.05)
    with cluster.client() as client:
        started = time.monotonic()
        client.cluster.get_topology()
        client.cluster.get_topology()
    assert time.monotonic() - started >= 0.1


# ---------------------------------------------------------------------- memory


def test_only_the_newest_finished_records_are_kept() -> None:
    cluster = FakeCluster(max_records=3)
    keys = cluster.add_jobs("capped", count=5)
    with cluster.client() as client:
        client.jobs.activate(type="capped", timeout=10_000, max_jobs_to_activate=5)
        for key in keys:
            client.jobs.complete(key)
    assert [j.key for j in cluster.jobs()] == keys[2:]
    assert cluster.job(keys[0]) is None
