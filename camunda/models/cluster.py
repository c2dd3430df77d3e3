"""Models of the ``cluster`` resource group: topology, configuration, license, usage."""

from __future__ import annotations

from datetime import datetime

from camunda.models._base import Lenient, ResponseModel, WireEnum

__all__ = [
    "Broker",
    "JobMetricsConfiguration",
    "License",
    "Partition",
    "PartitionHealth",
    "PartitionRole",
    "SystemConfiguration",
    "TenantUsageMetrics",
    "Topology",
    "UsageMetrics",
]


class PartitionRole(WireEnum):
    """The role a broker plays for one partition."""

    LEADER = "leader"
    FOLLOWER = "follower"
    INACTIVE = "inactive"


class PartitionHealth(WireEnum):
    """How well a partition is doing on one broker."""

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
    last_completed_change_id: str


class JobMetricsConfiguration(ResponseModel):
    """How the cluster collects job metrics, and the limits it applies to them.

    ``export_interval`` is an ISO-8601 duration such as ``PT5M``.

    Spec: `JobMetricsConfigurationResponse`
    """

    enabled: bool
    export_interval: str
    max_worker_name_length: int
    max_job_type_length: int
    max_tenant_id_length: int
    max_unique_keys: int


class SystemConfiguration(ResponseModel):
    """Settings of the cluster that clients may want to know about.

    Spec: `SystemConfigurationResponse`
    """

    job_metrics: JobMetricsConfiguration


class License(ResponseModel):
    """The license the cluster runs under; ``expires_at`` is None for one without end.

    Spec: `LicenseResponse`
    """

    valid_license: bool
    license_type: str
    is_commercial: bool
    expires_at: datetime | None = None


class TenantUsageMetrics(ResponseModel):
    """Usage counters for one tenant (or summed over all of them).

    Spec: `UsageMetricsResponseItem`
    """

    process_instances: int
    decision_instances: int
    assignees: int


class UsageMetrics(TenantUsageMetrics):
    """Usage counters over a time window; ``tenants`` is filled when asked for per tenant.

    Spec: `UsageMetricsResponse`
    """

    active_tenants: int
    tenants: dict[str, TenantUsageMetrics]
