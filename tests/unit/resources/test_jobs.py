from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import httpx
import pytest

from camunda import InvalidArgumentError
from camunda._pagination import AsyncSearchPage
from camunda.models.common import EnumFilter
from camunda.models.jobs import (
    ActivatedJobs,
    GlobalJobStatistics,
    Job,
    JobErrorStatistics,
    JobFilter,
    JobKind,
    JobState,
    JobTimeSeriesStatistics,
    JobTypeStatistics,
    JobWorkerStatistics,
    JobWorkerStatisticsFilter,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

JOB = {
    "jobKey": "2251799813685249",
    "type": "charge",
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
    "variables": {"amount": 12},
    "tenantId": "<default>",
    "kind": "BPMN_ELEMENT",
    "listenerEventType": "UNSPECIFIED",
    "rootProcessInstanceKey": None,
    "tags": [],
    "userTask": None,
}


async def test_activate_sends_exactly_the_given_fields(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/jobs/activation", json={"jobs": [JOB]})
    result = await invoke(
        "jobs.activate",
        type="charge",
        timeout=30_000,
        max_jobs_to_activate=5,
        fetch_variable=["amount"],
    )
    assert isinstance(result, ActivatedJobs)
    assert result.jobs[0].variables == {"amount": 12}
    assert result.jobs[0].job_key == "2251799813685249"
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "type": "charge",
        "timeout": 30000,
        "maxJobsToActivate": 5,
        "fetchVariable": ["amount"],
    }


async def test_complete_posts_variables_and_returns_none(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
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


SEARCHED_JOB = {
    "customHeaders": {"region": "eu"},
    "deadline": "2025-05-01T10:20:00Z",
    "deniedReason": None,
    "elementId": "charge",
    "elementInstanceKey": "3",
    "endTime": None,
    "errorCode": None,
    "errorMessage": None,
    "hasFailedWithRetriesLeft": False,
    "isDenied": None,
    "jobKey": "2251799813685249",
    "kind": "BPMN_ELEMENT",
    "listenerEventType": "UNSPECIFIED",
    "processDefinitionId": "order",
    "processDefinitionKey": "1",
    "processInstanceKey": "2",
    "rootProcessInstanceKey": None,
    "retries": 3,
    "state": "CREATED",
    "tenantId": "<default>",
    "type": "charge",
    "worker": "",
    "creationTime": "2025-05-01T10:15:00Z",
    "lastUpdateTime": None,
}
NO_MORE = {"totalItems": 1, "hasMoreTotalItems": False, "startCursor": "YQ==", "endCursor": "YQ=="}
METRIC = {"count": 4, "lastUpdatedAt": "2025-05-01T10:00:00Z"}
COUNTS = {"created": METRIC, "completed": {"count": 0, "lastUpdatedAt": None}, "failed": METRIC}
WINDOW = {"from": "2025-05-01T00:00:00Z", "to": "2025-05-02T00:00:00Z"}


def last_body(httpx_mock: HTTPXMock) -> object:
    request = httpx_mock.get_requests()[-1]
    return json.loads(request.content)


async def test_search_with_advanced_filters(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    timed_out = {
        **SEARCHED_JOB,
        "jobKey": "2251799813685250",
        "state": "PAUSED",
        "kind": "FUTURE_KIND",
    }
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/jobs/search",
        json={"items": [SEARCHED_JOB, timed_out], "page": {**NO_MORE, "totalItems": 2}},
    )
    page = await invoke(
        "jobs.search",
        filter={
            "state": {"$in": ["CREATED", "FAILED"]},
            "type": "charge",
            "retries": {"$lte": 1},
            "deadline": {"$lt": "2025-05-01T11:00:00Z"},
        },
        sort=[{"field": "deadline", "order": "ASC"}],
    )
    first, second = page.items
    assert isinstance(first, Job)
    assert first.state is JobState.CREATED
    assert first.kind is JobKind.BPMN_ELEMENT
    assert first.deadline == datetime(2025, 5, 1, 10, 20, tzinfo=timezone.utc)
    assert first.custom_headers == {"region": "eu"}
    assert (second.state, second.kind) == ("PAUSED", "FUTURE_KIND")  # lenient enums
    assert last_body(httpx_mock) == {
        "filter": {
            "state": {"$in": ["CREATED", "FAILED"]},
            "type": "charge",
            "retries": {"$lte": 1},
            "deadline": {"$lt": "2025-05-01T11:00:00Z"},
        },
        "sort": [{"field": "deadline", "order": "ASC"}],
    }


async def test_search_with_filter_model(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/jobs/search", json={"items": [SEARCHED_JOB], "page": NO_MORE}
    )
    await invoke(
        "jobs.search",
        filter=JobFilter(
            state=EnumFilter(neq=JobState.COMPLETED),
            kind=JobKind.TASK_LISTENER,
            process_instance_key="2",
            is_denied=None,
        ),
    )
    assert last_body(httpx_mock) == {
        "filter": {
            "state": {"$neq": "COMPLETED"},
            "kind": "TASK_LISTENER",
            "processInstanceKey": "2",
            "isDenied": None,
        }
    }


async def test_get_global_statistics_sends_iso_timestamps(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="GET",
        url=httpx.URL(
            f"{BASE}/jobs/statistics/global",
            params={
                "from": "2025-05-01T00:00:00+00:00",
                "to": "2025-05-02T00:00:00+00:00",
                "jobType": "charge",
            },
        ),
        json={**COUNTS, "isIncomplete": False},
    )
    result = await invoke(
        "jobs.get_global_statistics",
        from_=datetime(2025, 5, 1, tzinfo=timezone.utc),
        to=datetime(2025, 5, 2, tzinfo=timezone.utc),
        job_type="charge",
    )
    assert isinstance(result, GlobalJobStatistics)
    assert (result.created.count, result.completed.last_updated_at) == (4, None)
    assert result.is_incomplete is False


async def test_get_type_statistics_walks_pages(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    item = {**COUNTS, "jobType": "charge", "workers": 2}
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/jobs/statistics/by-types",
        json={
            "items": [item],
            "page": {
                "totalItems": 2,
                "hasMoreTotalItems": False,
                "startCursor": "YQ==",
                "endCursor": "YQ==",
            },
        },
    )
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/jobs/statistics/by-types",
        json={
            "items": [{**item, "jobType": "ship"}],
            "page": {
                "totalItems": 2,
                "hasMoreTotalItems": False,
                "startCursor": "Yg==",
                "endCursor": "Yg==",
            },
        },
    )
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/jobs/statistics/by-types",
        json={"items": [], "page": {"totalItems": 2, "hasMoreTotalItems": False}},
    )
    page = await invoke(
        "jobs.get_type_statistics", filter={**WINDOW, "jobType": {"$like": "*"}}, page={"limit": 1}
    )
    assert isinstance(page.items[0], JobTypeStatistics)
    assert page.items[0].workers == 2
    if isinstance(page, AsyncSearchPage):
        types = [stat.job_type async for stat in page]
    else:
        types = [stat.job_type for stat in page]
    assert types == ["charge", "ship"]
    bodies = [json.loads(r.content) for r in httpx_mock.get_requests()]
    assert bodies == [
        {"filter": {**WINDOW, "jobType": {"$like": "*"}}, "page": {"limit": 1}},
        {"filter": {**WINDOW, "jobType": {"$like": "*"}}, "page": {"after": "YQ==", "limit": 1}},
        {"filter": {**WINDOW, "jobType": {"$like": "*"}}, "page": {"after": "Yg==", "limit": 1}},
    ]


