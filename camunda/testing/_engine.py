"""The fake cluster's state machine: requests in, answers out, no I/O.

Every call takes ``lock``. A job activation that finds no job returns a
:class:`PendingActivation`; the adapters (``_adapters.py``) wait for a change (on
``condition`` or an async waker) and call :meth:`Engine.retry_activation` again.
"""

from __future__ import annotations

import base64
import functools
import heapq
import json
import random
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, NamedTuple, TypeVar, cast

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel

from camunda._exceptions import describe_errors
from camunda.models.common import PageRequest
from camunda.models.incidents import IncidentSearchRequest, ResolveIncidentRequest
from camunda.models.jobs import (
    ActivateJobsRequest,
    CompleteJobRequest,
    FailJobRequest,
    JobSearchRequest,
    ThrowJobErrorRequest,
    UpdateJobRequest,
)
from camunda.models.messages import PublishMessageRequest
from camunda.models.process_definitions import ProcessDefinitionSearchRequest
from camunda.models.process_instances import (
    CreateProcessInstanceByIdRequest,
    CreateProcessInstanceByKeyRequest,
    CreateProcessInstanceRequest,
    ProcessInstanceSearchRequest,
)
from camunda.models.user_tasks import CompleteUserTaskRequest, UserTaskSearchRequest
from camunda.testing._bpmn import BpmnError, Process, parse_bpmn
from camunda.testing._records import (
    ClusterStats,
    FakeIncident,
    FakeJob,
    FakeJobState,
    FakeMessage,
    FakeProcessInstance,
    FakeUserTask,
    Faults,
    Store,
)

__all__ = ["Call", "Engine", "PendingActivation", "Reply"]

R = TypeVar("R")

TENANT = "<default>"
DEFAULT_LONG_POLL = 10.0  # seconds, when the request leaves requestTimeout at 0
_FIRST_KEY = 2251799813685249  # what the first key of partition 1 looks like
# Job commands a real cluster never rejects for backpressure: they drain work.
_BACKPRESSURE_EXEMPT = frozenset({"completeJob", "failJob", "throwJobError"})
_KEY = r"([^/]+)"
_JSON = "application/json"
_PROBLEM = "application/problem+json"


class Reply(NamedTuple):
    status: int
    body: bytes
    content_type: str = _JSON


@dataclass
class PendingActivation:
    """An activation waiting for jobs until ``until`` (``time.monotonic``)."""

    request: ActivateJobsRequest
    until: float
    epoch: int


@dataclass
class Call:
    """A routed request: which operation, and which fault (if any) to answer with."""

    method: str
    path: str
    operation_id: str
    handler: Callable[[Engine, Call, bytes, str], Reply | PendingActivation] | None
    params: tuple[str, ...]
    fault: str | None
    latency: float


class _Problem(Exception):
    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail


def _not_found(what: str, key: str) -> _Problem:
    return _Problem(404, "NOT_FOUND", f"{what} with key '{key}' was not found")


@dataclass
class _Definition:
    key: str
    version: int
    resource_name: str
    xml: bytes
    process: Process


