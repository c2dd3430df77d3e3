"""A client shared across ``os.fork()`` (multiprocessing, gunicorn pre-fork, Celery).

The parent warms its pool (idle keep-alive connections), keeps calling from threads, and
forks children that call through the same client object. A child must open connections of
its own: on the parent's sockets, the two processes read each other's answers.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import pytest

from camunda import CamundaClient
from tests.reliability._support import settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.reliability.conftest import ScenarioReport

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

CHILDREN = 4
CALLS_PER_CHILD = 60


class _Echo(BaseHTTPRequestHandler):
    """``GET /v2/process-instances/{key}``: the instance ``key``, with the client's port
    (which connection carried the request) as its ``processDefinitionId``."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a real gateway

    def do_GET(self) -> None:
        key = self.path.rsplit("/", 1)[-1]
        time.sleep(random.uniform(0, 0.002))  # answers of concurrent calls interleave
        body = json.dumps(
            {
                "processDefinitionId": str(self.client_address[1]),
                "processDefinitionVersion": 1,
                "startDate": "2025-01-01T00:00:00.000Z",
                "state": "ACTIVE",
                "hasIncident": False,
                "tenantId": "<default>",
                "processInstanceKey": key,
                "processDefinitionKey": "1",
                "tags": [],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def echo_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _get(client: CamundaClient, key: int) -> tuple[bool, int]:
    """Whether the answer is for ``key``, and the port of the connection that carried it."""
    instance = client.process_instances.get(str(key))
    return instance.process_instance_key == str(key), int(instance.process_definition_id)


def _child(client: CamundaClient, index: int, parent_ports: set[int], out: int) -> None:
    """Runs in a forked child: call, then report on the pipe and leave without cleanup."""
    try:
        crossed = reused = 0
        for n in range(CALLS_PER_CHILD):
            right, port = _get(client, 1_000_000 * (index + 1) + n)
            crossed += not right
            reused += port in parent_ports
        report = {"crossed": crossed, "reused": reused}
    except BaseException as exc:  # reported to the parent, which fails
        report = {"error": f"{type(exc).__name__}: {exc}"}
    os.write(out, json.dumps(report).encode())
    os._exit(0)


def _report(pid: int, read: int, deadline: float) -> dict[str, Any]:
    """The child's report; a child that hangs (a lock it inherited held) is killed."""
    chunks: list[bytes] = []
    ended = False
    while select.select([read], [], [], max(0.0, deadline - time.monotonic()))[0]:
        chunk = os.read(read, 4096)
        ended = not chunk
        if ended:
            break
        chunks.append(chunk)
    os.close(read)
    if not ended:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks)) if ended and chunks else {"error": "the child hung"}


def test_a_forked_child_opens_its_own_connections_and_answers_never_cross(
    echo_url: str, scenario_report: ScenarioReport
) -> None:
    client = CamundaClient(settings(echo_url, max_retries=0, request_timeout=10.0))
    with ThreadPoolExecutor(8) as pool:  # several idle keep-alive connections to inherit
        warm = list(pool.map(lambda k: _get(client, k), range(1, 33)))
    assert all(right for right, _ in warm)
    parent_ports = {port for _, port in warm}

    stop = threading.Event()
    parent_crossed: list[int] = []

    def load(base: int) -> None:  # the parent keeps using its pool while children fork
        n = 0
        while not stop.is_set():
            n += 1
            right, _ = _get(client, base + n)
            if not right:
                parent_crossed.append(base + n)

    threads = [threading.Thread(target=load, args=(10_000_000 * (t + 1),)) for t in range(3)]
    for thread in threads:
        thread.start()
    reports: list[dict[str, Any]] = []
    try:
        children: list[tuple[int, int]] = []
        for index in range(CHILDREN):
            read, write = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                _child(client, index, parent_ports, write)
            os.close(write)
            children.append((pid, read))
        deadline = time.monotonic() + 60
        for pid, read in children:
            reports.append(_report(pid, read, deadline))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        client.close()

    crossed = sum(r.get("crossed", 0) for r in reports) + len(parent_crossed)
    scenario_report(
        "client used across os.fork()",
        requests=CHILDREN * CALLS_PER_CHILD,
        lost=crossed,
        outcome=f"{len(reports)} children, {crossed} crossed answers",
    )
    assert [r.get("error") for r in reports] == [None] * CHILDREN
    assert [r["reused"] for r in reports] == [0] * CHILDREN  # no socket of the parent's
    assert crossed == 0


def test_a_borrowed_http_client_in_a_forked_child_is_refused_clearly(echo_url: str) -> None:
    import httpx

    from camunda import ClientUsageError

    client = CamundaClient(settings(echo_url), http_client=httpx.Client())
    assert _get(client, 1)[0]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            _get(client, 2)
            message = "no error"
        except ClientUsageError as exc:
            message = str(exc)
        except BaseException as exc:  # reported to the parent, which fails
            message = f"{type(exc).__name__}: {exc}"
        os.write(write, json.dumps({"message": message}).encode())
        os._exit(0)
    os.close(write)
    report = _report(pid, read, time.monotonic() + 30)
    assert "forked from it" in report.get("message", ""), report
    assert "Create the client (and its http_client) in the child" in report["message"]
    assert _get(client, 3)[0]  # the parent's client is untouched
    client.close()
