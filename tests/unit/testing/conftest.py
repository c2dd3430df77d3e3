"""Fixtures for the fake cluster's tests: a cluster, and ``call`` on either SDK client."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from importlib import resources
from typing import Any

import pytest

from camunda.testing import FakeCluster

Call = Callable[..., Awaitable[Any]]


@pytest.fixture
def cluster() -> Iterator[FakeCluster]:
    with FakeCluster(seed=1) as c:
        yield c


@pytest.fixture
def order_bpmn() -> bytes:
    return resources.files("camunda.testing").joinpath("order.bpmn").read_bytes()


@pytest.fixture(params=["sync", "async"])
async def call(request: pytest.FixtureRequest, cluster: FakeCluster) -> AsyncIterator[Call]:
    """``await call("jobs.complete", key, variables={...})`` on the sync or the async client."""
    sdk: Any = (cluster.client if request.param == "sync" else cluster.async_client)(max_retries=0)

    async def invoke(method: str, *args: Any, **kwargs: Any) -> Any:
        target: Any = sdk
        for part in method.split("."):
            target = getattr(target, part)
        result = target(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    yield invoke
    closed = sdk.close()
    if inspect.isawaitable(closed):
        await closed