class Engine:
    """All state of one fake cluster, guarded by ``lock``."""

    def __init__(self, *, faults: Faults, seed: int | None, max_records: int) -> None:
        self.lock = threading.Lock()
        self.condition = threading.Condition(self.lock)
        self.faults = faults
        self.closed = False
        self._epoch = 0  # bumped to end every pending long poll
        self._rng = random.Random(seed)
        self._clock: Callable[[], float] = time.time
        self._next_key = _FIRST_KEY
        self._requests: Counter[str] = Counter()
        self._faults: Counter[str] = Counter()
        self._wakers: set[Callable[[], None]] = set()
        self.jobs: Store[FakeJob] = Store(max_records)
        self.instances: Store[FakeProcessInstance] = Store(max_records)
        self.user_tasks: Store[FakeUserTask] = Store(max_records)
        self.incidents: Store[FakeIncident] = Store(max_records)
        self.messages: deque[FakeMessage] = deque(maxlen=max_records)
        self._definitions: dict[str, _Definition] = {}
        self._latest: dict[str, _Definition] = {}
        self._ready: dict[str, deque[str]] = {}
        self._timers: list[tuple[int, int, str]] = []

    # ------------------------------------------------------------------ plumbing

    def now_ms(self) -> int:
        return int(self._clock() * 1000)

    def _key(self) -> str:
        self._next_key += 1
        return str(self._next_key)

    def subscribe(self, wake: Callable[[], None]) -> None:
        with self.lock:
            self._wakers.add(wake)

    def unsubscribe(self, wake: Callable[[], None]) -> None:
        with self.lock:
            self._wakers.discard(wake)

    def _notify(self) -> None:
        """Something a long poll may want happened (lock held)."""
        self.condition.notify_all()
        for wake in self._wakers:
            wake()

    def interrupt_polls(self, *, close: bool = False) -> None:
        """End every pending long poll now (with no jobs); ``close`` refuses new ones."""
        with self.lock:
            self._epoch += 1
            self.closed = self.closed or close
            self._notify()

    def stats(self) -> ClusterStats:
        with self.lock:
            return ClusterStats(dict(self._requests), dict(self._faults))

    # ------------------------------------------------------------------ requests

    def begin(self, method: str, path: str) -> Call:
        """Route a request, count it and draw its fault."""
        operation_id, handler, params = _route(method, path)
        with self.lock:
            self._requests[operation_id] += 1
            fault: str | None = None
            faults = self.faults
            if faults.drop_rate and self._rng.random() < faults.drop_rate:
                fault = "dropped"
            elif (
                faults.backpressure_rate
                and operation_id not in _BACKPRESSURE_EXEMPT
                and self._rng.random() < faults.backpressure_rate
            ):
                fault = "backpressure"
            if fault is not None:
                self._faults[fault] += 1
        return Call(method, path, operation_id, handler, params, fault, faults.latency)

    def execute(self, call: Call, body: bytes, content_type: str) -> Reply | PendingActivation:
        """The answer to a routed request (``call.fault`` is the adapter's business)."""
        if call.fault == "backpressure":
            return _problem(call, _Problem(
                503, "RESOURCE_EXHAUSTED",
                "Expected to handle the request, but the cluster is under backpressure",
            ))
        if call.handler is None:
            return _problem(call, _Problem(
                404, "NOT_FOUND", f"no operation {call.method} {call.path} in this fake cluster"
            ))
        try:
            return call.handler(self, call, body, content_type)
        except _Problem as problem:
            return _problem(call, problem)

    # ------------------------------------------------------------------ test helpers

    def add_jobs(self, job_type: str, count: int, variables: dict[str, Any] | None,
                 retries: int, custom_headers: dict[str, Any] | None) -> list[str]:
        with self.lock:
            now = self.now_ms()
            keys: list[str] = []
            for _ in range(count):
                job = FakeJob(self._key(), job_type, retries, dict(variables or {}),
                              dict(custom_headers or {}), created_ms=now, updated_ms=now)
                self._enqueue(job)
                keys.append(job.key)
            self._notify()
            return keys

    def refresh(self) -> None:
        """Apply the timeouts and back-offs that are due (before introspection)."""
        with self.lock:
            self._promote_due(self.now_ms())

    # ------------------------------------------------------------------ jobs

    def _enqueue(self, job: FakeJob) -> None:
        self.jobs.add(job.key, job)
        self._make_activatable(job)

    def _make_activatable(self, job: FakeJob) -> None:
        job.state = FakeJobState.ACTIVATABLE
        job.deadline = job.retry_at = None
        job.worker = ""
        self._ready.setdefault(job.type, deque()).append(job.key)

    def _promote_due(self, now: int) -> None:
        timers = self._timers
        while timers and timers[0][0] <= now:
            when, _, key = heapq.heappop(timers)
            job = self.jobs.get(key)
            if job is None:
                continue
            timed_out = job.state is FakeJobState.ACTIVATED and job.deadline == when
            backed_off = job.state is FakeJobState.FAILED and job.retry_at == when
            if timed_out or backed_off:
                self._make_activatable(job)
                job.updated_ms = now

    def _timer(self, when: int, key: str) -> None:
        heapq.heappush(self._timers, (when, int(key), key))

    def activate(self, call: Call, body: bytes, _ct: str) -> Reply | PendingActivation:
        request: ActivateJobsRequest = _validate(ActivateJobsRequest, body)
        with self.lock:
            found = self._activate_locked(request)
            if found or self.closed or (request.request_timeout or 0) < 0:
                return _jobs_reply(found)
            seconds = (request.request_timeout or 0) / 1000 or DEFAULT_LONG_POLL
            return PendingActivation(request, time.monotonic() + seconds, self._epoch)

    def retry_activation(self, pending: PendingActivation) -> Reply | float:
        """With the lock held: the answer, or how many seconds to wait for a change."""
        found = self._activate_locked(pending.request)
        left = pending.until - time.monotonic()
        if found or left <= 0 or self.closed or pending.epoch != self._epoch:
            return _jobs_reply(found)
        if self._timers:
            left = min(left, max(0.0, (self._timers[0][0] - self.now_ms()) / 1000) + 0.001)
        return left

    def _activate_locked(self, request: ActivateJobsRequest) -> list[dict[str, Any]]:
        now = self.now_ms()
        self._promote_due(now)
        ready = self._ready.get(request.type)
        found: list[dict[str, Any]] = []
        while ready and len(found) < request.max_jobs_to_activate:
            job = self.jobs.get(ready.popleft())
            if job is None or job.state is not FakeJobState.ACTIVATABLE:
                continue
            job.state = FakeJobState.ACTIVATED
            job.worker = request.worker or ""
            job.deadline = now + request.timeout
            job.activations += 1
            job.updated_ms = now
            self._timer(job.deadline, job.key)
            found.append(_activated_wire(job, request.fetch_variable))
        return found

    def _job_for_command(self, key: str, verb: str, *, count: bool = False) -> FakeJob:
        """The job a command targets, if it is in a state that accepts the command."""
        job = self.jobs.get(key)
        if job is not None and count:
            job.completions += 1
        if job is None or job.state is FakeJobState.COMPLETED:
            raise _Problem(404, "NOT_FOUND", f"Command '{verb}' rejected with code 'NOT_FOUND': "
                           f"Expected to {verb.lower()} job with key '{key}', but no such job "
                           "was found")
        if job.state not in (FakeJobState.ACTIVATABLE, FakeJobState.ACTIVATED):
            raise _Problem(409, "INVALID_STATE", f"Command '{verb}' rejected with code "
                           f"'INVALID_STATE': Expected to {verb.lower()} job with key '{key}', "
                           f"but it is in state '{job.state}'")
        return job

    def complete_job(self, call: Call, body: bytes, _ct: str) -> Reply:
        request: CompleteJobRequest = _validate(CompleteJobRequest, body)
        with self.lock:
            self._promote_due(self.now_ms())
            job = self._job_for_command(call.params[0], "COMPLETE", count=True)
            job.result = None if request.result is None else request.result.to_wire()
            self._end_job(job, FakeJobState.COMPLETED, request.variables)
            instance = self.instances.get(job.process_instance_key)
            if instance is not None:
                instance.variables.update(request.variables or {})
                self._advance(instance, job.element_id)
        return _NO_CONTENT

    def fail_job(self, call: Call, body: bytes, _ct: str) -> Reply:
        request: FailJobRequest = _validate(FailJobRequest, body)
        with self.lock:
            now = self.now_ms()
            self._promote_due(now)
            job = self._job_for_command(call.params[0], "FAIL")
            job.retries = request.retries or 0
            job.error_message = request.error_message
            job.result_variables = request.variables
            job.updated_ms = now
            instance = self.instances.get(job.process_instance_key)
            if instance is not None and request.variables:
                instance.variables.update(request.variables)
            if job.retries > 0 and not request.retry_back_off:
                self._make_activatable(job)
                self._notify()
            elif job.retries > 0:
                job.state = FakeJobState.FAILED
                job.deadline, job.retry_at = None, now + (request.retry_back_off or 0)
                self._timer(job.retry_at, job.key)
            else:
                job.state = FakeJobState.FAILED
                job.deadline = None
                self._raise_incident(job, instance, now)
        return _NO_CONTENT

    def _raise_incident(self, job: FakeJob, instance: FakeProcessInstance | None,
                        now: int) -> None:
        incident = FakeIncident(
            self._key(), job.key, job.process_instance_key, job.process_definition_id,
            job.process_definition_key, job.element_id, job.element_instance_key,
            job.error_message or "No more retries left.", created_ms=now,
        )
        job.incident_key = incident.key
        self.incidents.add(incident.key, incident)
        if instance is not None:
            instance.has_incident = True

    def throw_job_error(self, call: Call, body: bytes, _ct: str) -> Reply:
        request: ThrowJobErrorRequest = _validate(ThrowJobErrorRequest, body)
        with self.lock:
            self._promote_due(self.now_ms())
            job = self._job_for_command(call.params[0], "THROW_ERROR")
            job.error_code = request.error_code
            job.error_message = request.error_message
            self._end_job(job, FakeJobState.ERROR_THROWN, request.variables)
            instance = self.instances.get(job.process_instance_key)
            if instance is not None:
                instance.variables.update(request.variables or {})
                instance.error_code = request.error_code
                self._end_instance(instance, "TERMINATED")
        return _NO_CONTENT

    def _end_job(self, job: FakeJob, state: FakeJobState, variables: dict[str, Any] | None) -> None:
        job.state = state
        job.result_variables = variables
        job.deadline = job.retry_at = None
        job.ended_ms = job.updated_ms = self.now_ms()
        self.jobs.finish(job.key)

    def update_job(self, call: Call, body: bytes, _ct: str) -> Reply:
        request: UpdateJobRequest = _validate(UpdateJobRequest, body)
        with self.lock:
            now = self.now_ms()
            self._promote_due(now)
            key = call.params[0]
            job = self.jobs.get(key)
            if job is None or job.state in (FakeJobState.COMPLETED, FakeJobState.ERROR_THROWN):
                raise _not_found("Job", key)
            changes = request.changeset
            if changes.retries is not None:
                if changes.retries < 1:
                    raise _Problem(400, "INVALID_ARGUMENT", "retries must be at least 1")
                job.retries = changes.retries
            if changes.timeout is not None and job.state is FakeJobState.ACTIVATED:
                job.deadline = now + changes.timeout
                self._timer(job.deadline, job.key)
            job.updated_ms = now
        return _NO_CONTENT

    # ------------------------------------------------------------------ processes

    def deploy(self, call: Call, body: bytes, content_type: str) -> Reply:
        resources = _multipart_files(body, content_type)
        if not resources:
            raise _Problem(400, "INVALID_ARGUMENT", "the deployment has no 'resources' part")
        parsed: list[tuple[str, bytes, Process]] = []
        for name, data in resources:
            if not name.endswith(".bpmn"):
                raise _Problem(400, "INVALID_ARGUMENT",
                               f"{name}: only BPMN resources (.bpmn) are supported by the fake "
                               "cluster")
            try:
                parsed.extend((name, data, process) for process in parse_bpmn(name, data))
            except BpmnError as exc:
                raise _Problem(400, "INVALID_ARGUMENT", str(exc)) from None
        with self.lock:
            deployed: list[dict[str, Any]] = []
            for name, data, process in parsed:
                previous = self._latest.get(process.id)
                definition = _Definition(self._key(), previous.version + 1 if previous else 1,
                                         name, data, process)
                self._definitions[definition.key] = definition
                self._latest[process.id] = definition
                deployed.append({
                    "processDefinition": {
                        "processDefinitionId": process.id,
                        "processDefinitionVersion": definition.version,
                        "resourceName": name,
                        "tenantId": TENANT,
                        "processDefinitionKey": definition.key,
                    },
                    "decisionDefinition": None, "decisionRequirements": None, "form": None,
                    "resource": None,
                })
            return _json({"deploymentKey": self._key(), "tenantId": TENANT,
                          "deployments": deployed})

    def create_instance(self, _call: Call, body: bytes, _ct: str) -> Reply:
        request: CreateProcessInstanceByKeyRequest | CreateProcessInstanceByIdRequest = (
            _validate(CreateProcessInstanceRequest, body)
        )
        for unsupported in ("start_instructions", "runtime_instructions", "await_completion"):
            if getattr(request, unsupported) is not None:
                raise _Problem(400, "INVALID_ARGUMENT",
                               f"the fake cluster does not support '{to_camel(unsupported)}'")
        with self.lock:
            definition = self._find_definition(request)
            process = definition.process
            instance = FakeProcessInstance(
                self._key(), process.id, definition.key, definition.version, process.name,
                dict(request.variables or {}), started_ms=self.now_ms(),
            )
            self.instances.add(instance.key, instance)
            self._advance(instance, process.start)
            return _json({
                "processDefinitionId": process.id,
                "processDefinitionKey": definition.key,
                "processDefinitionVersion": definition.version,
                "tenantId": TENANT,
                "variables": instance.variables,
                "processInstanceKey": instance.key,
                "tags": request.tags or [],
                "businessId": request.business_id,
            })

    def _find_definition(
        self, request: CreateProcessInstanceByKeyRequest | CreateProcessInstanceByIdRequest
    ) -> _Definition:
        if isinstance(request, CreateProcessInstanceByKeyRequest):
            definition = self._definitions.get(request.process_definition_key)
            if definition is None:
                raise _not_found("Process definition", request.process_definition_key)
            return definition
        process_id, version = request.process_definition_id, request.process_definition_version
        definition = self._latest.get(process_id)
        if definition is not None and version not in (None, -1, definition.version):
            definition = next((d for d in self._definitions.values()
                               if d.process.id == process_id and d.version == version), None)
        if definition is None:
            raise _Problem(404, "NOT_FOUND", f"no process definition with id '{process_id}'"
                           + (f" and version {version}" if version not in (None, -1) else ""))
        return definition

    def _advance(self, instance: FakeProcessInstance, element_id: str) -> None:
        """Move the instance's token past ``element_id`` to the next wait state or the end."""
        process = self._definitions[instance.process_definition_key].process
        element = process.elements[element_id]
        while element.next is not None:
            element = process.elements[element.next]
            now = self.now_ms()
            instance.element_id = element.id
            if element.kind == "serviceTask":
                job = FakeJob(
                    self._key(), element.job_type or "", element.retries,
                    dict(instance.variables), dict(element.headers), instance.key,
                    instance.process_definition_id, instance.process_definition_key,
                    instance.process_definition_version, element.id, self._key(),
                    created_ms=now, updated_ms=now,
                )
                self._enqueue(job)
                self._notify()
                return
            if element.kind == "userTask":
                task = FakeUserTask(
                    self._key(), element.id, element.name, instance.key,
                    instance.process_definition_id, instance.process_definition_key,
                    instance.process_definition_version, self._key(), created_ms=now,
                )
                self.user_tasks.add(task.key, task)
                return
        self._end_instance(instance, "COMPLETED")

    def _end_instance(self, instance: FakeProcessInstance, state: str) -> None:
        instance.state = state
        instance.element_id = None
        instance.ended_ms = self.now_ms()
        self.instances.finish(instance.key)

    def get_instance(self, call: Call, _body: bytes, _ct: str) -> Reply:
        with self.lock:
            instance = self.instances.get(call.params[0])
            if instance is None:
                raise _not_found("Process instance", call.params[0])
            return _json(_instance_wire(instance))

    def get_definition(self, call: Call, _body: bytes, _ct: str) -> Reply:
        definition = self._definitions.get(call.params[0])
        if definition is None:
            raise _not_found("Process definition", call.params[0])
        return _json(_definition_wire(definition))

    def get_definition_xml(self, call: Call, _body: bytes, _ct: str) -> Reply:
        definition = self._definitions.get(call.params[0])
        if definition is None:
            raise _not_found("Process definition", call.params[0])
        return Reply(200, definition.xml, "text/xml")

    # ------------------------------------------------------------------ user tasks etc.

    def get_user_task(self, call: Call, _body: bytes, _ct: str) -> Reply:
        with self.lock:
            task = self.user_tasks.get(call.params[0])
            if task is None:
                raise _not_found("User task", call.params[0])
            return _json(_user_task_wire(task))

    def complete_user_task(self, call: Call, body: bytes, _ct: str) -> Reply:
        request: CompleteUserTaskRequest = _validate(CompleteUserTaskRequest, body)
        variables = dict(request.variables or {})
        with self.lock:
            key = call.params[0]
            task = self.user_tasks.get(key)
            if task is None or task.state == "COMPLETED":
                raise _not_found("User task", key)
            task.state = "COMPLETED"
            task.variables = variables
            task.completed_ms = self.now_ms()
            self.user_tasks.finish(key)
            instance = self.instances.get(task.process_instance_key)
            if instance is not None:
                instance.variables.update(task.variables)
                self._advance(instance, task.element_id)
        return _NO_CONTENT

    def get_incident(self, call: Call, _body: bytes, _ct: str) -> Reply:
        with self.lock:
            incident = self.incidents.get(call.params[0])
            if incident is None:
                raise _not_found("Incident", call.params[0])
            return _json(_incident_wire(incident))

    def resolve_incident(self, call: Call, body: bytes, _ct: str) -> Reply:
        _validate(ResolveIncidentRequest, body)
        with self.lock:
            key = call.params[0]
            incident = self.incidents.get(key)
            if incident is None or incident.state != "ACTIVE":
                raise _not_found("Active incident", key)
            job = self.jobs.get(incident.job_key)
            if job is None or job.retries < 1:
                raise _Problem(409, "INVALID_STATE", f"Expected to resolve incident '{key}', "
                               "but its job has no retries left; give it retries first")
            incident.state = "RESOLVED"
            self.incidents.finish(key)
            job.incident_key = None
            self._make_activatable(job)
            instance = self.instances.get(job.process_instance_key)
            if instance is not None:
                instance.has_incident = False
            self._notify()
        return _NO_CONTENT

    def publish_message(self, _call: Call, body: bytes, _ct: str) -> Reply:
        request: PublishMessageRequest = _validate(PublishMessageRequest, body)
        with self.lock:
            message = FakeMessage(self._key(), request.name, request.correlation_key or "",
                                  dict(request.variables or {}), request.time_to_live or 0,
                                  request.message_id)
            self.messages.append(message)
            return _json({"tenantId": TENANT, "messageKey": message.key})

    def topology(self, _call: Call, _body: bytes, _ct: str) -> Reply:
        return _json(_TOPOLOGY)

    # ------------------------------------------------------------------ searches

    def _search(self, body: bytes, model: type[BaseModel], records: Iterable[R],
                wire: Callable[[R], dict[str, Any]]) -> Reply:
        """Validate with the SDK's search model, then match the raw wire filter."""
        _validate(model, body)
        data = _json_object(body)
        page = PageRequest.model_validate(data.get("page") or {})
        with self.lock:
            self._promote_due(self.now_ms())
            rows = [row for row in map(wire, records) if _matches(row, data.get("filter") or {})]
        sort = cast("list[Any]", data.get("sort") or [])
        for criterion in reversed(sort):
            spec = cast("dict[str, Any]", criterion if isinstance(criterion, dict) else {})
            field = spec.get("field")
            if not isinstance(field, str):
                raise _Problem(400, "INVALID_ARGUMENT", "each sort criterion needs a 'field'")
            rows.sort(key=lambda row, f=field: _sort_key(row.get(f)),
                      reverse=spec.get("order") == "DESC")
        return _json(_page(rows, page))

    def search_jobs(self, _call: Call, body: bytes, _ct: str) -> Reply:
        return self._search(body, JobSearchRequest,
                            self.jobs.items.values(), _job_search_wire)

    def search_instances(self, _call: Call, body: bytes, _ct: str) -> Reply:
        return self._search(body, ProcessInstanceSearchRequest,
                            self.instances.items.values(), _instance_wire)

    def search_user_tasks(self, _call: Call, body: bytes, _ct: str) -> Reply:
        return self._search(body, UserTaskSearchRequest,
                            self.user_tasks.items.values(), _user_task_wire)

    def search_incidents(self, _call: Call, body: bytes, _ct: str) -> Reply:
        return self._search(body, IncidentSearchRequest,
                            self.incidents.items.values(), _incident_wire)

    def search_definitions(self, _call: Call, body: bytes, _ct: str) -> Reply:
        return self._search(body, ProcessDefinitionSearchRequest,
                            self._definitions.values(), _definition_wire)


