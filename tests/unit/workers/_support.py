"""Shared test data for the worker tests."""

from typing import Any

from camunda.models.jobs import ActivatedJob


def job_wire(
    key: str = "2251799813685249", job_type: str = "charge", **fields: Any
) -> dict[str, Any]:
    """An activated job as the cluster sends it."""
    return {
        "jobKey": key,
        "type": job_type,
        "processDefinitionId": "order",
        "processDefinitionVersion": 1,
        "processDefinitionKey": "1",
        "processInstanceKey": "2",
        "elementId": "task",
        "elementInstanceKey": "3",
        "customHeaders": {},
        "worker": "w",
        "retries": 3,
        "deadline": 1757280974277,
        "tenantId": "<default>",
        "variables": {"amount": 12, "currencyCode": "EUR"},
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "tags": [],
        **fields,
    }


JOB = ActivatedJob.model_validate(job_wire())
