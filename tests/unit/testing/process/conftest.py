"""Process tests: BPMN models run through the SDK's sync client, on the fake cluster or,
with ``CAMUNDA_REST_ADDRESS`` set, on a real one (``pytest -m camunda``; see
docs/testing.md).

The models are written here, in the tests that use them (no third-party models).
``Harness`` talks to the cluster only through the public REST API (deploy, start, jobs,
element instances, variables, incidents), so a test runs unchanged on a real cluster.
A test that moves the clock is marked ``camunda_controlled_clock`` (the harness then pins
the clock at 2026-01-01T00:00:00Z and resets it afterwards); one that inspects the fake
itself is marked ``camunda_fake_only``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from typing import TYPE_CHECKING, Any

import pytest

from camunda import ConflictError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from camunda import CamundaClient
    from camunda.testing import FakeCluster

_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" '
    'targetNamespace="http://example.com/tests">\n'
)


def bpmn(body: str, *, process_id: str = "p", definitions: str = "") -> bytes:
    """A BPMN document with one process ``process_id`` holding ``body``."""
    return (
        f'{_HEADER}{definitions}<bpmn:process id="{process_id}" isExecutable="true">'
        f"{body}</bpmn:process></bpmn:definitions>"
    ).encode()


def flows(*chain: str, prefix: str = "f") -> str:
    """Sequence flows along ``chain`` (element ids), named ``<prefix><n>``."""
    return "".join(
        f'<bpmn:sequenceFlow id="{prefix}{n}" sourceRef="{a}" targetRef="{b}"/>'
        for n, (a, b) in enumerate(itertools.pairwise(chain))
    )


def service(element_id: str, job_type: str | None = None, inner: str = "") -> str:
    return (
        f'<bpmn:serviceTask id="{element_id}"><bpmn:extensionElements>'
        f'<zeebe:taskDefinition type="{job_type or element_id}"/>{inner}'
        "</bpmn:extensionElements></bpmn:serviceTask>"
    )


class Harness:
    """Deploy, start, work jobs and read back, in as few words as a test needs."""

    def __init__(self, request: pytest.FixtureRequest, client: CamundaClient) -> None:
        self._request = request
        self.client = client
        self.started: list[str] = []
        self.definition_key = ""  # the process definition deployed last
        self.now = 1_767_225_600_000  # 2026-01-01T00:00:00Z
        # On a real cluster, jobs are created after ``create`` answers: wait for them.
        self._job_wait = -1 if self.fake else 10_000

    @property
    def fake(self) -> bool:
        """Whether the client talks to this test's fake cluster (not a real one)."""
        return "camunda_cluster" in self._request.fixturenames

    @property
    def cluster(self) -> FakeCluster:
        """The fake cluster, for tests marked ``camunda_fake_only``."""
        assert self._request.node.get_closest_marker("camunda_fake_only"), (
            "a test that inspects the fake cluster is marked camunda_fake_only"
        )
        cluster: FakeCluster = self._request.getfixturevalue("camunda_cluster")
        return cluster

    def deploy(self, *models: bytes) -> None:
        deployed = self.client.deployments.create(
            resources=[(f"model-{n}.bpmn", model) for n, model in enumerate(models)]
        )
        for each in deployed.deployments:
            if each.process_definition is not None:
                self.definition_key = each.process_definition.process_definition_key

    def start(self, process_id: str = "p", **variables: Any) -> str:
        created = self.client.process_instances.create(
            process_definition_id=process_id, variables=variables
        )
        self.started.append(created.process_instance_key)
        return created.process_instance_key

    def job(self, job_type: str) -> Any:
        jobs = self.client.jobs.activate(
            type=job_type, timeout=60_000, max_jobs_to_activate=1, request_timeout=self._job_wait
        ).jobs
        assert len(jobs) == 1, f"expected a '{job_type}' job, found none"
        return jobs[0]

    def complete(self, job_type: str, **variables: Any) -> Any:
        job = self.job(job_type)
        self.client.jobs.complete(job.job_key, variables=variables)
        return job

    def no_job(self, job_type: str) -> None:
        jobs = self.client.jobs.activate(
            type=job_type, timeout=60_000, max_jobs_to_activate=5, request_timeout=-1
        ).jobs
        assert jobs == [], f"unexpected '{job_type}' jobs"

    def elements(self, key: str) -> dict[str, list[str]]:
        """Element id -> the states of its instances, in the order they started."""
        found = self.client.element_instances.search(
            filter={"processInstanceKey": key},
            page={"limit": 1000},
            sort=[{"field": "elementInstanceKey"}],
        )
        result: dict[str, list[str]] = {}
        for item in found.items:
            result.setdefault(item.element_id, []).append(str(item.state))
        return result

    def state(self, key: str) -> str:
        return str(self.client.process_instances.get(key).state)

    def variables(self, key: str) -> dict[str, Any]:
        """The process instance's own (process scope) variables."""
        found = self.client.variables.search(
            filter={"processInstanceKey": key, "scopeKey": key}, page={"limit": 1000}
        )
        return {item.name: json.loads(item.value) for item in found.items}

    def incidents(self, key: str) -> list[Any]:
        return list(
            self.client.incidents.search(
                filter={"processInstanceKey": key, "state": "ACTIVE"}
            ).items
        )

    def advance(self, ms: int) -> None:
        """Move the cluster clock forward; timers that fall due fire."""
        assert self._request.node.get_closest_marker("camunda_controlled_clock"), (
            "a test that moves the clock is marked camunda_controlled_clock"
        )
        self.now += ms
        self.client.clock.pin(timestamp=self.now)


@pytest.fixture
def harness(request: pytest.FixtureRequest, camunda_client: CamundaClient) -> Iterator[Harness]:
    """A harness on the plugin's client: the fake cluster, or the real one configured."""
    harness = Harness(request, camunda_client)
    clock = request.node.get_closest_marker("camunda_controlled_clock") is not None
    if clock:
        camunda_client.clock.pin(timestamp=harness.now)
    yield harness
    if harness.fake:
        return  # the fake cluster goes with the test
    # A real cluster is shared: leave no instance (and so no job) for the next test. The
    # state read may lag, so cancel each and let the finished ones refuse.
    for key in harness.started:
        with contextlib.suppress(ConflictError, NotFoundError):
            camunda_client.process_instances.cancel(key)
    if clock:
        camunda_client.clock.reset()