# ---------------------------------------------------------------------- routing

_Handler = Callable[[Engine, Call, bytes, str], "Reply | PendingActivation"]
_ROUTES: list[tuple[str, re.Pattern[str], str, _Handler]] = [
    (method, re.compile(f"^/v2{pattern}$"), operation_id, handler)
    for method, pattern, operation_id, handler in [
        ("GET", "/topology", "getTopology", Engine.topology),
        ("POST", "/deployments", "createDeployment", Engine.deploy),
        ("POST", "/process-instances", "createProcessInstance", Engine.create_instance),
        ("POST", "/process-instances/search", "searchProcessInstances",
         Engine.search_instances),
        ("GET", f"/process-instances/{_KEY}", "getProcessInstance", Engine.get_instance),
        ("POST", "/process-definitions/search", "searchProcessDefinitions",
         Engine.search_definitions),
        ("GET", f"/process-definitions/{_KEY}/xml", "getProcessDefinitionXML",
         Engine.get_definition_xml),
        ("GET", f"/process-definitions/{_KEY}", "getProcessDefinition", Engine.get_definition),
        ("POST", "/jobs/activation", "activateJobs", Engine.activate),
        ("POST", "/jobs/search", "searchJobs", Engine.search_jobs),
        ("POST", f"/jobs/{_KEY}/completion", "completeJob", Engine.complete_job),
        ("POST", f"/jobs/{_KEY}/failure", "failJob", Engine.fail_job),
        ("POST", f"/jobs/{_KEY}/error", "throwJobError", Engine.throw_job_error),
        ("PATCH", f"/jobs/{_KEY}", "updateJob", Engine.update_job),
        ("POST", "/user-tasks/search", "searchUserTasks", Engine.search_user_tasks),
        ("GET", f"/user-tasks/{_KEY}", "getUserTask", Engine.get_user_task),
        ("POST", f"/user-tasks/{_KEY}/completion", "completeUserTask",
         Engine.complete_user_task),
        ("POST", "/incidents/search", "searchIncidents", Engine.search_incidents),
        ("GET", f"/incidents/{_KEY}", "getIncident", Engine.get_incident),
        ("POST", f"/incidents/{_KEY}/resolution", "resolveIncident", Engine.resolve_incident),
        ("POST", "/messages/publication", "publishMessage", Engine.publish_message),
    ]
]
_KEY_VALUE = re.compile(r"^-?[0-9]{1,25}$")


