"""The FastAPI integration: lifespan, dependency, workers, and SDK models in routes."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import warnings
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import anyio
import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel
from pydantic.warnings import UnsupportedFieldAttributeWarning

import camunda.models
from camunda import CamundaAsyncClient, CamundaSettings
from camunda.integrations.fastapi import (
    CamundaDep,
    CamundaState,
    camunda_lifespan,
    camunda_state,
)
from camunda.models.cluster import Topology
from camunda.models.common import (
    EnumFilter,
    KeyFilter,
    RangeFilter,
    SearchQuery,
    SearchResult,
    SortRequest,
)
from camunda.models.process_instances import (
    ProcessInstance,
    ProcessInstanceFilter,
    ProcessInstanceState,
)
from camunda.testing import FakeCluster, FakeJobState
from camunda.workers import SHUTDOWN_MESSAGE, JobRouter

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

pytestmark = pytest.mark.anyio

SETTINGS = CamundaSettings(rest_address="http://camunda.test", auth_strategy="NONE")


def _app_with_client_route(lifespan: Any = None) -> FastAPI:
    app = FastAPI(lifespan=lifespan)

    @app.get("/client")
    async def which(camunda: CamundaDep) -> dict[str, int]:
        return {"id": id(camunda)}

    return app


def _http(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://app")


@pytest.fixture
def closed(monkeypatch: pytest.MonkeyPatch) -> list[CamundaAsyncClient]:
    """The clients closed during the test, in order."""
    calls: list[CamundaAsyncClient] = []
    original = CamundaAsyncClient.aclose

    async def aclose(self: CamundaAsyncClient) -> None:
        calls.append(self)
        await original(self)

    monkeypatch.setattr(CamundaAsyncClient, "aclose", aclose)
    return calls


# -- lifespan and dependency ------------------------------------------------------------


async def test_one_client_serves_every_request_and_is_closed_at_shutdown(
    closed: list[CamundaAsyncClient],
) -> None:
    app = _app_with_client_route(camunda_lifespan(settings=SETTINGS))
    async with app.router.lifespan_context(app), _http(app) as http:
        state = camunda_state(app)
        assert isinstance(state, CamundaState)
        assert state.client.settings is SETTINGS
        assert state.worker is None
        ids = {(await http.get("/client")).json()["id"] for _ in range(3)}
        assert ids == {id(state.client)}
        assert closed == []
    assert closed == [state.client]
    with pytest.raises(RuntimeError, match="camunda_lifespan"):
        camunda_state(app)


async def test_settings_default_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://from-env:8080")
    app = FastAPI(lifespan=camunda_lifespan())
    async with app.router.lifespan_context(app):
        assert camunda_state(app).client.settings.rest_address.startswith("http://from-env:8080")


async def test_a_given_client_is_used_and_left_open(closed: list[CamundaAsyncClient]) -> None:
    async with CamundaAsyncClient(SETTINGS) as mine:
        app = _app_with_client_route(camunda_lifespan(client=mine))
        async with app.router.lifespan_context(app), _http(app) as http:
            assert (await http.get("/client")).json() == {"id": id(mine)}
        assert closed == []


def test_settings_and_client_are_exclusive() -> None:
    with pytest.raises(ValueError, match="not both"):
        camunda_lifespan(settings=SETTINGS, client=CamundaAsyncClient(SETTINGS))


async def test_the_dependency_without_the_lifespan_says_what_is_missing() -> None:
    app = _app_with_client_route()
    async with _http(app) as http:
        with pytest.raises(RuntimeError, match=r"FastAPI\(lifespan=camunda_lifespan"):
            await http.get("/client")


async def test_it_wraps_the_apps_own_lifespan_and_passes_its_state_on() -> None:
    events: list[str] = []
    cluster = FakeCluster()
    router = JobRouter()

    @router.job("noted")
    async def noted() -> None:
        events.append("job")

    @asynccontextmanager
    async def own(app: FastAPI) -> AsyncGenerator[dict[str, str], None]:
        client = camunda_state(app).client  # open during the app's own startup
        events.append(f"startup, cluster size {(await client.cluster.get_topology()).cluster_size}")
        yield {"db": "pool"}
        events.append("shutdown")

    async with cluster.async_client() as client:
        app = FastAPI(lifespan=camunda_lifespan(own, routers=[router], client=client))
        async with app.router.lifespan_context(app) as state:
            assert state == {"db": "pool", "camunda": camunda_state(app)}
            cluster.add_jobs("noted")
            with anyio.fail_after(5):
                while "job" not in events:
                    await anyio.sleep(0.01)
            assert camunda_state(app).worker is not None
    assert events == ["startup, cluster size 1", "job", "shutdown"]


async def test_the_dependency_works_in_a_mounted_app() -> None:
    outer = FastAPI(lifespan=camunda_lifespan(settings=SETTINGS))
    inner = _app_with_client_route()
    outer.mount("/inner", inner)
    async with outer.router.lifespan_context(outer) as state:
        # what servers do: the lifespan's state is copied into every request
        transport = httpx.ASGITransport(_with_state(outer, state))
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as http:
            answer = await http.get("/inner/client")
        assert answer.json() == {"id": id(camunda_state(outer).client)}


def _with_state(app: FastAPI, state: Any) -> Any:
    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        await app({**scope, "state": dict(state)}, receive, send)

    return asgi


async def test_the_app_keeps_its_client_when_its_worker_stops(
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = JobRouter()
    router.job("anything")(lambda: None)

    async def refuse(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/jobs/activation"):
            return httpx.Response(
                403, json={"title": "FORBIDDEN", "status": 403, "detail": "no job permission"}
            )
        return httpx.Response(
            200,
            json={
                "clusterSize": 1,
                "partitionsCount": 1,
                "replicationFactor": 1,
                "gatewayVersion": "8.9",
                "brokers": [],
                "lastCompletedChangeId": "1",
            },
        )

    http = httpx.AsyncClient(transport=httpx.MockTransport(refuse))
    async with CamundaAsyncClient(SETTINGS, http_client=http) as client:
        app = _app_with_client_route(camunda_lifespan(routers=[router], client=client))
        with anyio.fail_after(5):
            async with app.router.lifespan_context(app), _http(app) as requests:
                worker = camunda_state(app).worker
                assert worker is not None
                while worker.health().error is None or worker.health().running:
                    await anyio.sleep(0.01)
                answer = await requests.get("/client")
                assert answer.status_code == 200  # the client stays open
                assert await client.cluster.get_topology()
    health = worker.health()
    assert not health.healthy and "403" in (health.error or "")
    assert any("job worker stopped" in r.getMessage() for r in caplog.records)


async def test_an_sdk_response_model_is_served_through_the_dependency() -> None:
    cluster = FakeCluster()
    async with cluster.async_client() as client:
        app = FastAPI(lifespan=camunda_lifespan(client=client))

        @app.get("/topology")
        async def topology(camunda: CamundaDep) -> Topology:
            return await camunda.cluster.get_topology()

        async with app.router.lifespan_context(app), _http(app) as http:
            body = (await http.get("/topology")).json()
    assert body["clusterSize"] == 1  # wire (camelCase) names, as the SDK models serialise
    assert Topology.model_validate(body).cluster_size == 1


def test_without_fastapi_the_import_error_names_the_extra() -> None:
    code = "import sys; sys.modules['fastapi'] = None\nimport camunda.integrations.fastapi"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert "pip install 'camunda-sdk[fastapi]'" in done.stderr


# -- workers ----------------------------------------------------------------------------


def _blocking_router(started: anyio.Event, release: anyio.Event) -> JobRouter:
    router = JobRouter()

    @router.job("slow")
    async def slow() -> dict[str, bool]:
        started.set()
        await release.wait()
        return {"done": True}

    return router


async def test_shutdown_lets_running_jobs_finish() -> None:
    cluster = FakeCluster()
    started, release = anyio.Event(), anyio.Event()
    [key] = cluster.add_jobs("slow")
    async with cluster.async_client() as client:
        app = FastAPI(
            lifespan=camunda_lifespan(routers=[_blocking_router(started, release)], client=client)
        )

        async def release_soon() -> None:
            await anyio.sleep(0.1)  # well after shutdown began
            release.set()

        with anyio.fail_after(5):
            async with anyio.create_task_group() as tasks:
                async with app.router.lifespan_context(app):
                    await started.wait()
                    assert [j.key for j in cluster.jobs(state=FakeJobState.ACTIVATED)] == [key]
                    tasks.start_soon(release_soon)
                # leaving the lifespan waited for the handler and its completion
                assert release.is_set()
    job = cluster.job(key)
    assert job is not None
    assert job.state == FakeJobState.COMPLETED
    assert job.result_variables == {"done": True}


async def test_jobs_still_running_after_the_grace_period_are_failed_back() -> None:
    cluster = FakeCluster()
    [key] = cluster.add_jobs("slow", retries=3)
    started = anyio.Event()
    async with cluster.async_client() as client:
        app = FastAPI(
            lifespan=camunda_lifespan(
                routers=[_blocking_router(started, anyio.Event())], client=client, grace_period=0.05
            )
        )
        with anyio.fail_after(5):
            async with app.router.lifespan_context(app):
                await started.wait()
    job = cluster.job(key)
    assert job is not None
    assert job.state != FakeJobState.COMPLETED
    assert job.retries == 3
    assert job.error_message == SHUTDOWN_MESSAGE


# -- SDK models as FastAPI request and response models ----------------------------------


def _public_modules() -> list[str]:
    """Every public module of ``camunda.models`` (identity's package only re-exports)."""
    return [
        info.name
        for info in pkgutil.walk_packages(camunda.models.__path__, "camunda.models.")
        if not any(part.startswith("_") for part in info.name.split("."))
        and info.name != "camunda.models.identity"
    ]


def _models_of(module_name: str) -> list[type[BaseModel]]:
    module = importlib.import_module(module_name)
    values = [getattr(module, name) for name in module.__all__]
    return [v for v in values if inspect.isclass(v) and issubclass(v, BaseModel)]


def _concrete(model: type[BaseModel]) -> type[BaseModel]:
    """A generic model with each parameter bound to its bound (or ``str``)."""
    params = model.__pydantic_generic_metadata__["parameters"]
    if not params:
        return model
    args = tuple(getattr(p, "__bound__", None) or str for p in params)
    return model[args if len(args) > 1 else args[0]]  # type: ignore[index]


def _app_using(models: list[type[BaseModel]]) -> FastAPI:
    """One route per model, taking it as the request body and answering with it."""
    app = FastAPI()
    for number, model in enumerate(models):

        async def echo(body: Any) -> Any:
            return body

        echo.__annotations__ = {"body": model, "return": model}
        app.post(f"/m{number}", response_model=model, name=model.__name__)(echo)
    return app


def _check_openapi(models: list[type[BaseModel]]) -> dict[str, Any]:
    app = _app_using(models)
    with warnings.catch_warnings():
        # pydantic warns about FastAPI's body-field alias when a model defers its
        # schema build (defer_build=True); the alias is applied all the same.
        warnings.simplefilter("ignore", UnsupportedFieldAttributeWarning)
        schema = app.openapi()
    json.dumps(schema)  # a plain JSON document
    components = schema["components"]["schemas"]
    for number, model in enumerate(models):
        operation = schema["paths"][f"/m{number}"]["post"]
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
        for ref in (body, answer):
            assert ref["$ref"].rsplit("/", 1)[-1] in components, model
    return components


@pytest.mark.parametrize("module_name", _public_modules())
def test_every_public_model_works_as_request_body_and_response_model(module_name: str) -> None:
    models = _models_of(module_name)
    assert models, f"{module_name} exports no models"
    _check_openapi([_concrete(m) for m in models])


def test_generic_models_with_concrete_parameters() -> None:
    components = _check_openapi(
        [
            SearchResult[ProcessInstance],
            SearchQuery[ProcessInstanceFilter, Literal["startDate", "processInstanceKey"]],
            SortRequest[Literal["startDate"]],
            KeyFilter[str],
            EnumFilter[ProcessInstanceState],
            RangeFilter[datetime],
            RangeFilter[int],
        ]
    )
    page = components["SearchResult_ProcessInstance_"]
    assert page["properties"]["items"]["items"]["$ref"].endswith("/ProcessInstance")
    # wire (camelCase and $-operator) names are what the documents show
    assert "processInstanceKey" in components["ProcessInstance"]["properties"]
    assert set(components["RangeFilter_int_"]["properties"]) >= {"$gt", "$lte", "$in"}


async def test_a_request_model_accepts_wire_json_and_rejects_unknown_fields() -> None:
    from camunda.models.messages import PublishMessageRequest

    app = _app_using([PublishMessageRequest])
    async with _http(app) as http:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnsupportedFieldAttributeWarning)
            ok = await http.post("/m0", json={"name": "paid", "correlationKey": "o-1"})
        bad = await http.post("/m0", json={"name": "paid", "bogus": 1})
    assert ok.status_code == 200
    assert ok.json()["correlationKey"] == "o-1"
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "bogus"]
