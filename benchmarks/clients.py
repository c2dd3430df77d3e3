"""The code under test, run in its own process by ``run.py`` (one process per measurement).

``python benchmarks/clients.py SCENARIO CLIENT URL [JSON-OPTIONS]``; the official SDK's
clients are run with the official SDK's virtualenv. Scenarios:

- ``calls`` (CLIENT: ``ours-sync``, ``ours-async``, ``official-sync``, ``official-async``,
  ``raw-sync``, ``raw-async``): ``n`` sequential calls of each of ``ops`` (``topology``,
  ``create``, ``search``) after ``warmup`` calls; prints one JSON line
  ``{op: [wall µs per call, CPU µs per call]}``.
- ``concurrent`` (CLIENT: ``ours``, ``official``, ``raw``): ``n`` process-instance creations by
  ``tasks`` coroutines over one async client; prints ``{"wall": s, "cpu": s}``.
- ``worker`` (CLIENT: ``ours-async``, ``ours-sync``, ``official``, ``raw``): serves jobs of type
  ``bench`` with ``concurrency`` jobs in flight until SIGTERM; the handler is a no-op, or
  with ``hold`` sleeps for an hour (the jobs stay in flight). Prints ``READY <cpu seconds>``
  once set up, so that ``run.py`` can subtract the start-up CPU. Our workers take ``otel``:
  ``absent``, ``api`` (the default) or ``sdk`` (see :func:`otel_mode`).
- ``ceiling`` (CLIENT: ``raw``): the server's capacity: ``connections`` raw sockets, each
  pipelining ``depth`` requests, for ``seconds``; prints ``{"requests": n, "wall": s}``.

CPU is this process's user+system time (``time.process_time``; every thread counts).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

PROCESS_ID = "bench-process"
HEADERS = {"content-type": "application/json", "accept": "application/json"}
CREATE_BODY = b'{"processDefinitionId":"bench-process"}'
SEARCH_BODY = b'{"filter":{"processDefinitionId":"bench-process"},"page":{"limit":50}}'


def ready() -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"READY {usage.ru_utime + usage.ru_stime}", flush=True)


# ---------------------------------------------------------------- one call per client


def ours_calls(url: str, *, sync: bool) -> tuple[Any, dict[str, Callable[[], Any]]]:
    from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings

    settings = CamundaSettings(rest_address=url, auth_strategy="NONE")
    client: Any = CamundaClient(settings) if sync else CamundaAsyncClient(settings)

    def search() -> Any:
        return client.process_instances.search(
            filter={"process_definition_id": PROCESS_ID}, page={"limit": 50}
        )

    return client, {
        "topology": client.cluster.get_topology,
        "create": lambda: client.process_instances.create(process_definition_id=PROCESS_ID),
        "search": search,
    }


def official_calls(url: str, *, sync: bool) -> tuple[Any, dict[str, Callable[[], Any]]]:
    import importlib

    # Installed only in the official SDK's own virtualenv: untyped from here.
    sdk: Any = importlib.import_module("camunda_orchestration_sdk")
    configuration = {"CAMUNDA_REST_ADDRESS": url, "CAMUNDA_AUTH_STRATEGY": "NONE"}
    client: Any = (sdk.CamundaClient if sync else sdk.CamundaAsyncClient)(
        configuration=configuration
    )
    query = sdk.ProcessInstanceSearchQuery.from_dict(
        {"filter": {"processDefinitionId": PROCESS_ID}, "page": {"limit": 50}}
    )
    creation = sdk.ProcessCreationById(process_definition_id=PROCESS_ID)
    return client, {
        "topology": client.get_topology,
        "create": lambda: client.create_process_instance(data=creation),
        "search": lambda: client.search_process_instances(data=query),
    }


def raw_calls(url: str, *, sync: bool) -> tuple[Any, dict[str, Callable[[], Any]]]:
    """The practical limit: httpx with hand-built bodies and ``json.loads`` answers."""
    import httpx

    client: Any = (httpx.Client if sync else httpx.AsyncClient)(base_url=url + "/v2")

    def call(method: str, path: str, body: bytes | None) -> Callable[[], Any]:
        if sync:

            def send() -> Any:
                response = client.request(method, path, content=body, headers=HEADERS)
                response.raise_for_status()
                return json.loads(response.content)

            return send

        async def send_async() -> Any:
            response = await client.request(method, path, content=body, headers=HEADERS)
            response.raise_for_status()
            return json.loads(response.content)

        return send_async

    return client, {
        "topology": call("GET", "/topology", None),
        "create": call("POST", "/process-instances", CREATE_BODY),
        "search": call("POST", "/process-instances/search", SEARCH_BODY),
    }


FACTORIES = {"ours": ours_calls, "official": official_calls, "raw": raw_calls}


def check(op: str, result: Any) -> None:
    """Each client really did the call and parsed the answer (50 items for the search)."""
    if op != "search":
        return
    items = cast("list[Any]", result["items"] if isinstance(result, dict) else result.items)
    if len(items) != 50:
        raise SystemExit(f"search returned {len(items)} items")


def calls(client_name: str, url: str, options: dict[str, Any]) -> None:
    kind, mode = client_name.split("-")
    _, ops = FACTORIES[kind](url, sync=mode == "sync")
    n, warmup = int(options["n"]), int(options.get("warmup", 50))
    chosen = options.get("ops", list(ops))
    results: dict[str, tuple[float, float]] = {}
    if mode == "sync":
        for op in chosen:
            call = ops[op]
            for _ in range(warmup):
                check(op, call())
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(n):
                call()
            results[op] = (
                (time.perf_counter() - wall) / n * 1e6,
                (time.process_time() - cpu) / n * 1e6,
            )
    else:

        async def main() -> None:
            for op in chosen:
                call: Callable[[], Awaitable[Any]] = ops[op]
                for _ in range(warmup):
                    check(op, await call())
                wall, cpu = time.perf_counter(), time.process_time()
                for _ in range(n):
                    await call()
                results[op] = (
                    (time.perf_counter() - wall) / n * 1e6,
                    (time.process_time() - cpu) / n * 1e6,
                )

        asyncio.run(main())
    print(json.dumps(results), flush=True)


def concurrent(client_name: str, url: str, options: dict[str, Any]) -> None:
    _, ops = FACTORIES[client_name](url, sync=False)  # pools of >= 64 connections
    n, tasks = int(options["n"]), int(options["tasks"])
    create_call: Callable[[], Awaitable[Any]] = ops["create"]

    async def main() -> None:
        for _ in range(20):
            await create_call()
        remaining = n

        async def run() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                await create_call()

        wall, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(run() for _ in range(tasks)))
        print(
            json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}),
            flush=True,
        )

    asyncio.run(main())


# ------------------------------------------------------------------------------ workers


def ours_worker(url: str, options: dict[str, Any], *, sync: bool) -> None:
    otel_mode(options.get("otel", "api"))
    import anyio

    from camunda import CamundaSettings
    from camunda.workers import JobRouter, JobWorker

    hold = bool(options.get("hold"))
    router = JobRouter()
    register = router.job("bench", max_concurrent=int(options["concurrency"]), timeout=3600)
    if sync:

        @register
        def noop_sync() -> None:
            if hold:
                time.sleep(3600)
    else:

        @register
        async def noop() -> None:
            if hold:
                await anyio.sleep(3600)

    settings = CamundaSettings(rest_address=url, auth_strategy="NONE")
    worker = JobWorker(routers=[router], settings=settings, grace_period=0)
    ready()
    worker.run()  # until SIGTERM


def otel_mode(mode: str) -> None:
    """``absent``: as if OpenTelemetry were not installed; ``api``: installed, nothing
    configured; ``sdk``: the SDK with a batch span processor and a metric reader whose
    exporters discard everything (the per-job cost of recording)."""
    if mode == "absent":
        sys.modules["opentelemetry"] = None  # type: ignore[assignment]  # import fails
    elif mode == "sdk":
        from opentelemetry import metrics, trace
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import InMemoryMetricReader
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import (
            BatchSpanProcessor,
            SpanExporter,
            SpanExportResult,
        )

        class Discard(SpanExporter):
            def export(self, spans: object) -> SpanExportResult:
                return SpanExportResult.SUCCESS

        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(Discard()))
        trace.set_tracer_provider(provider)
        metrics.set_meter_provider(MeterProvider(metric_readers=[InMemoryMetricReader()]))


def official_worker(url: str, options: dict[str, Any]) -> None:
    import importlib

    sdk: Any = importlib.import_module("camunda_orchestration_sdk")
    hold = bool(options.get("hold"))

    async def noop(job: object) -> None:
        if hold:
            await asyncio.sleep(3600)

    async def main() -> None:
        configuration = {"CAMUNDA_REST_ADDRESS": url, "CAMUNDA_AUTH_STRATEGY": "NONE"}
        async with sdk.CamundaAsyncClient(configuration=configuration) as client:
            config = sdk.WorkerConfig(
                job_type="bench",
                job_timeout_milliseconds=3_600_000,
                max_concurrent_jobs=int(options["concurrency"]),
            )
            ready()
            client.create_job_worker(config=config, callback=noop)
            await client.run_workers()  # until SIGTERM

    asyncio.run(main())


def raw_worker(url: str, options: dict[str, Any]) -> None:
    """The practical limit: one httpx client, activate for the free slots, complete
    concurrently; hand-built request bodies, ``json.loads`` for the answers. Backpressure
    (503) is retried after a full-jitter exponential backoff from 0.1 s, like ours."""
    import random

    import httpx

    concurrency, hold = int(options["concurrency"]), bool(options.get("hold"))

    async def post(http: httpx.AsyncClient, path: str, body: bytes) -> httpx.Response:
        attempt = 0
        while True:
            response = await http.post(path, content=body, headers=HEADERS)
            if response.status_code != 503:
                return response
            await asyncio.sleep(random.random() * min(10.0, 0.1 * 2**attempt))
            attempt += 1

    async def main() -> None:
        limits = httpx.Limits(
            max_connections=concurrency + 1, max_keepalive_connections=concurrency + 1
        )
        async with httpx.AsyncClient(base_url=url + "/v2", limits=limits, timeout=30) as http:
            in_flight = 0
            freed = asyncio.Event()
            tasks: set[asyncio.Task[None]] = set()

            async def complete(key: str) -> None:
                nonlocal in_flight
                try:
                    if hold:
                        await asyncio.sleep(3600)
                    response = await post(http, f"/jobs/{key}/completion", b"{}")
                    if response.status_code != 204:
                        print(f"completion {key}: {response.status_code}", file=sys.stderr)
                finally:
                    in_flight -= 1
                    freed.set()

            ready()
            while True:
                free = concurrency - in_flight
                if free > 0:
                    body = (
                        '{"type":"bench","timeout":3600000,"maxJobsToActivate":'
                        f'{free},"worker":"raw","requestTimeout":0}}'
                    ).encode()
                    response = await post(http, "/jobs/activation", body)
                    response.raise_for_status()
                    jobs = json.loads(response.content)["jobs"]
                    for job in jobs:
                        in_flight += 1
                        task = asyncio.create_task(complete(job["jobKey"]))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                    if jobs:
                        continue
                    if in_flight == 0:
                        await asyncio.sleep(0.01)  # nothing yet: poll again (run.py stops us)
                        continue
                freed.clear()
                await freed.wait()

    asyncio.run(main())


def worker(client_name: str, url: str, options: dict[str, Any]) -> None:
    if client_name in ("ours-async", "ours-sync"):
        ours_worker(url, options, sync=client_name == "ours-sync")
    elif client_name == "official":
        official_worker(url, options)
    elif client_name == "raw":
        raw_worker(url, options)
    else:
        raise SystemExit(f"unknown worker {client_name!r}")


# ------------------------------------------------------------------------------ ceiling


def ceiling(_: str, url: str, options: dict[str, Any]) -> None:
    """Raw sockets, no HTTP library: as many requests as the server can answer."""
    host, port = url.removeprefix("http://").split(":")
    depth, seconds = int(options.get("depth", 8)), float(options.get("seconds", 2.0))
    request = b"GET /v2/topology HTTP/1.1\r\nhost: bench\r\n\r\n" * depth
    count = 0

    async def connection(stop: float) -> None:
        nonlocal count
        reader, writer = await asyncio.open_connection(host, int(port))
        while time.perf_counter() < stop:
            writer.write(request)
            for _ in range(depth):
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                await reader.readexactly(length)
            count += depth
        writer.close()

    async def main() -> None:
        started = time.perf_counter()
        await asyncio.gather(
            *(connection(started + seconds) for _ in range(int(options.get("connections", 64))))
        )
        print(json.dumps({"requests": count, "wall": time.perf_counter() - started}), flush=True)

    asyncio.run(main())


SCENARIOS: dict[str, Callable[[str, str, dict[str, Any]], None]] = {
    "calls": calls,
    "concurrent": concurrent,
    "worker": worker,
    "ceiling": ceiling,
}


def main() -> None:
    if os.environ.get("BENCH_SNIFFIO_NONE"):
        sys.modules["sniffio"] = None  # type: ignore[assignment]  # "import sniffio" fails
    scenario, client_name, url = sys.argv[1:4]
    options: dict[str, Any] = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    SCENARIOS[scenario](client_name, url, options)


if __name__ == "__main__":
    main()
