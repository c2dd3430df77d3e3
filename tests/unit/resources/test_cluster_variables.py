from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda.models.cluster_variables import (
    ClusterVariable,
    ClusterVariableScope,
    FoundClusterVariable,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

TENANT_VARIABLE = {"name": "limits", "scope": "TENANT", "tenantId": "acme", "value": '{"max":5}'}
GLOBAL_VARIABLE = {"name": "region", "scope": "GLOBAL", "tenantId": None, "value": '"eu"'}


async def test_create_for_tenant(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/cluster-variables/tenants/acme", json=TENANT_VARIABLE
    )
    result = await invoke(
        "cluster_variables.create_for_tenant", "acme", name="limits", value={"max": 5}
    )
    assert isinstance(result, ClusterVariable)
    assert result.scope is ClusterVariableScope.TENANT
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "name": "limits",
        "value": {"max": 5},
    }


async def test_create_global_takes_any_json_value(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/cluster-variables/global", json=GLOBAL_VARIABLE
    )
    result = await invoke("cluster_variables.create_global", name="region", value="eu")
    assert isinstance(result, ClusterVariable)
    assert result.tenant_id is None
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "name": "region",
        "value": "eu",
    }


async def test_get_for_tenant_and_global(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/cluster-variables/tenants/acme/limits", json=TENANT_VARIABLE
    )
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/cluster-variables/global/region", json=GLOBAL_VARIABLE
    )
    tenant = await invoke("cluster_variables.get_for_tenant", "acme", name="limits")
    global_ = await invoke("cluster_variables.get_global", "region")
    assert isinstance(tenant, ClusterVariable)
    assert json.loads(tenant.value) == {"max": 5}
    assert isinstance(global_, ClusterVariable)
    assert global_.scope is ClusterVariableScope.GLOBAL


async def test_names_are_escaped_in_the_path(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/cluster-variables/global/a%3Fb%20c",
        json={**GLOBAL_VARIABLE, "name": "a?b c"},
    )
    result = await invoke("cluster_variables.get_global", "a?b c")
    assert result.name == "a?b c"


async def test_update_for_tenant_and_global(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="PUT",
        url=f"{BASE}/cluster-variables/tenants/acme/limits",
        json={**TENANT_VARIABLE, "value": '{"max":9}'},
    )
    httpx_mock.add_response(
        method="PUT",
        url=f"{BASE}/cluster-variables/global/region",
        json={**GLOBAL_VARIABLE, "value": "[1,2]"},
    )
    tenant = await invoke(
        "cluster_variables.update_for_tenant", "acme", name="limits", value={"max": 9}
    )
    global_ = await invoke("cluster_variables.update_global", "region", value=[1, 2])
    assert isinstance(tenant, ClusterVariable)
    assert isinstance(global_, ClusterVariable)
    assert [json.loads(r.content) for r in httpx_mock.get_requests()] == [
        {"value": {"max": 9}},
        {"value": [1, 2]},
    ]


async def test_delete_for_tenant_and_global(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/cluster-variables/tenants/acme/limits", status_code=204
    )
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/cluster-variables/global/region", status_code=204
    )
    assert await invoke("cluster_variables.delete_for_tenant", "acme", name="limits") is None
    assert await invoke("cluster_variables.delete_global", "region") is None


async def test_search_sends_truncate_values_as_query(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/cluster-variables/search?truncateValues=true",
        json={
            "items": [{**GLOBAL_VARIABLE, "isTruncated": True}],
            "page": {
                "totalItems": 1,
                "hasMoreTotalItems": False,
                "startCursor": "YQ==",
                "endCursor": "YQ==",
            },
        },
    )
    result = await invoke(
        "cluster_variables.search",
        truncate_values=True,
        filter={"scope": "GLOBAL", "name": {"$like": "reg*"}},
    )
    item = result.items[0]
    assert isinstance(item, FoundClusterVariable)
    assert item.is_truncated is True
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "filter": {"scope": "GLOBAL", "name": {"$like": "reg*"}}
    }
