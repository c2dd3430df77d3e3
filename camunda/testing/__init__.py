"""Process tests: an in-process fake of the Camunda 8 REST API, assertions on what a
process did, job mocks and clock control (see docs/testing.md).

::

    from camunda.testing import FakeCluster

    with FakeCluster(seed=1) as cluster:
        cluster.add_jobs("payment", count=3)
        with cluster.client() as client:
            jobs = client.jobs.activate(type="payment", timeout=10_000, max_jobs_to_activate=3)

See :class:`FakeCluster` for what it supports. The names load on first use, so
importing a submodule (the demo) does not load the fake cluster.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from camunda.testing._clock import ClusterClock
    from camunda.testing._cluster import FakeCluster
    from camunda.testing._job_mock import JobMock
    from camunda.testing._records import (
        ClusterStats,
        FakeElementInstance,
        FakeEscalation,
        FakeIncident,
        FakeJob,
        FakeJobState,
        FakeMessage,
        FakeProcessInstance,
        FakeUserTask,
        Faults,
    )
    from camunda.testing.assertions import (
        assert_that,
        assert_that_decision,
        assert_that_user_task,
    )

__all__ = [
    "ClusterClock",
    "ClusterStats",
    "FakeCluster",
    "FakeElementInstance",
    "FakeEscalation",
    "FakeIncident",
    "FakeJob",
    "FakeJobState",
    "FakeMessage",
    "FakeProcessInstance",
    "FakeUserTask",
    "Faults",
    "JobMock",
    "assert_that",
    "assert_that_decision",
    "assert_that_user_task",
]

_HOMES = {
    "ClusterClock": "camunda.testing._clock",
    "FakeCluster": "camunda.testing._cluster",
    "JobMock": "camunda.testing._job_mock",
    "assert_that": "camunda.testing.assertions",
    "assert_that_decision": "camunda.testing.assertions",
    "assert_that_user_task": "camunda.testing.assertions",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'camunda.testing' has no attribute {name!r}")
    value = getattr(import_module(_HOMES.get(name, "camunda.testing._records")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
