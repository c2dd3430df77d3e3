from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda import InvalidArgumentError
from camunda.models.global_task_listeners import (
    GlobalListenerSource,
    GlobalTaskListener,
    GlobalTaskListenerEventType,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

LISTENER = {
    "id": "audit-tasks",
    "type": "task-audit",
    "retries": 3,
    "eventTypes": ["creating", "completing"],
    "afterNonGlobal": False,
    "priority": 10,
    "source": "API",
}


async def test_create(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/global-task-listeners", status_code=201, json=LISTENER
    )
    result = await invoke(
        "global_task_listeners.create",
        id="audit-tasks",
        type="task-audit",
        event_types=["creating", GlobalTaskListenerEventType.COMPLETING],
        priority=10,
    )
    assert isinstance(result, GlobalTaskListener)
    assert result.source is GlobalListenerSource.API
    assert result.event_types == [
        GlobalTaskListenerEventType.CREATING,
        GlobalTaskListenerEventType.COMPLETING,
    ]
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "id": "audit-tasks",
        "type": "task-audit",
        "eventTypes": ["creating", "completing"],
        "priority": 10,
    }


async def test_create_rejects_an_unknown_event_type(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="event_types"):
        await invoke("global_task_listeners.create", id="x", type="t", event_types=["deleting"])
    assert httpx_mock.get_requests() == []


async def test_get_update_delete(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/global-task-listeners/audit-tasks", json=LISTENER
    )
    httpx_mock.add_response(
        method="PUT",
        url=f"{BASE}/global-task-listeners/audit-tasks",
        json={**LISTENER, "eventTypes": ["all"], "afterNonGlobal": True},
    )
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/global-task-listeners/audit-tasks", status_code=204
    )
    got = await invoke("global_task_listeners.get", "audit-tasks")
    updated = await invoke(
        "global_task_listeners.update",
        "audit-tasks",
        type="task-audit",
        event_types=["all"],
        after_non_global=True,
    )
    assert await invoke("global_task_listeners.delete", "audit-tasks") is None
    assert isinstance(got, GlobalTaskListener)
    assert isinstance(updated, GlobalTaskListener)
    assert updated.after_non_global is True
    put = httpx_mock.get_requests()[1]
    assert json.loads(put.content) == {
        "type": "task-audit",
        "eventTypes": ["all"],
        "afterNonGlobal": True,
    }


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/global-task-listeners/search",
        json={
            "items": [{**LISTENER, "source": "CONFIGURATION"}],
            "page": {
                "totalItems": 1,
                "hasMoreTotalItems": False,
                "startCursor": "YQ==",
                "endCursor": "YQ==",
            },
        },
    )
    result = await invoke(
        "global_task_listeners.search",
        filter={"priority": {"$gte": 5}, "eventTypes": ["creating"]},
        sort=[{"field": "priority", "order": "DESC"}],
    )
    item = result.items[0]
    assert isinstance(item, GlobalTaskListener)
    assert item.source is GlobalListenerSource.CONFIGURATION
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "filter": {"priority": {"$gte": 5}, "eventTypes": ["creating"]},
        "sort": [{"field": "priority", "order": "DESC"}],
    }
