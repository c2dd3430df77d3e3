"""FastAPI integration: one client per app, job workers that start and stop with it, and a
typed dependency for route handlers. Needs the ``fastapi`` extra.

::

    from fastapi import FastAPI
    from camunda.integrations.fastapi import CamundaDep, camunda_lifespan

    app = FastAPI(lifespan=camunda_lifespan(routers=[router]))

    @app.post("/orders")
    async def create_order(order: Order, camunda: CamundaDep) -> CreatedProcessInstance:
        return await camunda.process_instances.create(
            process_definition_id="order-process", variables=order.model_dump())

Startup opens the client (from the ``CAMUNDA_*`` variables unless given settings or a
client), enters the app's own lifespan if one is wrapped, then serves the routers' job
types in the background. Shutdown stops polling, lets running jobs finish within
``grace_period`` (jobs still running then are failed back to the cluster), leaves the
wrapped lifespan and closes the client.

The SDK logs to stderr at INFO (failed jobs and polls) unless ``CAMUNDA_SDK_LOG_LEVEL``
says otherwise or the application configures logging itself. Should the worker stop on
its own (the cluster refusing its credentials), the app keeps serving with its client
and ``camunda_state(app).worker.health()`` says why.
"""

import logging
from collections.abc import AsyncGenerator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, cast, overload

import anyio

try:
    from fastapi import Depends
    from starlette.applications import Starlette
    from starlette.requests import HTTPConnection
except ImportError as exc:  # pragma: no cover - exercised in a subprocess
    raise ImportError(
        "camunda.integrations.fastapi needs FastAPI: pip install 'camunda-sdk[fastapi]'"
    ) from exc

from camunda._logging import configure_logging
from camunda._settings import CamundaSettings
from camunda.resources._async._client import CamundaAsyncClient
from camunda.workers import JobRouter, JobWorker
from camunda.workers._router import Duration

__all__ = ["CamundaDep", "CamundaState", "camunda_lifespan", "camunda_state", "get_camunda"]

AppT = TypeVar("AppT", bound=Starlette)
StateT = TypeVar("StateT")

_ATTRIBUTE = "camunda"

logger = logging.getLogger("camunda.integrations.fastapi")


@dataclass(frozen=True)
class CamundaState:
    """What :func:`camunda_lifespan` keeps on ``app.state.camunda`` while the app runs.

    It is also in the lifespan state (``request.state.camunda``), which reaches apps
    mounted in this one.

    Attributes:
        client: the app's client, shared by all requests and by the job workers.
        worker: the worker serving the app's routers (``None`` without routers); its
            ``health()`` and ``metrics()`` suit a health endpoint (``health().error``
            says why a worker stopped on its own).
    """

    client: CamundaAsyncClient
    worker: JobWorker | None


@overload
def camunda_lifespan(
    lifespan: None = None,
    *,
    routers: Sequence[JobRouter] = (),
    settings: CamundaSettings | None = None,
    client: CamundaAsyncClient | None = None,
    grace_period: Duration = 30.0,
) -> Callable[[Starlette], AbstractAsyncContextManager[None]]: ...


@overload
def camunda_lifespan(
    lifespan: Callable[[AppT], AbstractAsyncContextManager[StateT]],
    *,
    routers: Sequence[JobRouter] = (),
    settings: CamundaSettings | None = None,
    client: CamundaAsyncClient | None = None,
    grace_period: Duration = 30.0,
) -> Callable[[AppT], AbstractAsyncContextManager[StateT]]: ...


