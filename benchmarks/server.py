"""A minimal, fast loopback fake of the endpoints the benchmark scenarios call.

Raw asyncio HTTP/1.1 (keep-alive, pipelining, Content-Length bodies only), run in its own
process so that its CPU is never charged to the client under test:

- ``GET /v2/topology``: one broker, one partition.
- ``POST /v2/process-instances``: a created instance (a fresh key each time).
- ``POST /v2/process-instances/search``: a page of 50 process instances.
- ``POST /v2/jobs/activation``: up to ``maxJobsToActivate`` pending jobs in the
  ``ActivatedJobResult`` wire shape; ``{"jobs": []}`` at once when none is left (no long poll).
- ``POST /v2/jobs/{jobKey}/completion``: 204; a second completion of a job is counted as a
  duplicate (and answered 404, like a cluster that no longer knows the job).
- ``POST /v2/jobs/{jobKey}/failure``: 204; the job is offered again while it has retries
  left, otherwise it becomes an incident.
- ``POST /bench/reset`` ``{"jobs": N, "backpressure": 0.2}``: N fresh pending jobs, counters
  zeroed; with ``backpressure`` that share of job requests (activation, completion,
  failure) is answered ``503 RESOURCE_EXHAUSTED`` (seeded, so every client sees the same
  sequence).
- ``GET /bench/stats``: counters, timings and this process's CPU time since the reset.

Usage: ``python benchmarks/server.py`` prints ``PORT <n>`` once it listens on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import time
from collections import deque
from typing import Any

KEY_BASE = 2251799813685249  # job keys are KEY_BASE + index, so a key maps back to its slot
JOB_TEMPLATE = (
    '{{"jobKey":"{key}","type":"bench","processDefinitionId":"bench-process",'
    '"processDefinitionVersion":1,"processDefinitionKey":"2251799813685001",'
    '"processInstanceKey":"{pi}","rootProcessInstanceKey":"{pi}","elementId":"task",'
    '"elementInstanceKey":"{ei}","customHeaders":{{}},"worker":"bench","retries":{retries},'
    '"deadline":{deadline},"variables":{{"orderId":"order-{i}","amount":{i}}},'
    '"tenantId":"<default>","kind":"BPMN_ELEMENT","listenerEventType":"UNSPECIFIED",'
    '"tags":[],"userTask":null}}'
)
TOPOLOGY = json.dumps(
    {
        "brokers": [
            {
                "nodeId": 0,
                "host": "127.0.0.1",
                "port": 26501,
                "version": "8.9.0",
                "partitions": [{"partitionId": 1, "role": "leader", "health": "healthy"}],
            }
        ],
        "clusterId": "bench",
        "clusterSize": 1,
        "partitionsCount": 1,
        "replicationFactor": 1,
        "gatewayVersion": "8.9.0",
        "lastCompletedChangeId": "-1",
    },
    separators=(",", ":"),
).encode()
CREATED = (
    '{{"processDefinitionId":"bench-process","processDefinitionVersion":1,'
    '"tenantId":"<default>","variables":{{}},"processDefinitionKey":"2251799813685001",'
    '"processInstanceKey":"{key}","tags":[],"businessId":null}}'
)
SEARCH_PAGE = json.dumps(
    {
        "items": [
            {
                "processDefinitionId": "bench-process",
                "processDefinitionName": "Bench process",
                "processDefinitionVersion": 1,
                "processDefinitionVersionTag": None,
                "startDate": "2026-01-01T10:00:00.000Z",
                "endDate": None,
                "state": "ACTIVE",
                "hasIncident": False,
                "tenantId": "<default>",
                "processInstanceKey": str(KEY_BASE + 5 * 10**9 + i),
                "processDefinitionKey": "2251799813685001",
                "parentProcessInstanceKey": None,
                "parentElementInstanceKey": None,
                "rootProcessInstanceKey": None,
                "tags": ["bench"],
                "businessId": None,
            }
            for i in range(50)
        ],
        "page": {
            "totalItems": 50,
            "hasMoreTotalItems": False,
            "startCursor": "YQ==",
            "endCursor": "Yg==",
        },
    },
    separators=(",", ":"),
).encode()
COMPLETION_SUFFIX = b"/completion"
FAILURE_SUFFIX = b"/failure"
JOBS_PREFIX = b"/v2/jobs/"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class State:
    def __init__(self) -> None:
        self.reset(0, 0.0)

    def reset(self, jobs: int, backpressure: float) -> None:
        self.deadline = int(time.time() * 1000) + 3_600_000
        self.total = jobs
        self.next = 0  # jobs never offered yet start here
        self.again: deque[int] = deque()  # failed jobs with retries left, offered again
        self.retries: dict[int, int] = {}  # retries left of jobs that failed at least once
        self.activated = bytearray(jobs)  # times each job was handed out (capped at 255)
        self.done = bytearray(jobs)
        self.backpressure = backpressure
        self.random = random.Random(7)
        self.completed = 0
        self.duplicates = 0  # completions of a job already completed
        self.reactivations = 0  # a job handed out again (its handler runs again)
        self.failures = 0  # failure calls
        self.incidents = 0  # failure calls that left no retries
        self.rejected = 0  # answered RESOURCE_EXHAUSTED
        self.unknown = 0
        self.requests = 0
        self.activations = 0
        self.empty_activations = 0
        self.created = 0
        self.first_activation: float | None = None
        self.last_completion: float | None = None
        self.cpu_at_reset = cpu_seconds()
        self.time_at_reset = time.perf_counter()

    def job(self, index: int) -> str:
        count = self.activated[index]
        if count:
            self.reactivations += 1
        self.activated[index] = min(255, count + 1)
        return JOB_TEMPLATE.format(
            key=KEY_BASE + index,
            pi=KEY_BASE + 10**9 + index,
            ei=KEY_BASE + 2 * 10**9 + index,
            retries=self.retries.get(index, 3),
            deadline=self.deadline,
            i=index,
        )

    def activate(self, body: bytes) -> bytes:
        now = time.perf_counter()
        if self.first_activation is None:
            self.first_activation = now
        self.activations += 1
        wanted = max(0, int(json.loads(body)["maxJobsToActivate"]))
        picked: list[int] = []
        while self.again and len(picked) < wanted:
            picked.append(self.again.popleft())
        start = self.next
        self.next = min(self.total, start + wanted - len(picked))
        picked.extend(range(start, self.next))
        if not picked:
            self.empty_activations += 1
        return ('{"jobs":[' + ",".join(self.job(i) for i in picked) + "]}").encode()

    def index(self, key: bytes) -> int | None:
        index = int(key) - KEY_BASE
        if not 0 <= index < self.next or self.done[index]:
            self.unknown += 1
            if 0 <= index < self.next:
                self.duplicates += 1
            return None
        return index

    def complete(self, key: bytes) -> bool:
        index = self.index(key)
        if index is None:
            return False
        self.done[index] = 1
        self.completed += 1
        self.last_completion = time.perf_counter()
        return True

    def fail(self, key: bytes, body: bytes) -> bool:
        index = self.index(key)
        if index is None:
            return False
        self.failures += 1
        request: dict[str, Any] = json.loads(body) if body else {}
        retries = int(request.get("retries", 0))
        if retries > 0:
            self.retries[index] = retries
            self.again.append(index)
        else:
            self.done[index] = 2
            self.incidents += 1
        return True

    def stats(self) -> bytes:
        wall = None
        if self.first_activation is not None and self.last_completion is not None:
            wall = self.last_completion - self.first_activation
        return json.dumps(
            {
                "jobs": self.total,
                "activated": self.next - len(self.again),
                "completed": self.completed,
                "duplicates": self.duplicates,
                "reactivations": self.reactivations,
                "failures": self.failures,
                "incidents": self.incidents,
                "rejected": self.rejected,
                "unknown": self.unknown,
                "requests": self.requests,
                "activations": self.activations,
                "empty_activations": self.empty_activations,
                "created": self.created,
                "wall": wall,
                "since_reset": time.perf_counter() - self.time_at_reset,
                "server_cpu": cpu_seconds() - self.cpu_at_reset,
            }
        ).encode()


STATE = State()
NO_CONTENT = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"
NOT_FOUND = (
    b"HTTP/1.1 404 Not Found\r\ncontent-type: application/problem+json\r\n"
    b"content-length: 2\r\n\r\n{}"
)
EXHAUSTED_BODY = (
    b'{"type":"about:blank","title":"RESOURCE_EXHAUSTED","status":503,'
    b'"detail":"Expected to handle the request, but the broker is busy"}'
)
EXHAUSTED = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n"
    b"content-length: " + str(len(EXHAUSTED_BODY)).encode() + b"\r\n\r\n" + EXHAUSTED_BODY
)


def ok(body: bytes) -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
    )


def route(method: bytes, path: bytes, body: bytes) -> bytes:
    STATE.requests += 1
    if path.startswith(JOBS_PREFIX):
        if STATE.backpressure and STATE.random.random() < STATE.backpressure:
            STATE.rejected += 1
            return EXHAUSTED
        if path.endswith(COMPLETION_SUFFIX):
            key = path[len(JOBS_PREFIX) : -len(COMPLETION_SUFFIX)]
            return NO_CONTENT if STATE.complete(key) else NOT_FOUND
        if path.endswith(FAILURE_SUFFIX):
            key = path[len(JOBS_PREFIX) : -len(FAILURE_SUFFIX)]
            return NO_CONTENT if STATE.fail(key, body) else NOT_FOUND
        if path == b"/v2/jobs/activation":
            return ok(STATE.activate(body))
    if path == b"/v2/topology":
        return ok(TOPOLOGY)
    if path == b"/v2/process-instances":
        STATE.created += 1
        return ok(CREATED.format(key=KEY_BASE + 4 * 10**9 + STATE.created).encode())
    if path == b"/v2/process-instances/search":
        return ok(SEARCH_PAGE)
    if path == b"/bench/stats":
        return ok(STATE.stats())
    if path == b"/bench/reset" and method == b"POST":
        options = json.loads(body)
        STATE.reset(int(options.get("jobs", 0)), float(options.get("backpressure", 0.0)))
        return ok(b"{}")
    return NOT_FOUND


class Http11(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        out: list[bytes] = []
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            head = self.buffer[:end]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                break
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            method, path, _ = head.split(b"\r\n", 1)[0].split(b" ", 2)
            out.append(route(method, path.split(b"?", 1)[0], body))
        if out and self.transport is not None:
            self.transport.write(b"".join(out))


async def main() -> None:
    server = await asyncio.get_running_loop().create_server(Http11, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
