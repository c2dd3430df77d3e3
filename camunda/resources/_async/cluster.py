"""The ``cluster`` resource group: topology, status, license and system information."""

from __future__ import annotations

from camunda._transport._base import Operation
from camunda.models.cluster import Topology
from camunda.resources._async._resource import AsyncResource

__all__ = ["AsyncCluster"]

_GET_TOPOLOGY = Operation("GET", "/topology", "getTopology", returns=Topology)


class AsyncCluster(AsyncResource):
    """Cluster-wide information."""

    __slots__ = ()

    async def get_topology(self) -> Topology:
        """The brokers, partitions and gateway version of the cluster.

        ``GET /topology`` (getTopology)
        """
        return await self._transport.request(_GET_TOPOLOGY, locals())
