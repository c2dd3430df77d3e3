from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from camunda import InvalidArgumentError, NotFoundError
from camunda._pagination import AsyncSearchPage, SearchPage
from camunda.models.audit_logs import AuditLog, AuditLogOperationType
from camunda.models.common import EnumFilter
from camunda.models.user_tasks import (
    Form,
    UserTask,
    UserTaskChangeset,
    UserTaskFilter,
    UserTaskState,
)
from camunda.models.variables import VariableSearchItem, VariableValueFilter
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

KEY = "2251799813690800"
TASK = {
    "name": "Approve order",
    "state": "CREATED",
    "assignee": None,
    "elementId": "approve",
    "candidateGroups": ["managers"],
    "candidateUsers": [],
    "processDefinitionId": "order",
    "creationDate": "2025-05-01T10:15:30Z",
    "completionDate": None,
    "followUpDate": None,
    "dueDate": "2025-05-03T17:00:00+02:00",
    "tenantId": "<default>",
    "externalFormReference": None,
    "processDefinitionVersion": 3,
    "customHeaders": {"sla": "2d"},
    "priority": 70,
    "userTaskKey": KEY,
    "elementInstanceKey": "2251799813689020",
    "processName": "Order",
    "processDefinitionKey": "2251799813685000",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": None,
    "formKey": "2251799813685900",
    "tags": ["vip"],
}
PAGE = {"totalItems": 1, "hasMoreTotalItems": False, "startCursor": "YQ==", "endCursor": "YQ=="}
VARIABLE = {
    "variableKey": "2251799813689100",
    "name": "amount",
    "value": "12.5",
    "isTruncated": False,
    "scopeKey": "2251799813689020",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": None,
    "tenantId": "<default>",
}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/user-tasks/{KEY}", json=TASK)
    task = await invoke("user_tasks.get", KEY)
    assert isinstance(task, UserTask)
    assert task.state is UserTaskState.CREATED
    assert task.due_date == datetime(2025, 5, 3, 15, tzinfo=timezone.utc)
    assert (task.priority, task.tags, task.form_key) == (70, ["vip"], "2251799813685900")


async def test_get_form(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/user-tasks/{KEY}/form",
        json={
            "tenantId": "<default>",
            "formId": "approval",
            "schema": '{"components": []}',
            "version": 2,
            "formKey": "2251799813685900",
        },
    )
    form = await invoke("user_tasks.get_form", KEY)
    assert isinstance(form, Form)
    assert (form.form_id, form.schema_, form.version) == ("approval", '{"components": []}', 2)


async def test_get_form_returns_none_when_the_task_has_no_form(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/user-tasks/{KEY}/form", status_code=204)
    assert await invoke("user_tasks.get_form", KEY) is None


async def test_get_unknown_task_raises_not_found(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/user-tasks/{KEY}",
        status_code=404,
        json={"type": "about:blank", "title": "NOT_FOUND", "status": 404, "detail": "no such task"},
    )
    with pytest.raises(NotFoundError):
        await invoke("user_tasks.get", KEY)


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    waiting = {**TASK, "userTaskKey": "2251799813690801", "state": "WAITING_FOR_GODOT"}
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/user-tasks/search",
        json={"items": [TASK, waiting], "page": {**PAGE, "totalItems": 2}},
    )
    page = await invoke(
        "user_tasks.search",
        filter=UserTaskFilter(
            state=EnumFilter(in_=[UserTaskState.CREATED, UserTaskState.ASSIGNING]),
            candidate_group="managers",
            priority={"$gte": 50},
            process_instance_variables=[VariableValueFilter(name="amount", value={"$like": "1*"})],
        ),
        sort=[{"field": "priority", "order": "DESC"}],
    )
    assert [item.user_task_key for item in page.items] == [KEY, "2251799813690801"]
    assert page.items[1].state == "WAITING_FOR_GODOT"
    assert sent(httpx_mock) == {
        "filter": {
            "state": {"$in": ["CREATED", "ASSIGNING"]},
            "candidateGroup": "managers",
            "priority": {"$gte": 50},
            "processInstanceVariables": [{"name": "amount", "value": {"$like": "1*"}}],
        },
        "sort": [{"field": "priority", "order": "DESC"}],
    }


async def test_search_rejects_an_unknown_sort_field(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="sort"):
        await invoke("user_tasks.search", sort=[{"field": "assignee"}])
    assert httpx_mock.get_requests() == []


