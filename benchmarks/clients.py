"""The workers under test, each run in its own process by ``run.py``.

``python benchmarks/clients.py KIND URL CONCURRENCY`` with KIND one of ``ours-async``,
``ours-sync``, ``official`` (run with the official SDK's virtualenv) or ``raw``.

Each prints ``READY <cpu seconds>`` once imported and set up, right before it starts to
poll, so that ``run.py`` can subtract the start-up CPU from the child's total. Then it
serves jobs of type ``bench`` with a no-op handler until it is sent SIGTERM (the raw loop
also stops by itself once an activation comes back empty with nothing in flight).
"""

from __future__ import annotations

import asyncio
import resource
import sys
from typing import Any


def ready() -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"READY {usage.ru_utime + usage.ru_stime}", flush=True)


def ours(url: str, concurrency: int, *, sync: bool) -> None:
    from camunda import CamundaSettings
    from camunda.workers import JobRouter, JobWorker

    router = JobRouter()
    register = router.job("bench", max_concurrent=concurrency, timeout=600)
    if sync:
        @register
        def noop_sync() -> None:
            return None
    else:
        @register
        async def noop() -> None:
            return None

    settings = CamundaSettings(rest_address=url, auth_strategy="NONE")
    worker = JobWorker(routers=[router], settings=settings, grace_period=1)
    ready()
    worker.run()  # until SIGTERM


def official(url: str, concurrency: int) -> None:
    import importlib

    # Installed only in the official SDK's own virtualenv: untyped from here.
    sdk: Any = importlib.import_module("camunda_orchestration_sdk")

    async def noop(job: object) -> None:
        return None

    async def main() -> None:
        configuration = {"CAMUNDA_REST_ADDRESS": url, "CAMUNDA_AUTH_STRATEGY": "NONE"}
        async with sdk.CamundaAsyncClient(configuration=configuration) as client:
            config = sdk.WorkerConfig(job_type="bench", job_timeout_milliseconds=600_000,
                                      max_concurrent_jobs=concurrency)
            ready()
            client.create_job_worker(config=config, callback=noop)
            await client.run_workers()  # until SIGTERM

    asyncio.run(main())


def raw(url: str, concurrency: int) -> None:
    """The practical limit: one httpx client, activate for the free slots, complete
    concurrently; hand-built request bodies, ``json.loads`` for the answers."""
    import json

    import httpx

    headers = {"content-type": "application/json", "accept": "application/json"}
    base = url.rstrip("/") + ("" if url.rstrip("/").endswith("/v2") else "/v2")

    async def main() -> None:
        limits = httpx.Limits(max_connections=concurrency + 1,
                              max_keepalive_connections=concurrency + 1)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
            in_flight = 0
            freed = asyncio.Event()
            tasks: set[asyncio.Task[None]] = set()

            async def complete(key: str) -> None:
                nonlocal in_flight
                try:
                    response = await http.post(f"/jobs/{key}/completion", content=b"{}",
                                               headers=headers)
                    if response.status_code != 204:
                        print(f"completion {key}: {response.status_code}", file=sys.stderr)
                finally:
                    in_flight -= 1
                    freed.set()

            ready()
            while True:
                free = concurrency - in_flight
                if free > 0:
                    body = ('{"type":"bench","timeout":600000,"maxJobsToActivate":'
                            f'{free},"worker":"raw","requestTimeout":0}}').encode()
                    response = await http.post("/jobs/activation", content=body,
                                               headers=headers)
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
                        return  # drained
                freed.clear()
                await freed.wait()

    asyncio.run(main())


def main() -> None:
    kind, url, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind in ("ours-async", "ours-sync"):
        ours(url, concurrency, sync=kind == "ours-sync")
    elif kind == "official":
        official(url, concurrency)
    elif kind == "raw":
        raw(url, concurrency)
    else:
        raise SystemExit(f"unknown client {kind!r}")


if __name__ == "__main__":
    main()
