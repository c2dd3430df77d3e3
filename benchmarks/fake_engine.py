"""``python -m benchmarks.fake_engine``: the fake cluster's BPMN engine under a worker.

A 20-element process (two exclusive gateways with their merges, a parallel fork and join,
a timer, a script task, a manual task, a throw event, seven service tasks) runs
``--instances`` times, driven by one ``JobWorker``. The fake is served over loopback by
``camunda fake-cluster`` in its own process, so its CPU (``/proc/PID/stat``, user +
system) is not mixed with the driver's. Prints instances per second (wall time from the
first create to the last completion) and the fake's CPU milliseconds per instance.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import anyio
import httpx

from camunda import CamundaAsyncClient, CamundaSettings
from camunda.workers import JobRouter, JobWorker

JOB_TYPES = ("validate", "big-order", "small-order", "pack", "invoice", "ship", "close")


def _task(element_id: str) -> str:
    return (
        f'<bpmn:serviceTask id="{element_id}"><bpmn:extensionElements>'
        f'<zeebe:taskDefinition type="{element_id}"/></bpmn:extensionElements>'
        "</bpmn:serviceTask>"
    )


def _flow(n: int, source: str, target: str, condition: str | None = None) -> str:
    inner = f"<bpmn:conditionExpression>{condition}</bpmn:conditionExpression>" if condition else ""
    return (
        f'<bpmn:sequenceFlow id="f{n}" sourceRef="{source}" targetRef="{target}">'
        f"{inner}</bpmn:sequenceFlow>"
    )


def model() -> bytes:
    """The 20-element process ``bench``."""
    nodes = (
        '<bpmn:startEvent id="start"/>'
        + _task("validate")
        + '<bpmn:exclusiveGateway id="size" default="f3"/>'
        + _task("big-order")
        + _task("small-order")
        + '<bpmn:exclusiveGateway id="sized"/>'
        + '<bpmn:parallelGateway id="fork"/>'
        + _task("pack")
        + _task("invoice")
        + '<bpmn:intermediateCatchEvent id="cool-off"><bpmn:timerEventDefinition>'
        "<bpmn:timeDuration>PT0.1S</bpmn:timeDuration></bpmn:timerEventDefinition>"
        "</bpmn:intermediateCatchEvent>"
        + '<bpmn:scriptTask id="total"><bpmn:extensionElements><zeebe:script '
        'expression="=amount * 1.2" resultVariable="total"/></bpmn:extensionElements>'
        "</bpmn:scriptTask>"
        + '<bpmn:parallelGateway id="join"/>'
        + '<bpmn:exclusiveGateway id="notify" default="f16"/><bpmn:manualTask id="archive"/>'
        + '<bpmn:exclusiveGateway id="notified"/>'
        + _task("ship")
        + '<bpmn:intermediateThrowEvent id="shipped"/>'
        + _task("close")
        + '<bpmn:endEvent id="end"/>'
    )
    flows = [
        ("start", "validate", None),
        ("validate", "size", None),
        ("size", "big-order", "=amount &gt; 50"),
        ("size", "small-order", None),
        ("big-order", "sized", None),
        ("small-order", "sized", None),
        ("sized", "fork", None),
        ("fork", "pack", None),
        ("fork", "invoice", None),
        ("fork", "cool-off", None),
        ("cool-off", "total", None),
        ("pack", "join", None),
        ("invoice", "join", None),
        ("total", "join", None),
        ("join", "notify", None),
        ("notify", "ship", "=total &gt; 100"),
        ("notify", "archive", None),
        ("archive", "notified", None),
        ("notified", "ship", None),
        ("ship", "shipped", None),
        ("shipped", "close", None),
        ("close", "end", None),
    ]
    xml = "".join(_flow(n, s, t, c) for n, (s, t, c) in enumerate(flows))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions '
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">'
        f'<bpmn:process id="bench" isExecutable="true">{nodes}{xml}</bpmn:process>'
        "</bpmn:definitions>"
    ).encode()


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def drive(url: str, instances: int, concurrency: int, timeout: float) -> float:
    """Create ``instances`` and work them to completion; the wall seconds it took."""
    router = JobRouter()
    done = anyio.Event()
    closed = 0

    def handler(job_type: str) -> None:
        @router.job(job_type, max_concurrent=concurrency)
        async def work() -> dict[str, Any]:
            return {f"{job_type}-done": True}

        del work

    for job_type in JOB_TYPES[:-1]:
        handler(job_type)

    @router.job("close", max_concurrent=concurrency)
    async def close() -> None:
        nonlocal closed
        closed += 1
        if closed == instances:
            done.set()

    settings = CamundaSettings(rest_address=url, auth_strategy="NONE")
    async with CamundaAsyncClient(settings) as client:
        await client.deployments.create(resources=[("bench.bpmn", model())])
        worker = JobWorker(client, routers=[router], grace_period=5)
        limiter = anyio.CapacityLimiter(concurrency)

        async def create(n: int) -> None:
            async with limiter:
                await client.process_instances.create(
                    process_definition_id="bench", variables={"amount": n % 100}
                )

        started = time.perf_counter()
        async with anyio.create_task_group() as group:
            group.start_soon(worker.serve)
            async with anyio.create_task_group() as creators:
                for n in range(instances):
                    creators.start_soon(create, n)
            with anyio.fail_after(timeout):
                await done.wait()
            await worker.stop()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instances", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "camunda", "fake-cluster", "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/v2/topology", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the fake cluster did not start") from None
                time.sleep(0.05)
        cpu_before = _cpu_seconds(server.pid)
        driver_before = time.process_time()
        seconds = anyio.run(drive, url, args.instances, args.concurrency, args.timeout)
        fake_cpu = _cpu_seconds(server.pid) - cpu_before
        driver_cpu = time.process_time() - driver_before
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    n = args.instances
    print(
        "| instances | elements | wall s | instances/s | fake CPU ms/instance "
        "| driver CPU ms/instance |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {n} | 20 | {seconds:.2f} | {n / seconds:,.1f} | {1000 * fake_cpu / n:.2f} "
        f"| {1000 * driver_cpu / n:.2f} |"
    )


if __name__ == "__main__":
    main()