async def test_assign(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/user-tasks/{KEY}/assignment", status_code=204
    )
    assert await invoke("user_tasks.assign", KEY, assignee="alice", allow_override=False) is None
    assert sent(httpx_mock) == {"assignee": "alice", "allowOverride": False}


async def test_assign_rejects_an_empty_assignee(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="assignee"):
        await invoke("user_tasks.assign", KEY, assignee="")
    assert httpx_mock.get_requests() == []


async def test_unassign(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/user-tasks/{KEY}/assignee", status_code=204
    )
    assert await invoke("user_tasks.unassign", KEY) is None
    request = httpx_mock.get_request()
    assert request is not None
    assert request.content == b""


async def test_complete(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/user-tasks/{KEY}/completion", status_code=204
    )
    assert (
        await invoke("user_tasks.complete", KEY, variables={"approved": True}, action="approve")
        is None
    )
    assert sent(httpx_mock) == {"variables": {"approved": True}, "action": "approve"}


async def test_update(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="PATCH", url=f"{BASE}/user-tasks/{KEY}", status_code=204)
    changeset = UserTaskChangeset(
        due_date=datetime(2025, 5, 4, 12, tzinfo=timezone.utc),
        candidate_groups=["managers", "auditors"],
        follow_up_date=None,
    )
    assert await invoke("user_tasks.update", KEY, changeset=changeset) is None
    assert sent(httpx_mock) == {
        "changeset": {
            "dueDate": "2025-05-04T12:00:00Z",
            "candidateGroups": ["managers", "auditors"],
            "followUpDate": None,
        }
    }


async def test_update_rejects_an_out_of_range_priority(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"changeset\.priority"):
        await invoke("user_tasks.update", KEY, changeset={"priority": 101})
    assert httpx_mock.get_requests() == []


async def test_search_audit_logs(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    entry = {
        "auditLogKey": "2251799813711111",
        "entityKey": KEY,
        "entityType": "USER_TASK",
        "operationType": "ASSIGN",
        "timestamp": "2025-05-01T10:20:00Z",
        "actorId": "bob",
        "actorType": "USER",
        "tenantId": "<default>",
        "result": "SUCCESS",
        "category": "USER_TASKS",
        "userTaskKey": KEY,
    }
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/user-tasks/{KEY}/audit-logs/search",
        json={"items": [entry], "page": PAGE},
    )
    page = await invoke(
        "user_tasks.search_audit_logs",
        KEY,
        filter={"operationType": {"$in": ["ASSIGN", "COMPLETE"]}, "actorId": "bob"},
        sort=[{"field": "timestamp", "order": "ASC"}],
    )
    assert isinstance(page.items[0], AuditLog)
    assert page.items[0].operation_type is AuditLogOperationType.ASSIGN
    assert sent(httpx_mock) == {
        "filter": {"operationType": {"$in": ["ASSIGN", "COMPLETE"]}, "actorId": "bob"},
        "sort": [{"field": "timestamp", "order": "ASC"}],
    }


async def test_search_variables(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/user-tasks/{KEY}/variables/search?truncateValues=true",
        json={"items": [VARIABLE], "page": PAGE},
    )
    page = await invoke(
        "user_tasks.search_variables",
        KEY,
        filter={"name": {"$in": ["amount"]}},
        truncate_values=True,
    )
    assert isinstance(page.items[0], VariableSearchItem)
    assert page.items[0].scope_key == "2251799813689020"
    assert sent(httpx_mock) == {"filter": {"name": {"$in": ["amount"]}}}


async def test_search_effective_variables(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/user-tasks/{KEY}/effective-variables/search",
        json={
            "items": [VARIABLE, {**VARIABLE, "name": "customer", "value": '"ACME"'}],
            "page": {**PAGE, "totalItems": 2},
        },
    )
    result = await invoke(
        "user_tasks.search_effective_variables",
        KEY,
        sort=[{"field": "name"}],
        page={"from": 0, "limit": 2},
    )
    assert isinstance(result, SearchPage | AsyncSearchPage)
    assert [v.name for v in result.items] == ["amount", "customer"]
    assert all(isinstance(v, VariableSearchItem) for v in result.items)
    assert sent(httpx_mock) == {"sort": [{"field": "name"}], "page": {"from": 0, "limit": 2}}


async def test_bad_user_task_key_is_rejected(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="user_task_key"):
        await invoke("user_tasks.complete", "task-1")
    assert httpx_mock.get_requests() == []
