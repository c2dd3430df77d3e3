"""The read side and the gateway's own rules: element instances, variables, job states,
statistics, search operators and cursors, timestamps, 400s, read lag."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta

import pytest

from camunda import BadRequestError, NotFoundError
from camunda.testing import FakeCluster

from .conftest import Harness, bpmn, flows, service

TWO_STEPS = bpmn(
    '<bpmn:startEvent id="start"/>'
    + service("one")
    + service("two")
    + '<bpmn:endEvent id="end"/>'
    + flows("start", "one", "two", "end")
)


def test_element_instances_and_variables_are_readable_by_key(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    key = harness.start(customer={"name": "Ada"})
    job = harness.job("one")
    element = harness.client.element_instances.get(job.element_instance_key)
    assert (element.element_id, str(element.type), str(element.state)) == (
        "one",
        "SERVICE_TASK",
        "ACTIVE",
    )
    assert element.process_instance_key == key
    [variable] = harness.client.variables.search(
        filter={"name": "customer", "processInstanceKey": key}
    ).items
    assert json.loads(variable.value) == {"name": "Ada"}
    assert variable.scope_key == key
    assert harness.client.variables.get(variable.variable_key).name == "customer"
    with pytest.raises(NotFoundError):
        harness.client.element_instances.get("1")


def test_variable_values_filter_and_like(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    keys = [harness.start(tier=tier) for tier in ("gold", "silver", "golden")]
    found = harness.client.process_instances.search(
        filter={
            "processDefinitionKey": harness.definition_key,
            "variables": [{"name": "tier", "value": '"gold"'}],
        }
    )
    assert [i.process_instance_key for i in found.items] == keys[:1]
    liked = harness.client.variables.search(filter={"name": "tier", "value": {"$like": '"gold*"'}})
    assert sorted(json.loads(v.value) for v in liked.items if v.process_instance_key in keys) == [
        "gold",
        "golden",
    ]


@pytest.mark.camunda_controlled_clock
def test_or_and_range_filters(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    keys: list[str] = []
    for _ in range(4):
        keys.append(harness.start())
        harness.advance(60_000)
    harness.complete("one")
    start = harness.client.process_instances.get(keys[0]).start_date
    ranged = harness.client.process_instances.search(
        filter={
            "processDefinitionKey": harness.definition_key,
            "startDate": {
                "$gt": start.isoformat(),
                "$lte": (start + timedelta(minutes=2)).isoformat(),
            },
        }
    )
    assert [i.process_instance_key for i in ranged.items] == keys[1:3]
    either = harness.client.process_instances.search(
        filter={
            "processDefinitionKey": harness.definition_key,
            "$or": [{"processInstanceKey": keys[3]}, {"startDate": start.isoformat()}],
        }
    )
    assert sorted(i.process_instance_key for i in either.items) == [keys[0], keys[3]]


def test_cursors_neither_repeat_nor_skip_rows_inserted_while_paging(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    keys = [harness.start() for _ in range(4)]
    sort = [{"field": "processInstanceKey", "order": "DESC"}]
    mine = {"processDefinitionKey": harness.definition_key}
    first = harness.client.process_instances.search(filter=mine, sort=sort, page={"limit": 2})
    assert [i.process_instance_key for i in first.items] == keys[:1:-1]
    harness.start()  # newer than the cursor: belongs before it, not on the next page
    cursor = first.page.end_cursor
    second = harness.client.process_instances.search(
        filter=mine, sort=sort, page={"limit": 2, "after": cursor}
    )
    assert [i.process_instance_key for i in second.items] == keys[1::-1]


@pytest.mark.camunda_controlled_clock
def test_job_search_reports_failed_timed_out_and_retries_left(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    harness.start()
    harness.start()
    failing, expiring = harness.client.jobs.activate(
        type="one", timeout=1_000, max_jobs_to_activate=2
    ).jobs
    harness.client.jobs.fail(failing.job_key, retries=2, error_message="flaky")
    harness.advance(1_000)
    states = {j.job_key: j for j in harness.client.jobs.search(filter={"type": "one"}).items}
    assert str(states[failing.job_key].state) == "FAILED"
    assert states[failing.job_key].has_failed_with_retries_left is True
    assert str(states[expiring.job_key].state) == "TIMED_OUT"
    harness.client.jobs.fail(expiring.job_key, retries=0)
    [incident] = harness.client.incidents.search(
        filter={"errorType": "JOB_NO_RETRIES", "processInstanceKey": expiring.process_instance_key}
    ).items
    assert incident.job_key == expiring.job_key
    exhausted = harness.client.jobs.search(filter={"jobKey": expiring.job_key}).items[0]
    assert (str(exhausted.state), exhausted.has_failed_with_retries_left) == ("FAILED", False)


def test_element_statistics_count_what_ran(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    key = harness.start()
    harness.complete("one")
    stats = harness.client.process_instances.get_element_statistics(key)
    counts = {s.element_id: (s.active, s.completed) for s in stats.items}
    assert counts == {"start": (0, 1), "one": (0, 1), "two": (1, 0)}


def test_timestamps_end_in_z_like_the_gateway() -> None:
    with FakeCluster() as cluster, cluster.http_client() as http:
        cluster.add_jobs("t")
        row = http.post("/v2/jobs/search", json={}).json()["items"][0]
        assert row["creationTime"].endswith("Z")
        assert "+00:00" not in row["creationTime"]


def test_await_completion_false_and_null_are_accepted() -> None:
    with FakeCluster() as cluster, cluster.http_client() as http:
        http.post("/v2/deployments", files={"resources": ("p.bpmn", TWO_STEPS)})
        for flag in (False, None):
            created = http.post(
                "/v2/process-instances", json={"processDefinitionId": "p", "awaitCompletion": flag}
            )
            assert created.status_code == 200, created.text


@pytest.mark.parametrize(
    "body",
    [
        {"type": "x", "timeout": 0, "maxJobsToActivate": 1},
        {"type": "  ", "timeout": 1000, "maxJobsToActivate": 1},
        {"type": "x", "timeout": 1000, "maxJobsToActivate": 1, "tenantIds": ["other"]},
    ],
)
def test_the_gateway_refuses_bad_activations(body: dict[str, object]) -> None:
    with FakeCluster() as cluster, cluster.http_client() as http:
        answer = http.post("/v2/jobs/activation", json=body)
        assert answer.status_code == 400, answer.text


def test_an_empty_job_update_is_refused(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    harness.start()
    with pytest.raises(BadRequestError):
        harness.client.jobs.update(harness.job("one").job_key, changeset={})


def test_read_lag_hides_new_records_from_eventually_consistent_reads() -> None:
    with FakeCluster(read_lag=0.3) as cluster, cluster.client() as client:
        [key] = cluster.add_jobs("lagging")
        assert client.jobs.search(filter={"type": "lagging"}).items == []
        activated = client.jobs.activate(type="lagging", timeout=1000, max_jobs_to_activate=1)
        assert [j.job_key for j in activated.jobs] == [key]  # commands see it at once
        deadline = time.monotonic() + 5
        while not client.jobs.search(filter={"type": "lagging"}).items:
            assert time.monotonic() < deadline, "the record never became visible"
            time.sleep(0.05)


def test_read_lag_hides_a_new_process_definition_as_the_spec_says_it_may() -> None:
    with FakeCluster(read_lag=0.3) as cluster, cluster.client() as client:
        deployment = client.deployments.create(resources=[("p.bpmn", TWO_STEPS)])
        [process] = deployment.processes
        key = process.process_definition_key
        definitions = client.process_definitions
        with pytest.raises(NotFoundError):
            definitions.get(key)
        with pytest.raises(NotFoundError):
            definitions.get_xml(key)
        with pytest.raises(NotFoundError):
            definitions.get_element_statistics(key)
        assert definitions.search(filter={"processDefinitionKey": key}).items == []
        instance = client.process_instances.create(process_definition_key=key)  # commands see it
        deadline = time.monotonic() + 5
        while not definitions.search(filter={"processDefinitionKey": key}).items:
            assert time.monotonic() < deadline, "the definition never became visible"
            time.sleep(0.05)
        assert definitions.get(key).process_definition_id == "p"
        assert "<bpmn:definitions" in (definitions.get_xml(key) or "")
        while not client.process_instances.get_element_statistics(
            instance.process_instance_key
        ).items:
            assert time.monotonic() < deadline, "the element instances never became visible"
            time.sleep(0.05)


def test_max_jobs_still_works_but_warns() -> None:
    with pytest.warns(DeprecationWarning, match="max_records"):
        cluster = FakeCluster(max_jobs=1)
    keys = cluster.add_jobs("capped", count=2)
    with cluster.client() as client:
        for job in client.jobs.activate(type="capped", timeout=1000, max_jobs_to_activate=2).jobs:
            client.jobs.complete(job.job_key)
    assert [j.key for j in cluster.jobs()] == keys[1:]


def test_evicted_element_instances_take_their_variables_with_them() -> None:
    with FakeCluster(max_records=2) as cluster, cluster.client() as client:
        client.deployments.create(
            resources=[
                (
                    "p.bpmn",
                    bpmn(
                        '<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>'
                        + flows("start", "end")
                    ),
                )
            ]
        )
        keys = [
            client.process_instances.create(
                process_definition_id="p", variables={"n": n}
            ).process_instance_key
            for n in range(4)
        ]
        found = client.variables.search(filter={"name": "n"}).items
        assert sorted(v.process_instance_key for v in found) == keys[3:]


@pytest.mark.camunda_fake_only
def test_await_completion_answers_when_the_instance_completes(harness: Harness) -> None:
    harness.deploy(TWO_STEPS)
    worker = threading.Thread(target=lambda: [harness.complete(t, step=t) for t in ("one", "two")])

    def complete_soon() -> None:
        deadline = time.monotonic() + 5
        while not harness.cluster.jobs(type="one"):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        worker.start()

    threading.Thread(target=complete_soon).start()
    created = harness.client.process_instances.create(
        process_definition_id="p",
        variables={"x": 1},
        await_completion=True,
        request_timeout=10_000,
        fetch_variables=["step"],
    )
    worker.join(timeout=5)
    assert created.variables == {"step": "two"}
    assert harness.state(created.process_instance_key) == "COMPLETED"


def test_await_completion_past_the_request_timeout_is_a_504() -> None:
    with FakeCluster() as cluster, cluster.http_client() as http:
        http.post("/v2/deployments", files={"resources": ("p.bpmn", TWO_STEPS)})
        answer = http.post(
            "/v2/process-instances",
            json={"processDefinitionId": "p", "awaitCompletion": True, "requestTimeout": 50},
        )
        assert answer.status_code == 504
        assert answer.json()["title"] == "DEADLINE_EXCEEDED"
