"""What the fake cluster stores, as plain dataclasses; introspection returns copies."""

from __future__ import annotations

import copy
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

__all__ = [
    "ClusterStats",
    "FakeIncident",
    "FakeJob",
    "FakeJobState",
    "FakeMessage",
    "FakeProcessInstance",
    "FakeUserTask",
    "Faults",
]

T = TypeVar("T")


class FakeJobState(str, Enum):
    """Where a job is in its life, as the fake cluster sees it (``FakeJob.state``).

    Not the API's ``camunda.models.jobs.JobState``: the fake tells an activatable job from
    an activated one, which the API reports alike as ``CREATED``.
    """

    ACTIVATABLE = "ACTIVATABLE"
    ACTIVATED = "ACTIVATED"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    """Failed and waiting: for its retry back-off, or (``retries == 0``) at an incident."""
    ERROR_THROWN = "ERROR_THROWN"

    def __str__(self) -> str:
        return self.value


@dataclass
class Faults:
    """Faults injected into every request; change them at any time.

    Attributes:
        backpressure_rate: fraction of requests answered ``503 RESOURCE_EXHAUSTED``
            (job completion, failure and errors are exempt, as on a real cluster).
        latency: seconds added to each request.
        drop_rate: fraction of requests whose connection drops before an answer.
    """

    backpressure_rate: float = 0.0
    latency: float = 0.0
    drop_rate: float = 0.0


@dataclass
class ClusterStats:
    """Counters: requests per operationId, and the faults answered per kind."""

    requests: dict[str, int] = field(default_factory=dict[str, int])
    faults: dict[str, int] = field(default_factory=dict[str, int])

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())


@dataclass
class FakeJob:
    """A job: a service task's, or a standalone one from ``FakeCluster.add_jobs``.

    ``completions`` counts every completion request for the job, including rejected
    duplicates, so a test can assert that a worker completed each job exactly once.
    """

    key: str
    type: str
    retries: int
    variables: dict[str, Any]
    custom_headers: dict[str, Any]
    process_instance_key: str = "-1"
    process_definition_id: str = "standalone-job"
    process_definition_key: str = "-1"
    process_definition_version: int = 1
    element_id: str = "standalone-job"
    element_instance_key: str = "-1"
    state: FakeJobState = FakeJobState.ACTIVATABLE
    worker: str = ""
    deadline: int | None = None
    """Epoch milliseconds when an activated job times out."""
    retry_at: int | None = None
    """Epoch milliseconds when a failed job with retries left becomes activatable."""
    activations: int = 0
    completions: int = 0
    result_variables: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    """The completion's ``result`` (a listener's decision) in wire form, if one was sent."""
    error_code: str | None = None
    error_message: str | None = None
    incident_key: str | None = None
    created_ms: int = 0
    updated_ms: int = 0
    ended_ms: int | None = None


@dataclass
class FakeProcessInstance:
    """A process instance of a deployed process."""

    key: str
    process_definition_id: str
    process_definition_key: str
    process_definition_version: int
    process_definition_name: str | None
    variables: dict[str, Any]
    state: str = "ACTIVE"
    """``ACTIVE``, ``COMPLETED`` or ``TERMINATED`` (a BPMN error ended its token)."""
    element_id: str | None = None
    """The element the token waits at (a service or user task)."""
    has_incident: bool = False
    started_ms: int = 0
    ended_ms: int | None = None
    error_code: str | None = None


@dataclass
class FakeUserTask:
    """A user task waiting for (or done with) a person."""

    key: str
    element_id: str
    name: str | None
    process_instance_key: str
    process_definition_id: str
    process_definition_key: str
    process_definition_version: int
    element_instance_key: str
    state: str = "CREATED"
    assignee: str | None = None
    variables: dict[str, Any] = field(default_factory=dict[str, Any])
    created_ms: int = 0
    completed_ms: int | None = None


@dataclass
class FakeIncident:
    """An incident: raised when a job fails with no retries left."""

    key: str
    job_key: str
    process_instance_key: str
    process_definition_id: str
    process_definition_key: str
    element_id: str
    element_instance_key: str
    error_message: str
    error_type: str = "JOB_NO_RETRIES"
    state: str = "ACTIVE"
    created_ms: int = 0


@dataclass
class FakeMessage:
    """A published message (the fake correlates it to nothing)."""

    key: str
    name: str
    correlation_key: str
    variables: dict[str, Any]
    time_to_live: int
    message_id: str | None


class Store(Generic[T]):
    """Records by key, keeping at most ``cap`` finished ones (the oldest go first)."""

    __slots__ = ("_cap", "_finished", "items")

    def __init__(self, cap: int) -> None:
        self._cap = cap
        self.items: dict[str, T] = {}
        self._finished: OrderedDict[str, None] = OrderedDict()

    def add(self, key: str, record: T) -> None:
        self.items[key] = record

    def get(self, key: str) -> T | None:
        return self.items.get(key)

    def finish(self, key: str) -> None:
        """Mark a record as done; evict the oldest done records beyond the cap."""
        self._finished[key] = None
        while len(self._finished) > self._cap:
            old, _ = self._finished.popitem(last=False)
            self.items.pop(old, None)

    def snapshot(self, key: str) -> T | None:
        record = self.items.get(key)
        return None if record is None else copy.deepcopy(record)

    def snapshots(self) -> list[T]:
        return [copy.deepcopy(record) for record in self.items.values()]