def _route(method: str, path: str) -> tuple[str, _Handler | None, tuple[str, ...]]:
    for route_method, pattern, operation_id, handler in _ROUTES:
        match = pattern.match(path)
        if match is not None and route_method == method:
            params = match.groups()
            if any(not _KEY_VALUE.match(p) for p in params):
                return operation_id, _bad_key, params
            return operation_id, handler, params
    return "unknown", None, ()


def _bad_key(_engine: Engine, call: Call, _body: bytes, _ct: str) -> Reply:
    raise _Problem(400, "INVALID_ARGUMENT", f"the key in {call.path} is not a numeric key")


# ---------------------------------------------------------------------- bodies


def _json(data: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(data, separators=(",", ":")).encode())


_NO_CONTENT = Reply(204, b"", "")


def _problem(call: Call, problem: _Problem) -> Reply:
    body = {"type": "about:blank", "title": problem.title, "status": problem.status,
            "detail": problem.detail, "instance": call.path}
    return Reply(problem.status, json.dumps(body).encode(), _PROBLEM)


@functools.cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _validate(kind: Any, body: bytes) -> Any:
    """The body parsed with an SDK request model (or union); a 400 problem if invalid."""
    try:
        return _adapter(kind).validate_json(body or b"{}")
    except ValidationError as exc:
        raise _Problem(400, "INVALID_ARGUMENT", _describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    return "invalid request: " + describe_errors(exc, "(body)", limit=None)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise _Problem(400, "INVALID_ARGUMENT", "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise _Problem(400, "INVALID_ARGUMENT", "the body must be a JSON object")
    return data  # pyright: ignore[reportUnknownVariableType]


def _multipart_files(body: bytes, content_type: str) -> list[tuple[str, bytes]]:
    if not content_type.startswith("multipart/form-data"):
        raise _Problem(400, "INVALID_ARGUMENT", "a deployment must be multipart/form-data")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    files: list[tuple[str, bytes]] = []
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") != "resources":
            continue
        payload = part.get_payload(decode=True)
        files.append((part.get_filename() or "resource", payload if isinstance(payload, bytes)
                      else b""))
    return files


# ---------------------------------------------------------------------- searching


def _matches(row: dict[str, Any], filters: Any) -> bool:
    if not isinstance(filters, dict):
        raise _Problem(400, "INVALID_ARGUMENT", "filter must be a JSON object")
    for name, condition in filters.items():  # pyright: ignore[reportUnknownVariableType]
        if name not in row:
            raise _Problem(400, "INVALID_ARGUMENT",
                           f"the fake cluster cannot filter by '{name}'")
        value = row[name]
        if not isinstance(condition, dict):
            if value != condition:
                return False
            continue
        for op, operand in cast("dict[str, Any]", condition).items():
            if not _FILTER_OPS.get(op, _unsupported_op(op))(value, operand):
                return False
    return True


def _unsupported_op(op: Any) -> Callable[[Any, Any], bool]:
    def reject(_value: Any, _operand: Any) -> bool:
        raise _Problem(400, "INVALID_ARGUMENT", f"unsupported filter operator {op!r}")

    return reject


_FILTER_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda v, o: v == o,
    "$neq": lambda v, o: v != o,
    "$in": lambda v, o: v in o,
    "$notIn": lambda v, o: v not in o,
    "$exists": lambda v, o: (v is not None) == bool(o),
}


def _sort_key(value: Any) -> tuple[bool, str]:
    return (value is None, "" if value is None else f"{value:>30}" if isinstance(value, int)
            else str(value))


def _cursor(index: int) -> str:
    return base64.b64encode(json.dumps([index]).encode()).decode()


def _uncursor(cursor: str) -> int:
    try:
        (index,) = json.loads(base64.b64decode(cursor, validate=True))
        return max(0, int(index))
    except (ValueError, TypeError):
        raise _Problem(400, "INVALID_ARGUMENT", f"invalid cursor {cursor!r}") from None


def _page(rows: list[dict[str, Any]], page: PageRequest) -> dict[str, Any]:
    limit = page.limit or 100
    if page.after is not None:
        start = _uncursor(page.after) + 1
    elif page.before is not None:
        start = max(0, _uncursor(page.before) - limit)
    else:
        start = page.from_ or 0
    end = min(len(rows), start + limit)
    if page.before is not None:
        end = min(end, _uncursor(page.before))
    items = rows[start:end]
    return {
        "items": items,
        "page": {
            "totalItems": len(rows),
            "hasMoreTotalItems": False,
            "startCursor": _cursor(start) if items else None,
            "endCursor": _cursor(end - 1) if items else None,
        },
    }


# ---------------------------------------------------------------------- wire shapes


def _iso(ms: int | None) -> str | None:
    if ms is None:
        return None
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="milliseconds")