async def test_get_worker_statistics(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/jobs/statistics/by-workers",
        json={"items": [{**COUNTS, "worker": "w-1"}], "page": NO_MORE},
    )
    page = await invoke(
        "jobs.get_worker_statistics",
        filter=JobWorkerStatisticsFilter(
            from_=datetime(2025, 5, 1, tzinfo=timezone.utc),
            to=datetime(2025, 5, 2, tzinfo=timezone.utc),
            job_type="charge",
        ),
    )
    assert isinstance(page.items[0], JobWorkerStatistics)
    assert page.items[0].worker == "w-1"
    assert last_body(httpx_mock) == {"filter": {**WINDOW, "jobType": "charge"}}


async def test_get_time_series_statistics(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/jobs/statistics/time-series",
        json={"items": [{**COUNTS, "time": "2025-05-01T10:00:00Z"}], "page": NO_MORE},
    )
    page = await invoke(
        "jobs.get_time_series_statistics",
        filter={**WINDOW, "jobType": "charge", "resolution": "PT1H"},
    )
    assert isinstance(page.items[0], JobTimeSeriesStatistics)
    assert page.items[0].time == datetime(2025, 5, 1, 10, tzinfo=timezone.utc)
    assert last_body(httpx_mock) == {
        "filter": {**WINDOW, "jobType": "charge", "resolution": "PT1H"}
    }


async def test_get_error_statistics(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/jobs/statistics/errors",
        json={
            "items": [{"errorCode": "NO_FUNDS", "errorMessage": "card declined", "workers": 3}],
            "page": NO_MORE,
        },
    )
    page = await invoke(
        "jobs.get_error_statistics",
        filter={**WINDOW, "jobType": "charge", "errorCode": {"$neq": ""}},
    )
    assert isinstance(page.items[0], JobErrorStatistics)
    assert page.items[0].workers == 3
    assert last_body(httpx_mock) == {
        "filter": {**WINDOW, "jobType": "charge", "errorCode": {"$neq": ""}}
    }


async def test_statistics_filter_requires_its_window(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match=r"filter\.to"):
        await invoke(
            "jobs.get_error_statistics",
            filter={"from": "2025-05-01T00:00:00Z", "jobType": "charge"},
        )
    assert httpx_mock.get_requests() == []
