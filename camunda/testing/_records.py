"""What the fake cluster stores, as plain dataclasses; introspection returns copies."""

from __future__ import annotations

import copy
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "ClusterStats",
    "FakeElementInstance",
    "FakeEscalation",
    "FakeIncident",
    "FakeJob",
    "FakeJobState",
    "FakeMessage",
    "FakeProcessInstance",
    "FakeUserTask",
    "Faults",
    "MessageBuffer",
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
    CANCELED = "CANCELED"
    """Its element was terminated (an interrupting event, a cancelled instance)."""

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
        read_lag: seconds before a new record shows in the reads the spec marks
            eventually consistent (searches, statistics, and gets of what searches return), as an
            exporter lags behind the engine on a real cluster.
    """

    backpressure_rate: float = 0.0
    latency: float = 0.0
    drop_rate: float = 0.0
    read_lag: float = 0.0


@dataclass
class ClusterStats:
    """Counters: requests per operationId, the faults answered per kind, and the long
    polls whose client left before an answer (they take no job)."""

    requests: dict[str, int] = field(default_factory=dict[str, int])
    faults: dict[str, int] = field(default_factory=dict[str, int])
    abandoned_polls: int = 0

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
    last_change: str = "CREATED"
    """What last happened to the job while it lives, as job search reports its state:
    ``CREATED``, ``FAILED``, ``TIMED_OUT`` or ``RETRIES_UPDATED``."""
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
    """``ACTIVE``, ``COMPLETED`` or ``TERMINATED`` (cancelled, or ended by a terminate
    end event of a parent)."""
    has_incident: bool = False
    started_ms: int = 0
    ended_ms: int | None = None
    parent_process_instance_key: str | None = None
    parent_element_instance_key: str | None = None
    root_process_instance_key: str = ""


@dataclass
class FakeElementInstance:
    """One run of one BPMN element (the process itself included), with its local
    variables."""

    key: str
    element_id: str
    element_name: str | None
    type: str
    process_instance_key: str
    process_definition_id: str
    process_definition_key: str
    scope_key: str | None
    """The element instance this one runs inside (None for the process)."""
    variables: dict[str, Any] = field(default_factory=dict[str, Any])
    state: str = "ACTIVE"
    started_ms: int = 0
    ended_ms: int | None = None
    incident_key: str | None = None
    variable_keys: dict[str, str] = field(default_factory=dict[str, str])
    """The key of each local variable, by name."""


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
    """``CREATED``, ``COMPLETED`` or ``CANCELED``."""
    assignee: str | None = None
    variables: dict[str, Any] = field(default_factory=dict[str, Any])
    created_ms: int = 0
    completed_ms: int | None = None


@dataclass
class FakeIncident:
    """An incident: a job out of retries, an uncaught BPMN error, an expression that
    failed; the element waits until it is resolved."""

    key: str
    job_key: str | None
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
    """A published message; kept (buffered) until its time to live runs out."""

    key: str
    name: str
    correlation_key: str
    variables: dict[str, Any]
    time_to_live: int
    message_id: str | None
    published_ms: int = 0
    correlated_to: list[str] = field(default_factory=list[str])
    """Keys of the process instances it was correlated to."""

    @property
    def expires_ms(self) -> int:
        return self.published_ms + self.time_to_live


@dataclass
class FakeEscalation:
    """An escalation thrown by an escalation throw or end event (Zeebe's ``ESCALATION``
    record): ``ESCALATED`` to ``catch_element_id``, or ``NOT_ESCALATED`` (no catch event,
    ``catch_element_id`` empty) while the throwing event continues all the same."""

    key: str
    state: str
    escalation_code: str
    throw_element_id: str
    catch_element_id: str
    process_instance_key: str


class Store(Generic[T]):
    """Records by key, keeping at most ``cap`` finished ones (the oldest go first;
    ``on_evict`` hears of each)."""

    __slots__ = ("_cap", "_finished", "_on_evict", "items")

    def __init__(self, cap: int, on_evict: Callable[[T], None] | None = None) -> None:
        self._cap = cap
        self._on_evict = on_evict
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
            record = self.items.pop(old, None)
            if record is not None and self._on_evict is not None:
                self._on_evict(record)

    def snapshot(self, key: str) -> T | None:
        record = self.items.get(key)
        return None if record is None else copy.deepcopy(record)

    def snapshots(self) -> list[T]:
        return [copy.deepcopy(record) for record in self.items.values()]


class MessageBuffer:
    """Published messages, the newest ``cap`` kept, indexed by name and correlation key
    and by message id, so publishing and correlating never scan the whole buffer."""

    __slots__ = ("_all", "_by_id", "_by_key", "_cap")

    def __init__(self, cap: int) -> None:
        self._cap = cap
        self._all: deque[FakeMessage] = deque()
        self._by_key: dict[tuple[str, str], deque[FakeMessage]] = {}
        self._by_id: dict[tuple[str, str, str], FakeMessage] = {}

    def __iter__(self) -> Iterator[FakeMessage]:
        return iter(self._all)

    def add(self, message: FakeMessage) -> None:
        if len(self._all) >= self._cap:
            self._forget(self._all.popleft())
        self._all.append(message)
        self._by_key.setdefault((message.name, message.correlation_key), deque()).append(message)
        if message.message_id:
            self._by_id[message.name, message.correlation_key, message.message_id] = message

    def with_id(self, name: str, correlation_key: str, message_id: str) -> FakeMessage | None:
        """The message published under this id (it may have expired)."""
        return self._by_id.get((name, correlation_key, message_id))

    def waiting(self, name: str, correlation_key: str) -> list[FakeMessage]:
        """The messages of a name and correlation key, oldest first (some may have
        expired)."""
        return list(self._by_key.get((name, correlation_key), ()))

    def _forget(self, message: FakeMessage) -> None:
        key = (message.name, message.correlation_key)
        same = self._by_key[key]
        same.popleft()  # the oldest message overall is the oldest of its name and key
        if not same:
            del self._by_key[key]
        id_key = (message.name, message.correlation_key, message.message_id or "")
        if message.message_id and self._by_id.get(id_key) is message:
            del self._by_id[id_key]
