from __future__ import annotations

import json

import pytest
from pytest_httpx import HTTPXMock

from camunda import InvalidArgumentError
from camunda.models.jobs import ActivatedJobs
from tests.conftest import BASE, Invoke

pytestmark = pytest.mark.anyio

JOB = {
    "jobKey": "2251799813685249", "type": "charge", "processDefinitionId": "order",
    "processDefinitionVersion": 1, "processDefinitionKey": "1", "processInstanceKey": "2",
    "elementId": "task", "elementInstanceKey": "3", "customHeaders": {}, "worker": "w",
    "retries": 3, "deadline": 1757280974277, "variables": {"amount": 12}, "tenantId": "<default>",
    "kind": "BPMN_ELEMENT", "listenerEventType": "UNSPECIFIED", "rootProcessInstanceKey": None,
    "tags": [], "userTask": None,
}


async def test_activate_sends_exactly_the_given_fields(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/jobs/activation", json={"jobs": [JOB]})
    result = await invoke("jobs.activate", type="charge", timeout=30_000, max_jobs_to_activate=5,
                          fetch_variable=["amount"])
    assert isinstance(result, ActivatedJobs)
    assert result.jobs[0].variables == {"amount": 12}
    assert result.jobs[0].job_key == "2251799813685249"
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {"type": "charge", "timeout": 30000, "maxJobsToActivate": 5,
                    "fetchVariable": ["amount"]}


async def test_complete_posts_variables_and_returns_none(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/jobs/42/completion", status_code=204)
    assert await invoke("jobs.complete", "42", variables={"ok": True}) is None
    assert json.loads(httpx_mock.get_request().content) == {"variables": {"ok": True}}  # type: ignore[union-attr]


async def test_complete_with_none_sends_null(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/jobs/42/completion", status_code=204)
    await invoke("jobs.complete", "42", variables=None)
    assert json.loads(httpx_mock.get_request().content) == {"variables": None}  # type: ignore[union-attr]


async def test_bad_key_is_rejected_before_sending(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="job_key"):
        await invoke("jobs.complete", "not-a-key")
    assert httpx_mock.get_requests() == []


async def test_fail_and_throw_error_and_update(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/jobs/7/failure", status_code=204)
    httpx_mock.add_response(method="POST", url=f"{BASE}/jobs/7/error", status_code=204)
    httpx_mock.add_response(method="PATCH", url=f"{BASE}/jobs/7", status_code=204)
    await invoke("jobs.fail", "7", retries=2, error_message="boom", retry_back_off=1000)
    await invoke("jobs.throw_error", "7", error_code="NO_FUNDS")
    await invoke("jobs.update", "7", changeset={"timeout": 5000})
    bodies = [json.loads(r.content) for r in httpx_mock.get_requests()]
    assert bodies == [
        {"retries": 2, "errorMessage": "boom", "retryBackOff": 1000},
        {"errorCode": "NO_FUNDS"},
        {"changeset": {"timeout": 5000}},
    ]
