from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda.models.batch_operations import (
    AuditLogActorType,
    BatchOperation,
    BatchOperationErrorType,
    BatchOperationItem,
    BatchOperationState,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

KEY = "2251799813700000"
UUID_KEY = "0f8fad5b-d9cb-469f-a165-70867728950e"
OPERATION = {
    "batchOperationKey": KEY,
    "state": "PARTIALLY_COMPLETED",
    "batchOperationType": "CANCEL_PROCESS_INSTANCE",
    "startDate": "2025-05-01T10:00:00.000Z",
    "endDate": "2025-05-01T10:02:00.000Z",
    "actorType": "CLIENT",
    "actorId": "ops-bot",
    "operationsTotalCount": 10,
    "operationsFailedCount": 1,
    "operationsCompletedCount": 9,
    "errors": [{"partitionId": 2, "type": "QUERY_FAILED", "message": "index unavailable"}],
}
ITEM = {
    "operationType": "CANCEL_PROCESS_INSTANCE",
    "batchOperationKey": KEY,
    "itemKey": "2251799813689000",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": None,
    "state": "SKIPPED",
    "processedDate": None,
    "errorMessage": None,
}
PAGE_INFO = {
    "totalItems": 1,
    "hasMoreTotalItems": False,
    "startCursor": "YQ==",
    "endCursor": "YQ==",
}


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("cancel", "cancellation"),
        ("resume", "resumption"),
        ("suspend", "suspension"),
    ],
)
@pytest.mark.parametrize("key", [KEY, UUID_KEY])
async def test_lifecycle_calls_post_without_body(
    invoke: Invoke, httpx_mock: HTTPXMock, method: str, suffix: str, key: str
) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/batch-operations/{key}/{suffix}", status_code=204
    )
    assert await invoke(f"batch_operations.{method}", key) is None
    assert httpx_mock.get_request().content == b""  # type: ignore[union-attr]


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/batch-operations/{KEY}", json=OPERATION)
    result = await invoke("batch_operations.get", KEY)
    assert isinstance(result, BatchOperation)
    assert result.state is BatchOperationState.PARTIALLY_COMPLETED
    assert result.actor_type is AuditLogActorType.CLIENT
    assert result.errors[0].type is BatchOperationErrorType.QUERY_FAILED
    assert result.operations_completed_count == 9


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    running = {
        **OPERATION,
        "state": "ACTIVE",
        "endDate": None,
        "actorType": None,
        "actorId": None,
        "errors": [],
    }
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/batch-operations/search",
        json={"items": [running], "page": PAGE_INFO},
    )
    result = await invoke(
        "batch_operations.search",
        filter={
            "state": {"$in": ["ACTIVE", "SUSPENDED"]},
            "operationType": "CANCEL_PROCESS_INSTANCE",
        },
        sort=[{"field": "startDate", "order": "DESC"}],
    )
    item = result.items[0]
    assert isinstance(item, BatchOperation)
    assert item.end_date is None
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "filter": {
            "state": {"$in": ["ACTIVE", "SUSPENDED"]},
            "operationType": "CANCEL_PROCESS_INSTANCE",
        },
        "sort": [{"field": "startDate", "order": "DESC"}],
    }


async def test_search_items(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/batch-operation-items/search",
        json={"items": [ITEM], "page": PAGE_INFO},
    )
    result = await invoke(
        "batch_operations.search_items",
        filter={"batchOperationKey": UUID_KEY, "state": "FAILED"},
        page={"limit": 50},
    )
    item = result.items[0]
    assert isinstance(item, BatchOperationItem)
    assert item.state == "SKIPPED"  # not in the filter enum: kept leniently
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "filter": {"batchOperationKey": UUID_KEY, "state": "FAILED"},
        "page": {"limit": 50},
    }
