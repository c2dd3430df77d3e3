"""Process tests: BPMN models run on the fake cluster through the SDK's sync client.

The models are written here, in the tests that use them (no third-party models).
``Harness`` reads everything back through the public REST API (element instances,
variables, incidents), as a test against a real cluster would.
"""

from __future__ import annotations

import itertools
import json
from typing import TYPE_CHECKING, Any

import pytest

from camunda.testing import FakeCluster

if TYPE_CHECKING:
    from collections.abc import Iterator

    from camunda import CamundaClient

_HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
           'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" '
           'targetNamespace="http://example.com/tests">\n')


def bpmn(body: str, *, process_id: str = "p", definitions: str = "") -> bytes:
    """A BPMN document with one process ``process_id`` holding ``body``."""
    return (f'{_HEADER}{definitions}<bpmn:process id="{process_id}" isExecutable="true">'
            f'{body}</bpmn:process></bpmn:definitions>').encode()


def flows(*chain: str, prefix: str = "f") -> str:
    """Sequence flows along ``chain`` (element ids), named ``<prefix><n>``."""
    return "".join(f'<bpmn:sequenceFlow id="{prefix}{n}" sourceRef="{a}" targetRef="{b}"/>'
                   for n, (a, b) in enumerate(itertools.pairwise(chain)))


def service(element_id: str, job_type: str | None = None, inner: str = "") -> str:
    return (f'<bpmn:serviceTask id="{element_id}"><bpmn:extensionElements>'
            f'<zeebe:taskDefinition type="{job_type or element_id}"/>{inner}'
            '</bpmn:extensionElements></bpmn:serviceTask>')


class Harness:
    """Deploy, start, work jobs and read back, in as few words as a test needs."""

    def __init__(self, cluster: FakeCluster, client: CamundaClient) -> None:
        self.cluster = cluster
        self.client = client
        self.now = 1_767_225_600_000  # 2026-01-01T00:00:00Z
        client.clock.pin(timestamp=self.now)

    def deploy(self, *models: bytes) -> None:
        self.client.deployments.create(
            resources=[(f"model-{n}.bpmn", model) for n, model in enumerate(models)])

    def start(self, process_id: str = "p", **variables: Any) -> str:
        created = self.client.process_instances.create(process_definition_id=process_id,
                                                       variables=variables)
        return created.process_instance_key

    def job(self, job_type: str) -> Any:
        jobs = self.client.jobs.activate(type=job_type, timeout=60_000, max_jobs_to_activate=1,
                                         request_timeout=-1).jobs
        assert len(jobs) == 1, f"expected a '{job_type}' job, found none"
        return jobs[0]

    def complete(self, job_type: str, **variables: Any) -> Any:
        job = self.job(job_type)
        self.client.jobs.complete(job.job_key, variables=variables)
        return job

    def no_job(self, job_type: str) -> None:
        jobs = self.client.jobs.activate(type=job_type, timeout=60_000, max_jobs_to_activate=5,
                                         request_timeout=-1).jobs
        assert jobs == [], f"unexpected '{job_type}' jobs"

    def elements(self, key: str) -> dict[str, list[str]]:
        """Element id -> the states of its instances, in the order they started."""
        found = self.client.element_instances.search(
            filter={"processInstanceKey": key}, page={"limit": 1000},
            sort=[{"field": "elementInstanceKey"}])
        result: dict[str, list[str]] = {}
        for item in found.items:
            result.setdefault(item.element_id, []).append(str(item.state))
        return result

    def state(self, key: str) -> str:
        return str(self.client.process_instances.get(key).state)

    def variables(self, key: str) -> dict[str, Any]:
        """The process instance's own (process scope) variables."""
        found = self.client.variables.search(filter={"processInstanceKey": key, "scopeKey": key},
                                             page={"limit": 1000})
        return {item.name: json.loads(item.value) for item in found.items}

    def incidents(self, key: str) -> list[Any]:
        return list(self.client.incidents.search(
            filter={"processInstanceKey": key, "state": "ACTIVE"}).items)

    def advance(self, ms: int) -> None:
        """Move the cluster clock forward; timers that fall due fire."""
        self.now += ms
        self.client.clock.pin(timestamp=self.now)


@pytest.fixture
def harness() -> Iterator[Harness]:
    with FakeCluster(seed=1) as cluster, cluster.client(max_retries=0) as client:
        yield Harness(cluster, client)
