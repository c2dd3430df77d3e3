"""Models of the ``cluster`` resource group."""

from __future__ import annotations

from camunda.models._base import Lenient, ResponseModel, WireEnum

__all__ = ["Broker", "Partition", "PartitionHealth", "PartitionRole", "Topology"]


class PartitionRole(WireEnum):
    LEADER = "leader"
    FOLLOWER = "follower"
    INACTIVE = "inactive"


class PartitionHealth(WireEnum):
    HEALTHY = "healthy"
    UNHEALTHY = "unhealthy"
    DEAD = "dead"


class Partition(ResponseModel):
    """Spec: `Partition`"""

    partition_id: int
    role: Lenient[PartitionRole]
    health: Lenient[PartitionHealth]


class Broker(ResponseModel):
    """Spec: `BrokerInfo`"""

    node_id: int
    host: str
    port: int
    partitions: list[Partition]
    version: str


class Topology(ResponseModel):
    """The brokers and partitions of the cluster.

    Spec: `TopologyResponse`
    """

    brokers: list[Broker]
    cluster_id: str | None = None
    cluster_size: int
    partitions_count: int
    replication_factor: int
    gateway_version: str
    last_completed_change_id: str | None = None
