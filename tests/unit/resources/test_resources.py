from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from camunda import NotFoundError
from camunda.models.batch_operations import BatchOperationType
from camunda.models.resources import DeployedResource, ResourceDeletion, ResourceFilter
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

FORM_RESOURCE = {
    "resourceName": "invoice.form",
    "version": 3,
    "versionTag": None,
    "resourceId": "invoice",
    "tenantId": "<default>",
    "resourceKey": "2251799813686100",
}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/resources/2251799813686100", json=FORM_RESOURCE
    )
    resource = await invoke("resources.get", "2251799813686100")
    assert isinstance(resource, DeployedResource)
    assert resource.version == 3
    assert resource.version_tag is None


async def test_get_content_returns_raw_bytes(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    content = b'{"components": [], "id": "invoice", "type": "default"}\n\x00binary-safe'
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/resources/2251799813686100/content",
        content=content,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert await invoke("resources.get_content", "2251799813686100") == content


async def test_get_content_of_unknown_resource(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/resources/404/content",
        status_code=404,
        json={
            "type": "about:blank",
            "title": "NOT_FOUND",
            "status": 404,
            "detail": "resource 404 not found",
        },
        headers={"Content-Type": "application/problem+json"},
    )
    with pytest.raises(NotFoundError, match="resource 404 not found"):
        await invoke("resources.get_content", "404")


async def test_delete_without_history(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/resources/2251799813686100/deletion",
        json={"resourceKey": "2251799813686100", "batchOperation": None},
    )
    result = await invoke("resources.delete", "2251799813686100")
    assert isinstance(result, ResourceDeletion)
    assert result.batch_operation is None
    assert sent(httpx_mock) == {}


async def test_delete_with_history_starts_a_batch(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/resources/2251799813686100/deletion",
        json={
            "resourceKey": "2251799813686100",
            "batchOperation": {
                "batchOperationKey": "2251799813699999",
                "batchOperationType": "DELETE_PROCESS_DEFINITION",
            },
        },
    )
    result = await invoke(
        "resources.delete", "2251799813686100", delete_history=True, operation_reference=17
    )
    assert result.batch_operation is not None
    assert result.batch_operation.batch_operation_type is (
        BatchOperationType.DELETE_PROCESS_DEFINITION
    )
    assert sent(httpx_mock) == {"deleteHistory": True, "operationReference": 17}


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/resources/search",
        json={
            "items": [FORM_RESOURCE],
            "page": {
                "totalItems": 1,
                "hasMoreTotalItems": False,
                "startCursor": "YQ==",
                "endCursor": "YQ==",
            },
        },
    )
    page = await invoke(
        "resources.search",
        filter=ResourceFilter(
            resource_id={"$like": "inv*"}, version={"$gte": 2}, deployment_key="2251799813686000"
        ),
        sort=[{"field": "version", "order": "DESC"}],
    )
    assert [r.resource_id for r in page.items] == ["invoice"]
    assert sent(httpx_mock) == {
        "filter": {
            "resourceId": {"$like": "inv*"},
            "version": {"$gte": 2},
            "deploymentKey": "2251799813686000",
        },
        "sort": [{"field": "version", "order": "DESC"}],
    }
