"""Shared pieces of the fault-injection suite: every scenario records one summary row.

A scenario calls ``scenario_report(...)`` with what it measured; the rows are printed as a
markdown table at the end of the run (``pytest tests/reliability``), so the figures of a CI
run can be read off its log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pytest

from camunda.testing import FakeCluster
from tests.reliability._proxy import FaultProxy

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from _pytest.python import CallSpec2
    from _pytest.terminal import TerminalReporter


@dataclass(frozen=True)
class ScenarioRow:
    scenario: str
    requests: int
    lost: int
    duplicates: int
    outcome: str


_ROWS: list[ScenarioRow] = []


class ScenarioReport(Protocol):
    def __call__(
        self, scenario: str, *, requests: int, lost: int = 0, duplicates: int = 0, outcome: str
    ) -> None: ...


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/reliability/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.reliability)


@pytest.fixture
def scenario_report(request: pytest.FixtureRequest) -> ScenarioReport:
    """Record one row of the summary table: the scenario, requests the cluster saw, jobs
    lost, duplicate completions and a one-line outcome. The anyio backend of a test
    parametrized by it is added to the scenario (``... [trio]``)."""
    callspec: CallSpec2 | None = getattr(request.node, "callspec", None)
    backend = None if callspec is None else callspec.params.get("anyio_backend")
    tag = "" if backend is None else f" [{backend}]"

    def record(
        scenario: str, *, requests: int, lost: int = 0, duplicates: int = 0, outcome: str
    ) -> None:
        _ROWS.append(ScenarioRow(scenario + tag, requests, lost, duplicates, outcome))

    return record


@pytest.fixture
def fake_cluster() -> Iterator[FakeCluster]:
    """A fake cluster (seeded) for the scenario; serve it with ``fault_proxy`` or ``.serve()``."""
    with FakeCluster(seed=7) as cluster:
        yield cluster


@pytest.fixture
async def fault_proxy(fake_cluster: FakeCluster) -> AsyncIterator[FaultProxy]:
    """``fake_cluster`` behind a :class:`FaultProxy` on loopback (no faults yet); point the
    SDK at ``fault_proxy.url``. Async: use it from ``pytest.mark.anyio`` tests."""
    async with FaultProxy(fake_cluster.app, seed=7) as proxy:
        yield proxy


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    if not _ROWS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("reliability summary")
    write("| scenario | requests | jobs lost | duplicates | outcome |")
    write("|---|---:|---:|---:|---|")
    for row in _ROWS:
        write(
            f"| {row.scenario} | {row.requests} | {row.lost} | {row.duplicates} | {row.outcome} |"
        )