def _jobs_reply(found: list[dict[str, Any]]) -> Reply:
    return _json({"jobs": found})


def _activated_wire(job: FakeJob, fetch: list[str] | None) -> dict[str, Any]:
    variables = job.variables
    if fetch is not None:
        variables = {name: variables[name] for name in fetch if name in variables}
    return {
        "jobKey": job.key,
        "type": job.type,
        "processDefinitionId": job.process_definition_id,
        "processDefinitionVersion": job.process_definition_version,
        "processDefinitionKey": job.process_definition_key,
        "processInstanceKey": job.process_instance_key,
        "rootProcessInstanceKey": job.process_instance_key,
        "elementId": job.element_id,
        "elementInstanceKey": job.element_instance_key,
        "customHeaders": job.custom_headers,
        "worker": job.worker,
        "retries": job.retries,
        "deadline": job.deadline,
        "variables": variables,
        "tenantId": TENANT,
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "tags": [],
        "userTask": None,
    }


_JOB_STATES = {
    FakeJobState.ACTIVATABLE: "CREATED",
    FakeJobState.ACTIVATED: "CREATED",
    FakeJobState.COMPLETED: "COMPLETED",
    FakeJobState.FAILED: "FAILED",
    FakeJobState.ERROR_THROWN: "ERROR_THROWN",
}


