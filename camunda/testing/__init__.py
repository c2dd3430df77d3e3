"""An in-process fake of the Camunda 8 REST API, for your own tests and for demos.

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
    from camunda.testing._cluster import FakeCluster
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

__all__ = [
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
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'camunda.testing' has no attribute {name!r}")
    home = "camunda.testing._cluster" if name == "FakeCluster" else "camunda.testing._records"
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
