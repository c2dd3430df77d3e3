from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda.models.audit_logs import (
    AuditLog,
    AuditLogActorType,
    AuditLogCategory,
    AuditLogEntityType,
    AuditLogOutcome,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

ENTRY = {
    "auditLogKey": "2251799813711111",
    "entityKey": "2251799813689000",
    "entityType": "PROCESS_INSTANCE",
    "operationType": "CANCEL",
    "batchOperationKey": None,
    "batchOperationType": None,
    "timestamp": "2025-05-01T10:15:30.123+02:00",
    "actorId": "alice",
    "actorType": "USER",
    "agentElementId": None,
    "tenantId": "<default>",
    "result": "SUCCESS",
    "category": "DEPLOYED_RESOURCES",
    "processDefinitionId": "order",
    "processDefinitionKey": "2251799813685000",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": "2251799813689000",
    "elementInstanceKey": None,
    "jobKey": None,
    "userTaskKey": None,
    "decisionRequirementsId": None,
    "decisionRequirementsKey": None,
    "decisionDefinitionId": None,
    "decisionDefinitionKey": None,
    "decisionEvaluationKey": None,
    "deploymentKey": None,
    "formKey": None,
    "resourceKey": None,
    "relatedEntityKey": None,
    "relatedEntityType": None,
    "entityDescription": None,
}


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/audit-logs/2251799813711111", json=ENTRY)
    result = await invoke("audit_logs.get", "2251799813711111")
    assert isinstance(result, AuditLog)
    assert result.entity_type is AuditLogEntityType.PROCESS_INSTANCE
    assert result.actor_type is AuditLogActorType.USER
    assert result.result is AuditLogOutcome.SUCCESS
    assert result.category is AuditLogCategory.DEPLOYED_RESOURCES
    assert result.timestamp.utcoffset() is not None
    assert result.job_key is None


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/audit-logs/search",
        json={
            "items": [ENTRY, {**ENTRY, "auditLogKey": "2251799813711112", "category": "NEW_ONE"}],
            "page": {
                "totalItems": 2,
                "hasMoreTotalItems": False,
                "startCursor": "YQ==",
                "endCursor": "Yg==",
            },
        },
    )
    result = await invoke(
        "audit_logs.search",
        filter={
            "processInstanceKey": "2251799813689000",
            "operationType": {"$in": ["CANCEL"]},
            "timestamp": {"$gte": "2025-05-01T00:00:00Z"},
            "actorId": {"$like": "ali*"},
        },
        sort=[{"field": "timestamp", "order": "DESC"}],
        page={"limit": 2},
    )
    assert [type(item) for item in result.items] == [AuditLog, AuditLog]
    assert result.items[1].category == "NEW_ONE"
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "filter": {
            "processInstanceKey": "2251799813689000",
            "operationType": {"$in": ["CANCEL"]},
            "timestamp": {"$gte": "2025-05-01T00:00:00Z"},
            "actorId": {"$like": "ali*"},
        },
        "sort": [{"field": "timestamp", "order": "DESC"}],
        "page": {"limit": 2},
    }