def _job_search_wire(job: FakeJob) -> dict[str, Any]:
    return {
        "jobKey": job.key,
        "type": job.type,
        "state": _JOB_STATES[job.state],
        "retries": job.retries,
        "worker": job.worker,
        "customHeaders": job.custom_headers,
        "elementId": job.element_id,
        "elementInstanceKey": job.element_instance_key,
        "hasFailedWithRetriesLeft": job.state is FakeJobState.FAILED and job.retries > 0,
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "processDefinitionId": job.process_definition_id,
        "processDefinitionKey": job.process_definition_key,
        "processInstanceKey": job.process_instance_key,
        "rootProcessInstanceKey": job.process_instance_key,
        "tenantId": TENANT,
        "creationTime": _iso(job.created_ms),
        "lastUpdateTime": _iso(job.updated_ms),
        "deadline": _iso(job.deadline),
        "endTime": _iso(job.ended_ms),
        "errorCode": job.error_code,
        "errorMessage": job.error_message,
        "deniedReason": None,
        "isDenied": None,
    }


def _instance_wire(instance: FakeProcessInstance) -> dict[str, Any]:
    return {
        "processInstanceKey": instance.key,
        "processDefinitionId": instance.process_definition_id,
        "processDefinitionName": instance.process_definition_name,
        "processDefinitionVersion": instance.process_definition_version,
        "processDefinitionVersionTag": None,
        "processDefinitionKey": instance.process_definition_key,
        "startDate": _iso(instance.started_ms),
        "endDate": _iso(instance.ended_ms),
        "state": instance.state,
        "hasIncident": instance.has_incident,
        "tenantId": TENANT,
        "parentProcessInstanceKey": None,
        "parentElementInstanceKey": None,
        "rootProcessInstanceKey": instance.key,
        "tags": [],
        "businessId": None,
    }


