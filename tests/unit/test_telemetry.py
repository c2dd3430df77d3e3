"""OpenTelemetry: client spans, the trace carried through a process into a worker, job
spans and metrics, recorded with the SDK's in-memory exporters; nothing without them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import httpx
import pytest
from opentelemetry.trace import SpanKind, StatusCode
from pydantic import BaseModel

from camunda import CamundaClient, CamundaSettings, _otel
from camunda._otel._telemetry import Telemetry
from camunda.models.jobs import ActivatedJob  # noqa: TC001 - handlers' hints resolve at run time
from camunda.testing import FakeCluster
from camunda.workers import JobFailure, JobRouter, JobWorker

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

    from tests.otel import Otel

ORDER_BPMN = Path(__file__).resolve().parents[2] / "camunda" / "testing" / "order.bpmn"
FAST = {"worker_request_timeout_ms": 2_000, "retry_initial_delay": 0.001, "retry_max_delay": 0.01}


class Checkout(BaseModel):
    order: dict[str, int]


def test_a_call_is_a_client_span_with_the_http_conventions(
    otel: Otel, httpx_mock: HTTPXMock, settings: CamundaSettings
) -> None:
    httpx_mock.add_response(
        url="http://camunda.test/v2/topology",
        json={
            "brokers": [],
            "clusterSize": 1,
            "partitionsCount": 1,
            "replicationFactor": 1,
            "gatewayVersion": "8.9.0",
            "lastCompletedChangeId": "-1",
        },
    )
    httpx_mock.add_response(status_code=404, json={"title": "NOT_FOUND", "status": 404})
    with CamundaClient(settings) as client:
        client.cluster.get_topology()
        with pytest.raises(Exception, match="404"):
            client.process_instances.get("2251799813685249")
    ok, missing = otel.finished()
    assert ok.name == "GET /topology" and ok.kind == SpanKind.CLIENT
    assert dict(ok.attributes or {}) == {
        "http.request.method": "GET",
        "camunda.operation.id": "getTopology",
        "url.full": "http://camunda.test/v2/topology",
        "server.address": "camunda.test",
        "server.port": 80,
        "http.response.status_code": 200,
    }
    assert ok.status.status_code == StatusCode.UNSET
    assert missing.attributes is not None and missing.attributes["error.type"] == "404"
    assert missing.attributes["url.full"] == (
        "http://camunda.test/v2/process-instances/2251799813685249"
    )
    assert missing.status.status_code == StatusCode.ERROR
    # each attempt carries the span's context to the server
    sent = httpx_mock.get_requests()[0].headers["traceparent"]
    assert sent.startswith(f"00-{ok.context.trace_id:032x}-{ok.context.span_id:016x}-")


def test_retries_are_events_of_one_span(
    otel: Otel, httpx_mock: HTTPXMock, settings: CamundaSettings
) -> None:
    httpx_mock.add_response(status_code=503, json={"title": "RESOURCE_EXHAUSTED"})
    httpx_mock.add_response(status_code=429, json={"title": "RESOURCE_EXHAUSTED"})
    httpx_mock.add_response(
        json={
            "brokers": [],
            "clusterSize": 1,
            "partitionsCount": 1,
            "replicationFactor": 1,
            "gatewayVersion": "8.9.0",
            "lastCompletedChangeId": "-1",
        }
    )
    with CamundaClient(settings) as client:
        client.cluster.get_topology()
    (span,) = otel.finished()
    assert [(e.name, dict(e.attributes or {})) for e in span.events] == [
        ("retry", {"http.request.resend_count": 1}),
        ("retry", {"http.request.resend_count": 2}),
    ]
    assert span.attributes is not None and span.attributes["http.response.status_code"] == 200


def test_no_provider_means_no_spans_and_no_trace_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API installed, no SDK configured: every span is a no-op and the process
    variables are what the caller passed."""
    monkeypatch.setattr(_otel, "telemetry", Telemetry)  # the global (no-op) providers
    with FakeCluster() as cluster, cluster.client() as client:
        client.deployments.create(resources=[ORDER_BPMN])
        created = client.process_instances.create(
            process_definition_id="order-process", variables={"order": 1}
        )
        instance = cluster.process_instance(created.process_instance_key)
        assert instance is not None and instance.variables == {"order": 1}


def test_a_users_own_trace_variable_is_kept(otel: Otel) -> None:
    mine = {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}
    with FakeCluster() as cluster, cluster.client() as client:
        client.deployments.create(resources=[ORDER_BPMN])
        created = client.process_instances.create(
            process_definition_id="order-process", variables={_otel.TRACE_CONTEXT_VARIABLE: mine}
        )
        instance = cluster.process_instance(created.process_instance_key)
        assert instance is not None
        assert instance.variables == {_otel.TRACE_CONTEXT_VARIABLE: mine}


