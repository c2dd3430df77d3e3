"""Jobs: queues per type, long-poll activation, timeouts and back-offs, the job commands,
job search, and their routes and wire shapes."""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any

from camunda.models.jobs import (
    ActivateJobsRequest,
    CompleteJobRequest,
    FailJobRequest,
    JobSearchRequest,
    ThrowJobErrorRequest,
    UpdateJobRequest,
)
from camunda.testing._protocol import (
    NO_CONTENT,
    TENANT,
    Call,
    Pending,
    Problem,
    Reply,
    Route,
    iso,
    json_reply,
    not_found,
    searcher,
    validate,
)
from camunda.testing._records import FakeJob, FakeJobState

if TYPE_CHECKING:
    from camunda.testing._engine import Engine

__all__ = ["ROUTES", "add_jobs", "check_tenant", "enqueue"]

DEFAULT_LONG_POLL = 10.0  # seconds, when the request leaves requestTimeout at 0


def check_tenant(tenant_id: str | None) -> None:
    """Multi-tenancy is off: only the default tenant exists (the gateway's 400)."""
    if tenant_id not in (None, TENANT):
        raise Problem(
            400,
            "INVALID_ARGUMENT",
            f"Expected to handle request with tenant "
            f"identifier '{tenant_id}', but multi-tenancy is disabled",
        )


def add_jobs(
    engine: Engine,
    job_type: str,
    count: int,
    *,
    variables: dict[str, Any] | None,
    retries: int,
    custom_headers: dict[str, Any] | None,
) -> list[str]:
    with engine.lock:
        now = engine.now_ms()
        keys: list[str] = []
        for _ in range(count):
            job = FakeJob(
                engine.key(),
                job_type,
                retries,
                dict(variables or {}),
                dict(custom_headers or {}),
                created_ms=now,
                updated_ms=now,
            )
            enqueue(engine, job)
            keys.append(job.key)
        engine.notify()
        return keys


def enqueue(engine: Engine, job: FakeJob) -> None:
    engine.jobs.add(job.key, job)
    _make_activatable(engine, job)


def _make_activatable(engine: Engine, job: FakeJob) -> None:
    job.state = FakeJobState.ACTIVATABLE
    job.deadline = job.retry_at = None
    job.worker = ""
    engine.ready.setdefault(job.type, deque()).append(job.key)


def _on_deadline(engine: Engine, job: FakeJob, deadline: int) -> None:
    if job.state is FakeJobState.ACTIVATED and job.deadline == deadline:
        job.last_change = "TIMED_OUT"
        _make_activatable(engine, job)
        job.updated_ms = engine.now_ms()
        engine.notify()


def _on_back_off(engine: Engine, job: FakeJob, retry_at: int) -> None:
    if job.state is FakeJobState.FAILED and job.retry_at == retry_at:
        _make_activatable(engine, job)
        job.updated_ms = engine.now_ms()
        engine.notify()


def _arm_deadline(engine: Engine, job: FakeJob) -> None:
    deadline = job.deadline
    assert deadline is not None
    engine.schedule(deadline, lambda: _on_deadline(engine, job, deadline))


def activate(engine: Engine, _call: Call, body: bytes, _ct: str) -> Reply | Pending:
    request: ActivateJobsRequest = validate(ActivateJobsRequest, body)
    if not request.type.strip():
        raise Problem(400, "INVALID_ARGUMENT", "Expected non-empty 'type' to activate jobs")
    if request.timeout <= 0:
        raise Problem(
            400,
            "INVALID_ARGUMENT",
            f"Expected 'timeout' to be greater than 0, but was {request.timeout}",
        )
    for tenant in request.tenant_ids or ():
        check_tenant(tenant)
    with engine.lock:
        found = _activate_locked(engine, request)
        if found or engine.closed or (request.request_timeout or 0) < 0:
            return _jobs_reply(found)
        seconds = (request.request_timeout or 0) / 1000 or DEFAULT_LONG_POLL

        def attempt() -> Reply | None:
            jobs = _activate_locked(engine, request)
            return _jobs_reply(jobs) if jobs else None

        return Pending(attempt, lambda: _jobs_reply([]), time.monotonic() + seconds, engine.epoch)


def _activate_locked(engine: Engine, request: ActivateJobsRequest) -> list[dict[str, Any]]:
    engine.run_due()
    now = engine.now_ms()
    ready = engine.ready.get(request.type)
    found: list[dict[str, Any]] = []
    while ready and len(found) < request.max_jobs_to_activate:
        job = engine.jobs.get(ready.popleft())
        if job is None or job.state is not FakeJobState.ACTIVATABLE:
            continue
        job.state = FakeJobState.ACTIVATED
        job.worker = request.worker or ""
        job.deadline = now + request.timeout
        job.activations += 1
        job.updated_ms = now
        _arm_deadline(engine, job)
        variables = engine.runtime.variables_of(job.element_instance_key)
        if variables is not None:
            job.variables = variables
        found.append(_activated_wire(job, request.fetch_variable))
    return found


def _job_for_command(engine: Engine, key: str, verb: str, *, count: bool = False) -> FakeJob:
    """The job a command targets, if it is in a state that accepts the command."""
    job = engine.jobs.get(key)
    if job is not None and count:
        job.completions += 1
    if job is None or job.state in (FakeJobState.COMPLETED, FakeJobState.CANCELED):
        raise Problem(
            404,
            "NOT_FOUND",
            f"Command '{verb}' rejected with code 'NOT_FOUND': "
            f"Expected to {verb.lower()} job with key '{key}', but no such job "
            "was found",
        )
    if job.state not in (FakeJobState.ACTIVATABLE, FakeJobState.ACTIVATED):
        raise Problem(
            409,
            "INVALID_STATE",
            f"Command '{verb}' rejected with code "
            f"'INVALID_STATE': Expected to {verb.lower()} job with key '{key}', "
            f"but it is in state '{job.state}'",
        )
    return job


