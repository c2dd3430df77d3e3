"""The pytest plugin of camunda-sdk: fixtures for process tests (registered as ``camunda``
under the ``pytest11`` entry point, so installing the SDK enables it).

Fixtures, each fresh per test:

* ``camunda_client`` / ``camunda_async_client``: a ``CamundaClient`` /
  ``CamundaAsyncClient`` on the fake cluster, or on a real cluster when
  ``CAMUNDA_REST_ADDRESS`` is set when pytest starts (with the other ``CAMUNDA_*``
  settings, e.g. for OAuth);
* ``camunda_cluster``: the :class:`~camunda.testing.FakeCluster` the clients talk to (a
  test that asks for it runs only on the fake);
* ``camunda_job_mock``: ``camunda_job_mock("type").complete({...})`` answers every job of a
  type (a :class:`~camunda.testing.JobMock`, stopped after the test);
* ``camunda_clock``: a :class:`~camunda.testing.ClusterClock` (the test needs a
  controlled clock), reset after the test.

Markers: ``camunda_fake_only`` (skipped on a real cluster), ``camunda_controlled_clock``
(on a real cluster, runs only with ``--camunda-controlled-clock``: the cluster was started
with ``ZEEBE_CLOCK_CONTROLLED=true``), and ``camunda``, which the plugin puts on every test
that uses its fixtures, so ``CAMUNDA_REST_ADDRESS=http://localhost:8080 pytest -m camunda``
runs the process tests against a real cluster.

Nothing is imported from the SDK and no setting is read unless a test asks for a fixture
(or ``CAMUNDA_REST_ADDRESS`` is set), so the plugin costs nothing in other projects.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings
    from camunda.testing import ClusterClock, FakeCluster, JobMock

__all__ = [
    "camunda_async_client",
    "camunda_client",
    "camunda_clock",
    "camunda_cluster",
    "camunda_job_mock",
]

_FIXTURES = frozenset(
    {
        "camunda_async_client",
        "camunda_client",
        "camunda_clock",
        "camunda_cluster",
        "camunda_job_mock",
    }
)
_REAL_CLUSTER = pytest.StashKey["CamundaSettings | None"]()
_CLOCK_OPTION = "--camunda-controlled-clock"
_ON_REAL = "CAMUNDA_REST_ADDRESS points at a real cluster"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("camunda").addoption(
        _CLOCK_OPTION,
        action="store_true",
        default=False,
        help="the real cluster in CAMUNDA_REST_ADDRESS was started with "
        "ZEEBE_CLOCK_CONTROLLED=true: run the camunda_controlled_clock tests on it",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "camunda: uses the camunda fixtures (runs on the fake cluster, or on the "
        "real one CAMUNDA_REST_ADDRESS names)",
    )
    config.addinivalue_line(
        "markers", "camunda_fake_only: needs the fake cluster (skipped on a real cluster)"
    )
    config.addinivalue_line(
        "markers",
        "camunda_controlled_clock: moves the cluster's clock (on a real cluster "
        f"only with {_CLOCK_OPTION})",
    )
    # Read now: a project's own conftest may clear CAMUNDA_* variables for each test.
    settings: CamundaSettings | None = None
    if os.environ.get("CAMUNDA_REST_ADDRESS"):
        from camunda import CamundaSettings

        settings = CamundaSettings()
    config.stash[_REAL_CLUSTER] = settings


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker("camunda")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.config.stash.get(_REAL_CLUSTER, None) is None:
        return
    if item.get_closest_marker("camunda_fake_only"):
        pytest.skip(f"needs the fake cluster; {_ON_REAL}")
    if item.get_closest_marker("camunda_controlled_clock") and not item.config.getoption(
        _CLOCK_OPTION
    ):
        pytest.skip(
            f"needs a controlled clock; {_ON_REAL}: start it with "
            f"ZEEBE_CLOCK_CONTROLLED=true and pass {_CLOCK_OPTION}"
        )


def _real_cluster(request: pytest.FixtureRequest) -> CamundaSettings | None:
    return request.config.stash.get(_REAL_CLUSTER, None)


@pytest.fixture
def camunda_cluster(request: pytest.FixtureRequest) -> Iterator[FakeCluster]:
    """A fresh :class:`~camunda.testing.FakeCluster` (skips the test on a real cluster)."""
    if _real_cluster(request) is not None:
        pytest.skip(f"uses the camunda_cluster fixture (the fake cluster); {_ON_REAL}")
    from camunda.testing import FakeCluster

    with FakeCluster() as cluster:
        yield cluster


@pytest.fixture
def camunda_client(request: pytest.FixtureRequest) -> Iterator[CamundaClient]:
    """A ``CamundaClient`` on the fake cluster, or on the real one if configured."""
    with _client_factory(request)() as client:
        yield client


@pytest.fixture
async def camunda_async_client(
    request: pytest.FixtureRequest,
) -> AsyncIterator[CamundaAsyncClient]:
    """A ``CamundaAsyncClient`` on the fake cluster, or on the real one if configured
    (an async fixture: the test needs ``@pytest.mark.anyio`` or another async plugin)."""
    settings = _real_cluster(request)
    if settings is None:
        cluster: FakeCluster = request.getfixturevalue("camunda_cluster")
        client = cluster.async_client()
    else:
        from camunda import CamundaAsyncClient

        client = CamundaAsyncClient(settings)
    async with client:
        yield client


@pytest.fixture
def camunda_job_mock(request: pytest.FixtureRequest) -> Iterator[Callable[[str], JobMock]]:
    """``camunda_job_mock("type")``: a :class:`~camunda.testing.JobMock` with a client of
    its own; every mock stops after the test."""
    from camunda.testing import JobMock

    new_client = _client_factory(request)
    mocks: list[JobMock] = []

    def mock(job_type: str) -> JobMock:
        mocks.append(JobMock(new_client(), job_type, owns_client=True))
        return mocks[-1]

    yield mock
    for each in mocks:
        each.stop()


@pytest.fixture
def camunda_clock(
    request: pytest.FixtureRequest, camunda_client: CamundaClient
) -> Iterator[ClusterClock]:
    """A :class:`~camunda.testing.ClusterClock`; the test needs a controlled clock (on a
    real cluster it is skipped without ``--camunda-controlled-clock``). Reset afterwards."""
    if _real_cluster(request) is not None and not request.config.getoption(_CLOCK_OPTION):
        pytest.skip(
            f"uses camunda_clock; {_ON_REAL}: start it with "
            f"ZEEBE_CLOCK_CONTROLLED=true and pass {_CLOCK_OPTION}"
        )
    from camunda.testing import ClusterClock

    clock = ClusterClock(camunda_client)
    yield clock
    if clock.now is not None:
        clock.reset()


def _client_factory(request: pytest.FixtureRequest) -> Callable[[], CamundaClient]:
    """Makes sync clients on this test's cluster (resolved now, at fixture set-up)."""
    settings = _real_cluster(request)
    if settings is None:
        cluster: FakeCluster = request.getfixturevalue("camunda_cluster")
        return cluster.client
    from camunda import CamundaClient

    return lambda: CamundaClient(settings)
