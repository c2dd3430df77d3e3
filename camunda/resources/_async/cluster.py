"""The ``cluster`` resource group: topology, status, license and system information."""

from __future__ import annotations

from datetime import datetime
from types import NoneType

from camunda._transport import Operation
from camunda.models.cluster import License, SystemConfiguration, Topology, UsageMetrics
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncCluster"]

_GET_TOPOLOGY = Operation("GET", "/topology", "getTopology", returns=Topology)
_GET_STATUS = Operation("GET", "/status", "getStatus", returns=NoneType)
_GET_LICENSE = Operation("GET", "/license", "getLicense", returns=License)
_GET_CONFIGURATION = Operation(
    "GET", "/system/configuration", "getSystemConfiguration", returns=SystemConfiguration
)
_GET_USAGE_METRICS = Operation(
    "GET",
    "/system/usage-metrics",
    "getUsageMetrics",
    returns=UsageMetrics,
    query=("start_time", "end_time", "tenant_id", "with_tenants"),
)


class AsyncCluster(AsyncAPIResource):
    """Cluster-wide information."""

    __slots__ = ()

    @endpoint(_GET_TOPOLOGY)
    async def get_topology(self) -> Topology:
        """The brokers, partitions and gateway version of the cluster.

        ``GET /topology`` (getTopology)
        """
        return await self._transport.request(_GET_TOPOLOGY, locals())

    @endpoint(_GET_STATUS)
    async def get_status(self) -> None:
        """Check that the cluster can take requests: returns when at least one partition
        has a healthy leader, raises :class:`~camunda.ServiceUnavailableError` otherwise.

        ``GET /status`` (getStatus)
        """
        return await self._transport.request(_GET_STATUS, locals())

    @endpoint(_GET_LICENSE)
    async def get_license(self) -> License:
        """The license the cluster runs under.

        ``GET /license`` (getLicense)
        """
        return await self._transport.request(_GET_LICENSE, locals())

    @endpoint(_GET_CONFIGURATION)
    async def get_configuration(self) -> SystemConfiguration:
        """Cluster settings that matter to clients (job metrics limits, ...).

        ``GET /system/configuration`` (getSystemConfiguration)
        """
        return await self._transport.request(_GET_CONFIGURATION, locals())

    @endpoint(_GET_USAGE_METRICS)
    async def get_usage_metrics(
        self,
        *,
        start_time: datetime,
        end_time: datetime,
        tenant_id: str | NotGiven = NOT_GIVEN,
        with_tenants: bool | NotGiven = NOT_GIVEN,
    ) -> UsageMetrics:
        """Process instances, decision instances and assignees counted between two times.

        ``GET /system/usage-metrics`` (getUsageMetrics)

        ``with_tenants=True`` also breaks the counts down per tenant; ``tenant_id``
        restricts them to one tenant.

        Args:
            start_time: the start of the period to count.
            end_time: the end of the period to count.
            tenant_id: count only this tenant's usage.
            with_tenants: also count per tenant.
        """
        return await self._transport.request(_GET_USAGE_METRICS, locals())