@pytest.mark.anyio
async def test_create_activate_handler_complete_share_one_trace(otel: Otel) -> None:
    router = JobRouter()
    handled: list[str] = []

    @router.job("reserve-stock")
    async def reserve(checkout: Checkout) -> dict[str, bool]:
        with otel.tracer.start_as_current_span("reserve in warehouse"):
            handled.append(f"reserve {checkout.order}")
        return {"reserved": True}

    @router.job("charge-payment")
    def charge(job: ActivatedJob) -> None:  # a thread: the job's span is current there too
        with otel.tracer.start_as_current_span("charge card"):
            handled.append(f"charge {sorted(job.variables)}")

    @router.job("ship-order")
    async def ship() -> None:
        raise JobFailure("no truck", retries=0)

    with FakeCluster(seed=3) as cluster:
        # the process starts from one client, its jobs run in a worker with another
        async with cluster.async_client() as starter:
            with otel.tracer.start_as_current_span("checkout") as root:
                await starter.deployments.create(resources=[ORDER_BPMN])
                created = await starter.process_instances.create(
                    process_definition_id="order-process", variables={"order": {"id": 7}}
                )
        async with cluster.async_client(**FAST) as client:
            worker = JobWorker(client, routers=[router], grace_period=5)
            async with anyio.create_task_group() as group:
                group.start_soon(worker.serve)
                with anyio.fail_after(20):
                    while not otel.finished("process ship-order"):
                        await anyio.sleep(0.01)
                await worker.stop()

    trace_id = root.get_span_context().trace_id
    (create,) = otel.finished("POST /process-instances")
    assert create.context is not None and create.context.trace_id == trace_id
    instance = cluster.process_instance(created.process_instance_key)
    assert instance is not None and "order" in instance.variables
    polls = {
        s.context.span_id: s
        for s in otel.finished("POST /jobs/activation")
        if s.context is not None
    }
    jobs = {s.name: s for s in otel.finished() if s.kind == SpanKind.CONSUMER}
    assert set(jobs) == {"process reserve-stock", "process charge-payment", "process ship-order"}
    for job in jobs.values():
        # a child of the create call, linked to the activation call that brought it
        assert job.context is not None and job.context.trace_id == trace_id
        assert job.parent is not None and job.parent.span_id == create.context.span_id
        (link,) = job.links
        poll = polls[link.context.span_id]
        assert poll.attributes is not None and poll.context is not None
        assert poll.attributes["camunda.job.type"] == job.name.removeprefix("process ")
        assert poll.context.trace_id != trace_id  # a poll serves many traces: its own
    assert all(
        "camunda.job.type" not in (s.attributes or {})  # only polls carry it
        for s in otel.finished("POST /jobs/{jobKey}/completion")
    )
    reserve_job = jobs["process reserve-stock"]
    attributes = dict(reserve_job.attributes or {})
    assert attributes["camunda.job.type"] == "reserve-stock"
    assert attributes["camunda.process_instance.key"] == created.process_instance_key
    assert attributes["camunda.process_definition.id"] == "order-process"
    assert attributes["camunda.element.id"] == "reserve-stock"
    assert attributes["camunda.job.outcome"] == "completed"
    failed = dict(jobs["process ship-order"].attributes or {})
    assert failed["camunda.job.outcome"] == "failed"
    assert jobs["process ship-order"].status.status_code == StatusCode.ERROR
    # the handler's own spans and the completion call are children of the job's span
    for handler_span, job_name in (
        ("reserve in warehouse", "process reserve-stock"),
        ("charge card", "process charge-payment"),
    ):
        (inner,) = otel.finished(handler_span)
        assert inner.parent is not None and inner.parent.span_id == jobs[job_name].context.span_id
    completions = otel.finished("POST /jobs/{jobKey}/completion")
    assert {c.parent.span_id for c in completions if c.parent} == {
        jobs["process reserve-stock"].context.span_id,
        jobs["process charge-payment"].context.span_id,
    }
    # handlers see their variables; the carrier is the worker's, not theirs
    assert handled == ["reserve {'id': 7}", "charge ['order', 'reserved']"]

    for job_type in ("reserve-stock", "charge-payment", "ship-order"):
        assert otel.count("camunda.worker.jobs.activated", job_type) == 1
    assert otel.count("camunda.worker.jobs.completed", "reserve-stock") == 1
    assert otel.count("camunda.worker.jobs.failed", "ship-order") == 1
    handler_runs = {
        p.attributes["camunda.job.type"]: p.count
        for p in otel.points("camunda.worker.handler.duration")
    }
    assert handler_runs == {"reserve-stock": 1, "charge-payment": 1, "ship-order": 1}
    assert all(p.count >= 1 for p in otel.points("camunda.worker.poll.duration"))
    in_use = otel.points("camunda.client.backpressure.in_use")
    assert in_use and all(p.value == 0 for p in in_use)  # nothing in flight any more


def test_backpressure_limit_is_observed_while_capped(
    otel: Otel, httpx_mock: HTTPXMock, settings: CamundaSettings
) -> None:
    httpx_mock.add_response(status_code=429, json={"title": "RESOURCE_EXHAUSTED"})
    with CamundaClient(settings.model_copy(update={"max_retries": 0})) as client:
        assert otel.points("camunda.client.backpressure.limit") == []
        with pytest.raises(Exception, match="429"):
            client.cluster.get_topology()
        (limit,) = otel.points("camunda.client.backpressure.limit")
        assert limit.value == client.backpressure_state.limit
        assert limit.attributes == {"server.address": "camunda.test", "server.port": 80}


def test_import_camunda_does_not_import_opentelemetry() -> None:
    code = (
        "import sys, camunda; from camunda import CamundaClient; "
        "print(any(m.startswith('opentelemetry') for m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


def test_without_opentelemetry_telemetry_is_none() -> None:
    """Where the extra is not installed, the loader says so and the transport skips it."""
    code = (
        "import sys; sys.modules['opentelemetry'] = None; "
        "from camunda import _otel, CamundaClient, CamundaSettings; "
        "c = CamundaClient(CamundaSettings(rest_address='http://x')); "
        "print(_otel.telemetry(), c._transport.telemetry)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "None None"


def test_an_unreachable_server_is_an_error_span(otel: Otel) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    http = httpx.Client(transport=httpx.MockTransport(refuse))
    with (
        CamundaClient(
            CamundaSettings(rest_address="http://camunda.test", max_retries=0), http_client=http
        ) as client,
        pytest.raises(Exception, match="refused"),
    ):
        client.cluster.get_topology()
    (span,) = otel.finished()
    assert span.attributes is not None and span.attributes["error.type"] == "APIConnectionError"
    assert "http.response.status_code" not in span.attributes
