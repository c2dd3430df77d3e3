"""A minimal, fast loopback fake of the two job endpoints a worker drains jobs with.

Raw asyncio HTTP/1.1 (keep-alive, Content-Length bodies only), run in its own process:

- ``POST /v2/jobs/activation``: up to ``maxJobsToActivate`` pending jobs in the
  ``ActivatedJobResult`` wire shape; ``{"jobs": []}`` at once when none is left (no long poll).
- ``POST /v2/jobs/{jobKey}/completion``: 204; a second completion of a job is counted as a
  duplicate (and answered 404, like a cluster that no longer knows the job).
- ``POST /bench/reset`` ``{"jobs": N}``: a fresh set of N pending jobs, counters zeroed.
- ``GET /bench/stats``: counters, timings and this process's CPU time since the reset.

Usage: ``python benchmarks/server.py`` prints ``PORT <n>`` once it listens on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

KEY_BASE = 2251799813685249  # job keys are KEY_BASE + index, so a key maps back to its slot
JOB_TEMPLATE = (
    '{{"jobKey":"{key}","type":"bench","processDefinitionId":"bench-process",'
    '"processDefinitionVersion":1,"processDefinitionKey":"2251799813685001",'
    '"processInstanceKey":"{pi}","rootProcessInstanceKey":"{pi}","elementId":"task",'
    '"elementInstanceKey":"{ei}","customHeaders":{{}},"worker":"bench","retries":3,'
    '"deadline":{deadline},"variables":{{"orderId":"order-{i}","amount":{i}}},'
    '"tenantId":"<default>","kind":"BPMN_ELEMENT","listenerEventType":"UNSPECIFIED",'
    '"tags":[],"userTask":null}}'
)
COMPLETION_PREFIX = b"/v2/jobs/"
COMPLETION_SUFFIX = b"/completion"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class State:
    def __init__(self) -> None:
        self.reset(0)

    def reset(self, jobs: int) -> None:
        deadline = int(time.time() * 1000) + 3_600_000
        self.jobs = [
            JOB_TEMPLATE.format(key=KEY_BASE + i, pi=KEY_BASE + 10**9 + i,
                                ei=KEY_BASE + 2 * 10**9 + i, deadline=deadline, i=i)
            for i in range(jobs)
        ]
        self.next = 0
        self.done = bytearray(jobs)
        self.completed = 0
        self.duplicates = 0
        self.unknown = 0
        self.requests = 0
        self.activations = 0
        self.empty_activations = 0
        self.first_activation: float | None = None
        self.last_completion: float | None = None
        self.cpu_at_reset = cpu_seconds()

    def activate(self, body: bytes) -> bytes:
        now = time.perf_counter()
        if self.first_activation is None:
            self.first_activation = now
        self.activations += 1
        wanted = int(json.loads(body)["maxJobsToActivate"])
        start = self.next
        self.next = min(len(self.jobs), start + max(0, wanted))
        if start == self.next:
            self.empty_activations += 1
        return ('{"jobs":[' + ",".join(self.jobs[start:self.next]) + "]}").encode()

    def complete(self, key: bytes) -> bool:
        index = int(key) - KEY_BASE
        if not 0 <= index < self.next:
            self.unknown += 1
            return False
        if self.done[index]:
            self.duplicates += 1
            return False
        self.done[index] = 1
        self.completed += 1
        self.last_completion = time.perf_counter()
        return True

    def stats(self) -> bytes:
        wall = None
        if self.first_activation is not None and self.last_completion is not None:
            wall = self.last_completion - self.first_activation
        return json.dumps({
            "jobs": len(self.jobs), "activated": self.next, "completed": self.completed,
            "duplicates": self.duplicates, "unknown": self.unknown,
            "requests": self.requests, "activations": self.activations,
            "empty_activations": self.empty_activations, "wall": wall,
            "server_cpu": cpu_seconds() - self.cpu_at_reset,
        }).encode()


STATE = State()
NO_CONTENT = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"
NOT_FOUND = (b"HTTP/1.1 404 Not Found\r\ncontent-type: application/problem+json\r\n"
             b"content-length: 2\r\n\r\n{}")


def ok(body: bytes) -> bytes:
    return (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)


def route(method: bytes, path: bytes, body: bytes) -> bytes:
    STATE.requests += 1
    if path.startswith(COMPLETION_PREFIX) and path.endswith(COMPLETION_SUFFIX):
        key = path[len(COMPLETION_PREFIX):-len(COMPLETION_SUFFIX)]
        return NO_CONTENT if STATE.complete(key) else NOT_FOUND
    if path == b"/v2/jobs/activation":
        return ok(STATE.activate(body))
    if path == b"/bench/stats":
        return ok(STATE.stats())
    if path == b"/bench/reset" and method == b"POST":
        STATE.reset(int(json.loads(body)["jobs"]))
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
            body = self.buffer[end + 4:end + 4 + length]
            self.buffer = self.buffer[end + 4 + length:]
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
