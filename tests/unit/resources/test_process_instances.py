from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings, InvalidArgumentError
from camunda._transport._operation import SERVER_WAIT_MARGIN
from camunda.models.batch_operations import BatchOperationCreated, BatchOperationType
from camunda.models.incidents import Incident
from camunda.models.process_instances import (
    CreatedProcessInstance,
    InferredAncestorScope,
    ModificationMoveInstruction,
    ProcessInstance,
    ProcessInstanceCallHierarchyEntry,
    ProcessInstanceElementStatistics,
    ProcessInstanceFilter,
    ProcessInstanceSequenceFlows,
    ProcessInstanceState,
    SourceElementByKey,
    TerminateByElementId,
    TerminateInstruction,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

KEY = "2251799813689000"
DEFINITION_KEY = "2251799813685301"


def instance(key: str, **changes: Any) -> dict[str, Any]:
    return {
        "processDefinitionId": "order",
        "processDefinitionName": "Order handling",
        "processDefinitionVersion": 4,
        "processDefinitionVersionTag": None,
        "startDate": "2025-05-01T10:15:00.000Z",
        "endDate": None,
        "state": "ACTIVE",
        "hasIncident": False,
        "tenantId": "<default>",
        "processInstanceKey": key,
        "processDefinitionKey": DEFINITION_KEY,
        "parentProcessInstanceKey": None,
        "parentElementInstanceKey": None,
        "rootProcessInstanceKey": None,
        "tags": ["priority:high"],
        "businessId": "order-1042",
        **changes,
    }


CREATED = {
    "processDefinitionId": "order",
    "processDefinitionVersion": 4,
    "tenantId": "<default>",
    "variables": {},
    "processDefinitionKey": DEFINITION_KEY,
    "processInstanceKey": KEY,
    "tags": [],
    "businessId": None,
}
BATCH = {"batchOperationKey": "2251799813699999", "batchOperationType": "CANCEL_PROCESS_INSTANCE"}
LAST_PAGE = {"totalItems": 1, "hasMoreTotalItems": False, "startCursor": None, "endCursor": None}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


# ------------------------------------------------------------------------------- create


async def test_create_by_id(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/process-instances", json=CREATED)
    created = await invoke(
        "process_instances.create",
        process_definition_id="order",
        process_definition_version=4,
        variables={"amount": 99.5, "items": ["A-1"]},
        start_instructions=[{"elementId": "review"}],
        runtime_instructions=[TerminateInstruction(after_element_id="ship")],
        tags=["priority:high"],
        business_id="order-1042",
    )
    assert isinstance(created, CreatedProcessInstance)
    assert created.process_instance_key == KEY
    assert created.business_id is None
    assert sent(httpx_mock) == {
        "processDefinitionId": "order",
        "processDefinitionVersion": 4,
        "variables": {"amount": 99.5, "items": ["A-1"]},
        "startInstructions": [{"elementId": "review"}],
        "runtimeInstructions": [{"type": "TERMINATE_PROCESS_INSTANCE", "afterElementId": "ship"}],
        "tags": ["priority:high"],
        "businessId": "order-1042",
    }


async def test_create_by_key_awaiting_completion(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-instances",
        json={**CREATED, "variables": {"approved": True}},
    )
    created = await invoke(
        "process_instances.create",
        process_definition_key=DEFINITION_KEY,
        await_completion=True,
        request_timeout=20_000,
        fetch_variables=["approved"],
    )
    assert created.variables == {"approved": True}
    assert sent(httpx_mock) == {
        "processDefinitionKey": DEFINITION_KEY,
        "awaitCompletion": True,
        "requestTimeout": 20000,
        "fetchVariables": ["approved"],
    }
    # the HTTP call outlasts the server-side wait (20 s) instead of the client's 30 s default
    [request] = httpx_mock.get_requests()
    assert request.extensions["timeout"]["read"] == 20 + SERVER_WAIT_MARGIN


async def test_create_without_awaiting_keeps_the_client_timeout(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/process-instances", json=CREATED)
    await invoke("process_instances.create", process_definition_id="order", request_timeout=120_000)
    [request] = httpx_mock.get_requests()
    assert request.extensions["timeout"]["read"] == CamundaSettings().request_timeout


@pytest.mark.parametrize(
    "identifiers",
    [
        {"process_definition_id": "order", "process_definition_key": DEFINITION_KEY},
        {},
    ],
)
async def test_create_needs_exactly_one_identifier(
    invoke: Invoke, httpx_mock: HTTPXMock, identifiers: dict[str, str]
) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match="exactly one of process_definition_key and process_definition_id",
    ):
        await invoke("process_instances.create", variables={"a": 1}, **identifiers)
    assert httpx_mock.get_requests() == []


async def test_create_names_the_bad_field(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await invoke("process_instances.create", process_definition_key="order")
    assert caught.value.fields == ("process_definition_key",)
    assert httpx_mock.get_requests() == []


async def test_create_fills_the_default_tenant(
    settings: CamundaSettings, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/process-instances", json=CREATED)
    async with CamundaAsyncClient(settings.model_copy(update={"tenant_id": "acme"})) as client:
        await client.process_instances.create(process_definition_id="order")
    assert sent(httpx_mock) == {"processDefinitionId": "order", "tenantId": "acme"}


# ------------------------------------------------------------------------- get / search


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/process-instances/{KEY}",
        json=instance(KEY, state="COMPLETED", endDate="2025-05-01T10:20:00.000Z"),
    )
    found = await invoke("process_instances.get", KEY)
    assert isinstance(found, ProcessInstance)
    assert found.state is ProcessInstanceState.COMPLETED
    assert found.end_date == datetime(2025, 5, 1, 10, 20, tzinfo=timezone.utc)
    assert found.tags == ["priority:high"]


FILTER = {"processDefinitionId": "order", "state": "ACTIVE"}


def two_pages(httpx_mock: HTTPXMock) -> None:
    """Three instances over two pages (and an empty third): each asked for with the cursor
    of the one before."""
    url = f"{BASE}/process-instances/search"
    httpx_mock.add_response(
        method="POST",
        url=url,
        match_json={"filter": FILTER, "page": {"limit": 2}},
        json={
            "items": [instance("1"), instance("2")],
            "page": {
                "totalItems": 3,
                "hasMoreTotalItems": False,
                "startCursor": "WzFd",
                "endCursor": "WzJd",
            },
        },
    )
    httpx_mock.add_response(
        method="POST",
        url=url,
        match_json={"filter": FILTER, "page": {"after": "WzJd", "limit": 2}},
        json={
            "items": [instance("3")],
            "page": {
                "totalItems": 3,
                "hasMoreTotalItems": False,
                "startCursor": "WzNd",
                "endCursor": "WzNd",
            },
        },
    )
    httpx_mock.add_response(  # the empty page that ends the walk
        method="POST",
        url=url,
        match_json={"filter": FILTER, "page": {"after": "WzNd", "limit": 2}},
        json={"items": [], "page": {"totalItems": 3, "hasMoreTotalItems": False}},
    )


def test_search_iterates_across_pages_sync(client: CamundaClient, httpx_mock: HTTPXMock) -> None:
    two_pages(httpx_mock)
    page = client.process_instances.search(
        filter=ProcessInstanceFilter(
            process_definition_id="order", state=ProcessInstanceState.ACTIVE
        ),
        page={"limit": 2},
    )
    assert [p.process_instance_key for p in page.items] == ["1", "2"]
    assert [p.process_instance_key for p in page] == ["1", "2", "3"]
    assert len(httpx_mock.get_requests()) == 3


async def test_search_iterates_across_pages_async(
    async_client: CamundaAsyncClient, httpx_mock: HTTPXMock
) -> None:
    two_pages(httpx_mock)
    page = await async_client.process_instances.search(filter=FILTER, page={"limit": 2})
    assert [p.process_instance_key async for p in page] == ["1", "2", "3"]
    assert len(httpx_mock.get_requests()) == 3


async def test_search_with_or_and_variables(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-instances/search",
        json={"items": [instance(KEY)], "page": LAST_PAGE},
    )
    page = await invoke(
        "process_instances.search",
        filter={
            "variables": [{"name": "customer", "value": '"ACME"'}],
            "$or": [{"hasIncident": True}, {"processDefinitionVersion": {"$lt": 3}}],
            "startDate": {"$gte": "2025-05-01T00:00:00Z"},
        },
        sort=[{"field": "startDate", "order": "DESC"}],
    )
    assert [type(p) for p in page.items] == [ProcessInstance]
    assert sent(httpx_mock) == {
        "filter": {
            "variables": [{"name": "customer", "value": '"ACME"'}],
            "$or": [{"hasIncident": True}, {"processDefinitionVersion": {"$lt": 3}}],
            "startDate": {"$gte": "2025-05-01T00:00:00Z"},
        },
        "sort": [{"field": "startDate", "order": "DESC"}],
    }


async def test_search_rejects_an_unknown_sort_field(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match=r"sort\.0\.field"):
        await invoke("process_instances.search", sort=[{"field": "color"}])
    assert httpx_mock.get_requests() == []


async def test_search_incidents(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    incident = {
        "incidentKey": "2251799813690001",
        "processDefinitionId": "order",
        "processDefinitionKey": DEFINITION_KEY,
        "processInstanceKey": KEY,
        "rootProcessInstanceKey": KEY,
        "elementId": "charge",
        "elementInstanceKey": "2251799813689005",
        "jobKey": None,
        "errorType": "IO_MAPPING_ERROR",
        "errorMessage": "no variable 'amount'",
        "creationTime": "2025-05-01T10:15:30Z",
        "state": "ACTIVE",
        "tenantId": "<default>",
    }
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-instances/{KEY}/incidents/search",
        json={"items": [incident], "page": LAST_PAGE},
    )
    page = await invoke(
        "process_instances.search_incidents", KEY, filter={"state": "ACTIVE"}, page={"limit": 5}
    )
    assert isinstance(page.items[0], Incident)
    assert page.items[0].job_key is None
    assert sent(httpx_mock) == {"filter": {"state": "ACTIVE"}, "page": {"limit": 5}}


# ----------------------------------------------------------------------- single changes


async def test_cancel_and_delete(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/process-instances/{KEY}/cancellation", status_code=204
    )
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/process-instances/{KEY}/deletion", status_code=204
    )
    assert await invoke("process_instances.cancel", KEY, operation_reference=7) is None
    assert await invoke("process_instances.delete", KEY) is None
    assert [json.loads(r.content) for r in httpx_mock.get_requests()] == [
        {"operationReference": 7},
        {},
    ]


async def test_cancel_validates_the_key(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="process_instance_key"):
        await invoke("process_instances.cancel", "order-1042")
    assert httpx_mock.get_requests() == []


async def test_migrate(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/process-instances/{KEY}/migration", status_code=204
    )
    result = await invoke(
        "process_instances.migrate",
        KEY,
        target_process_definition_key="2251799813685999",
        mapping_instructions=[{"sourceElementId": "charge", "targetElementId": "charge-v2"}],
    )
    assert result is None
    assert sent(httpx_mock) == {
        "targetProcessDefinitionKey": "2251799813685999",
        "mappingInstructions": [{"sourceElementId": "charge", "targetElementId": "charge-v2"}],
    }


async def test_modify(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/process-instances/{KEY}/modification", status_code=204
    )
    result = await invoke(
        "process_instances.modify",
        KEY,
        activate_instructions=[
            {"elementId": "review", "variableInstructions": [{"variables": {"note": "retry"}}]}
        ],
        move_instructions=[
            ModificationMoveInstruction(
                source_element_instruction=SourceElementByKey(
                    source_element_instance_key="2251799813689005"
                ),
                target_element_id="charge-manually",
                ancestor_scope_instruction=InferredAncestorScope(),
            ),
            {
                "sourceElementInstruction": {"sourceType": "byId", "sourceElementId": "wait"},
                "targetElementId": "ship",
                "ancestorScopeInstruction": {
                    "ancestorScopeType": "direct",
                    "ancestorElementInstanceKey": KEY,
                },
            },
        ],
        terminate_instructions=[
            TerminateByElementId(element_id="timer"),
            {"elementInstanceKey": "2251799813689006"},
        ],
    )
    assert result is None
    assert sent(httpx_mock) == {
        "activateInstructions": [
            {"elementId": "review", "variableInstructions": [{"variables": {"note": "retry"}}]}
        ],
        "moveInstructions": [
            {
                "sourceElementInstruction": {
                    "sourceType": "byKey",
                    "sourceElementInstanceKey": "2251799813689005",
                },
                "targetElementId": "charge-manually",
                "ancestorScopeInstruction": {"ancestorScopeType": "inferred"},
            },
            {
                "sourceElementInstruction": {"sourceType": "byId", "sourceElementId": "wait"},
                "targetElementId": "ship",
                "ancestorScopeInstruction": {
                    "ancestorScopeType": "direct",
                    "ancestorElementInstanceKey": KEY,
                },
            },
        ],
        "terminateInstructions": [
            {"elementId": "timer"},
            {"elementInstanceKey": "2251799813689006"},
        ],
    }


async def test_resolve_incidents(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-instances/{KEY}/incident-resolution",
        json={"batchOperationKey": "2251799813699998", "batchOperationType": "RESOLVE_INCIDENT"},
    )
    created = await invoke("process_instances.resolve_incidents", KEY)
    assert isinstance(created, BatchOperationCreated)
    assert created.batch_operation_type is BatchOperationType.RESOLVE_INCIDENT
    request = httpx_mock.get_request()
    assert request is not None and request.content == b""


# ------------------------------------------------------------------------------- facets


async def test_get_call_hierarchy(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/process-instances/{KEY}/call-hierarchy",
        json=[
            {
                "processInstanceKey": "2251799813688000",
                "processDefinitionKey": "1",
                "processDefinitionName": "Fulfilment",
            },
            {
                "processInstanceKey": KEY,
                "processDefinitionKey": DEFINITION_KEY,
                "processDefinitionName": "Order handling",
            },
        ],
    )
    chain = await invoke("process_instances.get_call_hierarchy", KEY)
    assert isinstance(chain, list)
    assert all(isinstance(entry, ProcessInstanceCallHierarchyEntry) for entry in chain)
    assert [entry.process_definition_name for entry in chain] == ["Fulfilment", "Order handling"]


async def test_get_element_statistics(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/process-instances/{KEY}/statistics/element-instances",
        json={
            "items": [
                {"elementId": "start", "active": 0, "canceled": 0, "incidents": 0, "completed": 1},
                {"elementId": "charge", "active": 1, "canceled": 0, "incidents": 1, "completed": 0},
            ]
        },
    )
    stats = await invoke("process_instances.get_element_statistics", KEY)
    assert isinstance(stats, ProcessInstanceElementStatistics)
    assert {s.element_id: s.incidents for s in stats.items} == {"start": 0, "charge": 1}


async def test_get_sequence_flows(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/process-instances/{KEY}/sequence-flows",
        json={
            "items": [
                {
                    "sequenceFlowId": "to-charge",
                    "processInstanceKey": KEY,
                    "rootProcessInstanceKey": None,
                    "processDefinitionKey": DEFINITION_KEY,
                    "processDefinitionId": "order",
                    "elementId": "to-charge",
                    "tenantId": "<default>",
                }
            ]
        },
    )
    flows = await invoke("process_instances.get_sequence_flows", KEY)
    assert isinstance(flows, ProcessInstanceSequenceFlows)
    assert [f.sequence_flow_id for f in flows.items] == ["to-charge"]


# ---------------------------------------------------------------------- batch operations


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("cancel_batch", "cancellation"),
        ("delete_batch", "deletion"),
        ("resolve_incidents_batch", "incident-resolution"),
    ],
)
async def test_filtered_batches(
    invoke: Invoke, httpx_mock: HTTPXMock, method: str, path: str
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/process-instances/{path}", json=BATCH)
    created = await invoke(
        f"process_instances.{method}",
        filter={"processDefinitionKey": {"$in": [DEFINITION_KEY]}, "hasIncident": True},
        operation_reference=3,
    )
    assert isinstance(created, BatchOperationCreated)
    assert created.batch_operation_key == "2251799813699999"
    assert sent(httpx_mock) == {
        "filter": {"processDefinitionKey": {"$in": [DEFINITION_KEY]}, "hasIncident": True},
        "operationReference": 3,
    }


async def test_batch_needs_a_filter(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(TypeError):
        await invoke("process_instances.cancel_batch")
    assert httpx_mock.get_requests() == []


async def test_migrate_batch(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-instances/migration",
        json={**BATCH, "batchOperationType": "MIGRATE_PROCESS_INSTANCE"},
    )
    created = await invoke(
        "process_instances.migrate_batch",
        filter=ProcessInstanceFilter(process_definition_key=DEFINITION_KEY),
        migration_plan={
            "targetProcessDefinitionKey": "2251799813685999",
            "mappingInstructions": [{"sourceElementId": "a", "targetElementId": "b"}],
        },
    )
    assert created.batch_operation_type is BatchOperationType.MIGRATE_PROCESS_INSTANCE
    assert sent(httpx_mock) == {
        "filter": {"processDefinitionKey": DEFINITION_KEY},
        "migrationPlan": {
            "targetProcessDefinitionKey": "2251799813685999",
            "mappingInstructions": [{"sourceElementId": "a", "targetElementId": "b"}],
        },
    }


async def test_modify_batch(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-instances/modification",
        json={**BATCH, "batchOperationType": "SPLIT_PROCESS_INSTANCE"},
    )
    created = await invoke(
        "process_instances.modify_batch",
        filter={"state": "ACTIVE"},
        move_instructions=[{"sourceElementId": "wait", "targetElementId": "ship"}],
    )
    assert created.batch_operation_type == "SPLIT_PROCESS_INSTANCE"  # unknown types are kept
    assert sent(httpx_mock) == {
        "filter": {"state": "ACTIVE"},
        "moveInstructions": [{"sourceElementId": "wait", "targetElementId": "ship"}],
    }
