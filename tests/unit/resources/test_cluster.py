from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

import pytest

from camunda import ServiceUnavailableError
from camunda.models.cluster import (
    License,
    PartitionHealth,
    PartitionRole,
    SystemConfiguration,
    Topology,
    UsageMetrics,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio


async def test_get_topology(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/topology",
        json={
            "brokers": [
                {
                    "nodeId": 0,
                    "host": "zeebe-0",
                    "port": 26501,
                    "version": "8.9.0",
                    "partitions": [
                        {"partitionId": 1, "role": "leader", "health": "healthy"},
                        {"partitionId": 2, "role": "observer", "health": "dead"},
                    ],
                }
            ],
            "clusterId": None,
            "clusterSize": 1,
            "partitionsCount": 2,
            "replicationFactor": 1,
            "gatewayVersion": "8.9.0",
            "lastCompletedChangeId": "-1",
        },
    )
    topology = await invoke("cluster.get_topology")
    assert isinstance(topology, Topology)
    first, second = topology.brokers[0].partitions
    assert first.role is PartitionRole.LEADER
    assert second.role == "observer"  # a role this SDK does not know is kept
    assert second.health is PartitionHealth.DEAD


async def test_get_status_returns_none_when_healthy(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/status", status_code=204)
    assert await invoke("cluster.get_status") is None


async def test_get_status_raises_when_unavailable(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    # GET is idempotent: the 503 is retried (3 retries in the test settings), then raised.
    httpx_mock.add_response(method="GET", url=f"{BASE}/status", status_code=503, is_reusable=True)
    with pytest.raises(ServiceUnavailableError):
        await invoke("cluster.get_status")
    assert len(httpx_mock.get_requests()) == 4


async def test_get_license(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/license",
        json={
            "validLicense": True,
            "licenseType": "saas",
            "isCommercial": True,
            "expiresAt": "2026-01-31T23:59:59Z",
        },
    )
    license_ = await invoke("cluster.get_license")
    assert isinstance(license_, License)
    assert license_.expires_at == datetime(2026, 1, 31, 23, 59, 59, tzinfo=timezone.utc)
    assert license_.is_commercial


async def test_get_license_without_expiry(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/license",
        json={
            "validLicense": False,
            "licenseType": "unknown",
            "isCommercial": False,
            "expiresAt": None,
        },
    )
    license_ = await invoke("cluster.get_license")
    assert license_.expires_at is None
    assert not license_.valid_license


async def test_get_configuration(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/system/configuration",
        json={
            "jobMetrics": {
                "enabled": True,
                "exportInterval": "PT10M",
                "maxWorkerNameLength": 64,
                "maxJobTypeLength": 128,
                "maxTenantIdLength": 31,
                "maxUniqueKeys": 2000,
            },
        },
    )
    config = await invoke("cluster.get_configuration")
    assert isinstance(config, SystemConfiguration)
    assert config.job_metrics.export_interval == "PT10M"
    assert config.job_metrics.max_unique_keys == 2000


async def test_get_usage_metrics_sends_query(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=(
            f"{BASE}/system/usage-metrics?startTime=2025-03-01T00%3A00%3A00%2B00%3A00"
            "&endTime=2025-04-01T00%3A00%3A00%2B00%3A00&withTenants=true"
        ),
        json={
            "processInstances": 42,
            "decisionInstances": 7,
            "assignees": 3,
            "activeTenants": 2,
            "tenants": {
                "acme": {"processInstances": 40, "decisionInstances": 7, "assignees": 2},
                "globex": {"processInstances": 2, "decisionInstances": 0, "assignees": 1},
            },
        },
    )
    metrics = await invoke(
        "cluster.get_usage_metrics",
        start_time=datetime(2025, 3, 1, tzinfo=timezone.utc),
        end_time=datetime(2025, 4, 1, tzinfo=timezone.utc),
        with_tenants=True,
    )
    assert isinstance(metrics, UsageMetrics)
    assert metrics.process_instances == 42
    assert metrics.active_tenants == 2
    assert metrics.tenants["acme"].process_instances == 40
    request = httpx_mock.get_request()
    assert request is not None and request.content == b""
