"""Incidents: search, get, resolution, and their routes and wire shape."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda.models.incidents import IncidentSearchRequest, ResolveIncidentRequest
from camunda.testing._jobs import resolve_job_incident
from camunda.testing._protocol import (
    NO_CONTENT,
    TENANT,
    Call,
    Problem,
    Reply,
    Route,
    getter,
    iso,
    not_found,
    searcher,
    validate,
)

if TYPE_CHECKING:
    from camunda.testing._engine import Engine
    from camunda.testing._records import FakeIncident

__all__ = ["ROUTES"]


def resolve(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    if body.strip():
        validate(ResolveIncidentRequest, body)
    with engine.lock:
        engine.run_due()
        key = call.params[0]
        incident = engine.incidents.get(key)
        if incident is None or incident.state != "ACTIVE":
            raise not_found("Active incident", key)
        job = engine.jobs.get(incident.job_key) if incident.job_key else None
        if incident.error_type == "JOB_NO_RETRIES":
            if job is None or job.retries < 1:
                raise Problem(
                    409,
                    "INVALID_STATE",
                    f"Expected to resolve incident '{key}', "
                    "but its job has no retries left; give it retries first",
                )
            resolve_job_incident(engine, job)
        incident.state = "RESOLVED"
        engine.incidents.finish(key)
        engine.runtime.resolved(incident)
    return NO_CONTENT


def _wire(incident: FakeIncident) -> dict[str, Any]:
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
        "creationTime": iso(incident.created_ms),
        "state": incident.state,
        "tenantId": TENANT,
    }


search = searcher(
    IncidentSearchRequest, lambda e: e.incidents.items.values(), wire=_wire, key_field="incidentKey"
)
get = getter(lambda e: e.incidents.get, "Incident", _wire)


ROUTES = [
    Route("POST", "/incidents/search", "searchIncidents", search, eventually_consistent=True),
    Route("GET", "/incidents/{incidentKey}", "getIncident", get, eventually_consistent=True),
    Route("POST", "/incidents/{incidentKey}/resolution", "resolveIncident", resolve),
]
