"""The ``on_event`` hook is called, never awaited: an async one is refused at once."""

from __future__ import annotations

import functools

import pytest

from camunda import CamundaAsyncClient, CamundaSettings
from camunda.workers import JobEvent, JobRouter, JobWorker


def _router() -> JobRouter:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    return router


async def _hook(event: JobEvent) -> None: ...


class _AsyncCallable:
    async def __call__(self, event: JobEvent) -> None: ...


@pytest.mark.parametrize(
    "hook",
    [_hook, _AsyncCallable(), functools.partial(_hook)],
    ids=["async-def", "async-call", "partial"],
)
def test_an_async_on_event_hook_is_a_type_error_at_construction(hook: object) -> None:
    client = CamundaAsyncClient(CamundaSettings(rest_address="http://camunda.test"))
    with pytest.raises(TypeError, match="on_event must be a plain function"):
        JobWorker(client, routers=[_router()], on_event=hook)  # type: ignore[arg-type]


def test_a_plain_on_event_hook_is_accepted() -> None:
    client = CamundaAsyncClient(CamundaSettings(rest_address="http://camunda.test"))
    events: list[JobEvent] = []
    JobWorker(client, routers=[_router()], on_event=events.append)