def _user_task_wire(task: FakeUserTask) -> dict[str, Any]:
    return {
        "userTaskKey": task.key,
        "name": task.name,
        "state": task.state,
        "assignee": task.assignee,
        "elementId": task.element_id,
        "elementInstanceKey": task.element_instance_key,
        "candidateGroups": [],
        "candidateUsers": [],
        "processDefinitionId": task.process_definition_id,
        "processDefinitionKey": task.process_definition_key,
        "processDefinitionVersion": task.process_definition_version,
        "processInstanceKey": task.process_instance_key,
        "rootProcessInstanceKey": task.process_instance_key,
        "processName": None,
        "creationDate": _iso(task.created_ms),
        "completionDate": _iso(task.completed_ms),
        "followUpDate": None,
        "dueDate": None,
        "tenantId": TENANT,
        "externalFormReference": None,
        "customHeaders": {},
        "priority": 50,
        "formKey": None,
        "tags": [],
    }


def _incident_wire(incident: FakeIncident) -> dict[str, Any]:
    return {
        "incidentKey": incident.key,
        "jobKey": incident.job_key,
        "processDefinitionId": incident.process_definition_id,
        "processDefinitionKey": incident.process_definition_key,
        "processInstanceKey": incident.process_instance_key,
        "rootProcessInstanceKey": incident.process_instance_key,
        "elementId": incident.element_id,
        "elementInstanceKey": incident.element_instance_key,
        "errorType": incident.error_type,
        "errorMessage": incident.error_message,
        "creationTime": _iso(incident.created_ms),
        "state": incident.state,
        "tenantId": TENANT,
    }


def _definition_wire(definition: _Definition) -> dict[str, Any]:
    return {
        "processDefinitionKey": definition.key,
        "processDefinitionId": definition.process.id,
        "name": definition.process.name,
        "resourceName": definition.resource_name,
        "version": definition.version,
        "versionTag": None,
        "tenantId": TENANT,
        "hasStartForm": False,
    }


_TOPOLOGY = {
    "brokers": [{
        "nodeId": 0, "host": "fake-camunda", "port": 26501, "version": "8.9.0",
        "partitions": [{"partitionId": 1, "role": "leader", "health": "healthy"}],
    }],
    "clusterId": "fake-camunda",
    "clusterSize": 1,
    "partitionsCount": 1,
    "replicationFactor": 1,
    "gatewayVersion": "8.9.0",
    "lastCompletedChangeId": "-1",
}