def camunda_lifespan(
    lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
    *,
    routers: Sequence[JobRouter] = (),
    settings: CamundaSettings | None = None,
    client: CamundaAsyncClient | None = None,
    grace_period: Duration = 30.0,
) -> Callable[[Any], AbstractAsyncContextManager[Any]]:
    """A lifespan for ``FastAPI(lifespan=...)`` that runs one Camunda client and the job
    workers of ``routers`` for as long as the app runs.

    Args:
        lifespan: the app's own lifespan, run inside this one: the client is open while
            it starts and stops (``camunda_state(app).client``), the workers start after
            its startup and are drained before its shutdown. The state it yields is
            passed on, with ``camunda`` added when it is a mapping.
        routers: job routers to serve with a ``JobWorker`` on the app's client.
        settings: the client's settings; by default read from ``CAMUNDA_*`` variables
            at startup.
        client: use this client instead of opening one; it is left open at shutdown.
        grace_period: at shutdown, how long running jobs may take to finish (seconds or
            a ``timedelta``) before they are cancelled and failed back.

    Raises:
        ValueError: both ``settings`` and ``client`` were given.
    """
    if settings is not None and client is not None:
        raise ValueError("pass either settings or client, not both")

    @asynccontextmanager
    async def run(app: Starlette) -> AsyncGenerator[Any, None]:
        async with AsyncExitStack() as stack:
            camunda = client
            if camunda is None:
                camunda = await stack.enter_async_context(CamundaAsyncClient(settings))
            configure_logging(camunda.settings, default=logging.INFO)
            worker = (
                JobWorker(camunda, routers=routers, grace_period=grace_period) if routers else None
            )
            ours = CamundaState(camunda, worker)
            setattr(app.state, _ATTRIBUTE, ours)
            stack.callback(delattr, app.state, _ATTRIBUTE)
            state = None if lifespan is None else await stack.enter_async_context(lifespan(app))
            if state is None:
                state = {_ATTRIBUTE: ours}
            elif isinstance(state, Mapping):
                state = {**cast("Mapping[str, Any]", state), _ATTRIBUTE: ours}
            async with anyio.create_task_group() as tasks:
                if worker is not None:
                    tasks.start_soon(_serve, worker)
                try:
                    yield state
                finally:
                    if worker is not None:
                        await worker.stop()

    return run


async def _serve(worker: JobWorker) -> None:
    """Serve the worker; if it stops on its own, log why and leave the app running."""
    try:
        await worker.serve()
    except Exception:
        logger.exception(
            "the app's job worker stopped; requests are still served with "
            "its client (see camunda_state(app).worker.health())"
        )


_MISSING = (
    "this app has no Camunda client: create it with FastAPI(lifespan=camunda_lifespan(...)) "
    "and run its lifespan (servers do; in tests use `with TestClient(app)` or "
    "`async with app.router.lifespan_context(app)`)"
)


def camunda_state(app: Starlette) -> CamundaState:
    """The app's client and worker, set up by :func:`camunda_lifespan`.

    Raises:
        RuntimeError: the app does not run under :func:`camunda_lifespan` (or it has
            not started, or has stopped).
    """
    state = getattr(app.state, _ATTRIBUTE, None)
    if not isinstance(state, CamundaState):
        raise RuntimeError(_MISSING)
    return state


def get_camunda(connection: HTTPConnection) -> CamundaAsyncClient:
    """FastAPI dependency: the app's ``CamundaAsyncClient`` (see :data:`CamundaDep`).

    Found in the lifespan state first, so routes of an app mounted in the one that runs
    :func:`camunda_lifespan` get it too.
    """
    state = getattr(connection.state, _ATTRIBUTE, None)
    if isinstance(state, CamundaState):
        return state.client
    if getattr(connection.app.state, _ATTRIBUTE, None) is None and connection.scope.get(
        "root_path"
    ):
        raise RuntimeError(
            f"{_MISSING}. This route belongs to an app mounted at "
            f"{connection.scope['root_path']!r}: the lifespan state that carries the client "
            "did not reach it (does the app that runs camunda_lifespan wrap a lifespan "
            "that yields a state that is not a mapping?)"
        )
    return camunda_state(connection.app).client


CamundaDep = Annotated[CamundaAsyncClient, Depends(get_camunda)]
"""Annotate a route parameter with it to receive the app's client: ``camunda: CamundaDep``."""