def _end_job(
    engine: Engine, job: FakeJob, state: FakeJobState, variables: dict[str, Any] | None
) -> None:
    job.state = state
    job.result_variables = variables
    job.deadline = job.retry_at = None
    job.ended_ms = job.updated_ms = engine.now_ms()
    engine.jobs.finish(job.key)


def complete(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    request: CompleteJobRequest = validate(CompleteJobRequest, body)
    with engine.lock:
        engine.run_due()
        job = _job_for_command(engine, call.params[0], "COMPLETE", count=True)
        job.result = None if request.result is None else request.result.to_wire()
        _end_job(engine, job, FakeJobState.COMPLETED, request.variables)
        engine.runtime.job_completed(job, dict(request.variables or {}))
    return NO_CONTENT


def fail(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    request: FailJobRequest = validate(FailJobRequest, body)
    with engine.lock:
        engine.run_due()
        now = engine.now_ms()
        job = _job_for_command(engine, call.params[0], "FAIL")
        job.retries = request.retries or 0
        job.error_message = request.error_message
        job.result_variables = request.variables
        job.updated_ms = now
        job.last_change = "FAILED"
        job.state = FakeJobState.FAILED
        job.deadline = None
        if request.variables:
            engine.runtime.set_variables(job.element_instance_key, request.variables)
        if job.retries > 0 and not request.retry_back_off:
            _make_activatable(engine, job)
            engine.notify()
        elif job.retries > 0:
            retry_at = now + (request.retry_back_off or 0)
            job.retry_at = retry_at
            engine.schedule(retry_at, lambda: _on_back_off(engine, job, retry_at))
        else:
            engine.runtime.job_incident(job)
    return NO_CONTENT


def throw_error(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    request: ThrowJobErrorRequest = validate(ThrowJobErrorRequest, body)
    with engine.lock:
        engine.run_due()
        job = _job_for_command(engine, call.params[0], "THROW_ERROR")
        job.error_code = request.error_code
        job.error_message = request.error_message
        _end_job(engine, job, FakeJobState.ERROR_THROWN, request.variables)
        engine.runtime.job_error(
            job, request.error_code, request.error_message, dict(request.variables or {})
        )
    return NO_CONTENT


def update(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    request: UpdateJobRequest = validate(UpdateJobRequest, body)
    changes = request.changeset
    if changes.retries is None and changes.timeout is None:
        raise Problem(
            400,
            "INVALID_ARGUMENT",
            "Expected the changeset to change 'retries' or 'timeout', but it changes nothing",
        )
    with engine.lock:
        engine.run_due()
        now = engine.now_ms()
        key = call.params[0]
        job = engine.jobs.get(key)
        if job is None or job.state in (
            FakeJobState.COMPLETED,
            FakeJobState.ERROR_THROWN,
            FakeJobState.CANCELED,
        ):
            raise not_found("Job", key)
        if changes.retries is not None:
            if changes.retries < 1:
                raise Problem(400, "INVALID_ARGUMENT", "retries must be at least 1")
            job.retries = changes.retries
            job.last_change = "RETRIES_UPDATED"
        if changes.timeout is not None and job.state is FakeJobState.ACTIVATED:
            job.deadline = now + changes.timeout
            _arm_deadline(engine, job)
        job.updated_ms = now
    return NO_CONTENT


def resolve_job_incident(engine: Engine, job: FakeJob) -> None:
    """A ``JOB_NO_RETRIES`` incident was resolved: the job is activatable again (lock
    held)."""
    job.incident_key = None
    _make_activatable(engine, job)
    engine.notify()


def _jobs_reply(found: list[dict[str, Any]]) -> Reply:
    return json_reply({"jobs": found})


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


def _search_state(job: FakeJob) -> str:
    if job.state in (FakeJobState.ACTIVATABLE, FakeJobState.ACTIVATED, FakeJobState.FAILED):
        return job.last_change
    return job.state.value


def _search_wire(job: FakeJob) -> dict[str, Any]:
    return {
        "jobKey": job.key,
        "type": job.type,
        "state": _search_state(job),
        "retries": job.retries,
        "worker": job.worker,
        "customHeaders": job.custom_headers,
        "elementId": job.element_id,
        "elementInstanceKey": job.element_instance_key,
        "hasFailedWithRetriesLeft": _search_state(job) == "FAILED" and job.retries > 0,
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "processDefinitionId": job.process_definition_id,
        "processDefinitionKey": job.process_definition_key,
        "processInstanceKey": job.process_instance_key,
        "rootProcessInstanceKey": job.process_instance_key,
        "tenantId": TENANT,
        "creationTime": iso(job.created_ms),
        "lastUpdateTime": iso(job.updated_ms),
        "deadline": iso(job.deadline),
        "endTime": iso(job.ended_ms),
        "errorCode": job.error_code,
        "errorMessage": job.error_message,
        "deniedReason": None,
        "isDenied": None,
    }


search = searcher(
    JobSearchRequest, lambda e: e.jobs.items.values(), wire=_search_wire, key_field="jobKey"
)


ROUTES = [
    Route("POST", "/jobs/activation", "activateJobs", activate),
    Route("POST", "/jobs/search", "searchJobs", search, eventually_consistent=True),
    Route("POST", "/jobs/{jobKey}/completion", "completeJob", complete),
    Route("POST", "/jobs/{jobKey}/failure", "failJob", fail),
    Route("POST", "/jobs/{jobKey}/error", "throwJobError", throw_error),
    Route("PATCH", "/jobs/{jobKey}", "updateJob", update),
]
