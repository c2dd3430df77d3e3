"""An in-process fake of the Camunda 8 REST API, for your own tests and for demos.

::

    from camunda.testing import FakeCluster

    with FakeCluster(seed=1) as cluster:
        cluster.add_jobs("payment", count=3)
        with cluster.client() as client:
            jobs = client.jobs.activate(type="payment", timeout=10_000, max_jobs_to_activate=3)

See :class:`FakeCluster` for what it supports.
"""

from camunda.testing._cluster import FakeCluster
from camunda.testing._records import (
    ClusterStats,
    FakeIncident,
    FakeJob,
    FakeMessage,
    FakeProcessInstance,
    FakeUserTask,
    Faults,
    JobState,
)

__all__ = [
    "ClusterStats",
    "FakeCluster",
    "FakeIncident",
    "FakeJob",
    "FakeMessage",
    "FakeProcessInstance",
    "FakeUserTask",
    "Faults",
    "JobState",
]
