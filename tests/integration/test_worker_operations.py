"""``camunda worker`` in production: a trace that continues from the client into a worker
process, ``--processes`` (all stop on SIGTERM, in-flight jobs completed; a dying child stops
the rest) and ``--health-port`` (probes and Prometheus metrics)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from camunda import _otel
from camunda.testing import FakeCluster, FakeJobState

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tests.otel import Otel

REPO = Path(__file__).resolve().parents[2]
ORDER_BPMN = REPO / "camunda" / "testing" / "order.bpmn"

# A user's module: it configures OpenTelemetry (spans to a JSON-lines file) and its router.
_TRACED_MODULE = """
    import os

    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult

    from camunda.workers import JobRouter


    class JsonLines(SpanExporter):
        def export(self, spans):
            with open(os.environ["SPANS_FILE"], "a") as out:
                out.writelines(span.to_json(indent=None) + "\\n" for span in spans)
            return SpanExportResult.SUCCESS


    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(JsonLines()))
    trace.set_tracer_provider(provider)
    tracer = trace.get_tracer("shop")
    router = JobRouter()


    @router.job("reserve-stock")
    async def reserve() -> dict[str, bool]:
        with tracer.start_as_current_span("reserve in warehouse"):
            return {"reserved": True}


    @router.job("charge-payment")
    def charge() -> None:
        pass


    @router.job("ship-order")
    def ship() -> None:
        pass
"""

_SLOW_MODULE = """
    import os
    import time
    from pathlib import Path

    from camunda.workers import JobRouter

    router = JobRouter()


    @router.job("slow", max_concurrent=1)
    def slow() -> dict[str, int]:
        Path(f"started-{os.getpid()}").touch()
        time.sleep(1.5)
        return {"pid": os.getpid()}


    @router.job("fast")
    def fast() -> dict[str, int]:
        return {"pid": os.getpid()}
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "CAMUNDA_MAX_RETRIES": "0", **extra}


def _until(condition: Callable[[], object], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""  # not listening yet


@pytest.fixture
def cluster() -> Iterator[FakeCluster]:
    with FakeCluster(seed=5) as c:
        yield c


@pytest.fixture
def address(cluster: FakeCluster) -> Iterator[str]:
    with cluster.serve() as base_url:
        yield base_url


def _worker(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """The command in ``tmp_path``; its stderr goes to a file there (a pipe nobody reads
    while the test waits would fill up with the failed polls it logs, and block it)."""
    with (tmp_path / "stderr.txt").open("w") as stderr:
        return subprocess.Popen(
            [sys.executable, "-m", "camunda", "worker", *args],
            cwd=tmp_path,
            env=_env(**env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            text=True,
        )


def _stop(process: subprocess.Popen[str], tmp_path: Path) -> str:
    """SIGTERM, then the command's stderr once it exited."""
    process.send_signal(signal.SIGTERM)
    return _ended(process, tmp_path)


def _ended(process: subprocess.Popen[str], tmp_path: Path) -> str:
    try:
        process.wait(timeout=30)
    finally:
        process.kill()
    return (tmp_path / "stderr.txt").read_text()


def test_a_trace_started_by_create_continues_in_a_worker_process(
    otel: Otel, cluster: FakeCluster, address: str, tmp_path: Path
) -> None:
    (tmp_path / "traced_jobs.py").write_text(textwrap.dedent(_TRACED_MODULE))
    spans_file = tmp_path / "spans.jsonl"
    with cluster.client() as client:
        client.deployments.create(resources=[ORDER_BPMN])
        with otel.tracer.start_as_current_span("checkout"):
            created = client.process_instances.create(process_definition_id="order-process")
    process = _worker(
        tmp_path, "traced_jobs:router", CAMUNDA_REST_ADDRESS=address, SPANS_FILE=str(spans_file)
    )
    try:
        _until(
            lambda: (
                (instance := cluster.process_instance(created.process_instance_key)) is not None
                and instance.state == "COMPLETED"
            )
        )
    finally:
        err = _stop(process, tmp_path)
    assert process.returncode == 0, err

    (create,) = otel.finished("POST /process-instances")
    assert create.context is not None
    spans: list[dict[str, Any]] = [json.loads(line) for line in spans_file.read_text().splitlines()]
    by_id = {span["context"]["span_id"]: span for span in spans}
    jobs = {span["name"]: span for span in spans if span["kind"] == "SpanKind.CONSUMER"}
    assert set(jobs) == {"process reserve-stock", "process charge-payment", "process ship-order"}
    for job in jobs.values():
        # the worker process continues the trace of the create call made in this one
        assert job["context"]["trace_id"] == f"0x{create.context.trace_id:032x}"
        assert job["parent_id"] == f"0x{create.context.span_id:016x}"
        (link,) = job["links"]
        poll = by_id[link["context"]["span_id"]]
        assert poll["name"] == "POST /jobs/activation"
        assert poll["attributes"]["camunda.job.type"] == job["attributes"]["camunda.job.type"]
    (handler_span,) = [s for s in spans if s["name"] == "reserve in warehouse"]
    assert handler_span["parent_id"] == jobs["process reserve-stock"]["context"]["span_id"]
    completions = [s for s in spans if s["name"] == "POST /jobs/{jobKey}/completion"]
    assert sorted(s["parent_id"] for s in completions) == sorted(
        j["context"]["span_id"] for j in jobs.values()
    )
    instance = cluster.process_instance(created.process_instance_key)
    assert instance is not None and _otel.TRACE_CONTEXT_VARIABLE in instance.variables


def test_processes_share_the_jobs_and_all_stop_gracefully_on_sigterm(
    cluster: FakeCluster, address: str, tmp_path: Path
) -> None:
    (tmp_path / "slow_jobs.py").write_text(textwrap.dedent(_SLOW_MODULE))
    slow = cluster.add_jobs("slow", count=2)
    process = _worker(
        tmp_path, "slow_jobs:router", "--processes", "2", CAMUNDA_REST_ADDRESS=address
    )
    try:
        # each process takes one slow job (one at a time each): two pids are working
        _until(lambda: len(list(tmp_path.glob("started-*"))) == 2)
        err = _stop(process, tmp_path)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "in 2 processes" in err and err.rstrip().endswith("camunda worker: stopped")
    pids = {int(path.name.removeprefix("started-")) for path in tmp_path.glob("started-*")}
    assert len(pids) == 2 and process.pid not in pids
    for key in slow:  # the in-flight jobs were finished, not dropped
        job = cluster.job(key)
        assert job is not None and job.state == FakeJobState.COMPLETED and job.completions == 1
    assert {(cluster.job(key) or pytest.fail()).result_variables["pid"] for key in slow} == pids
    for pid in pids:  # reaped: none is left running
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_dying_process_stops_the_others_and_the_command_fails(
    cluster: FakeCluster, address: str, tmp_path: Path
) -> None:
    (tmp_path / "slow_jobs.py").write_text(textwrap.dedent(_SLOW_MODULE))
    cluster.add_jobs("slow", count=2)
    process = _worker(
        tmp_path, "slow_jobs:router", "--processes", "2", CAMUNDA_REST_ADDRESS=address
    )
    try:
        _until(lambda: len(list(tmp_path.glob("started-*"))) == 2)
        victim, survivor = (
            int(p.name.removeprefix("started-")) for p in tmp_path.glob("started-*")
        )
        os.kill(victim, signal.SIGKILL)
        err = _ended(process, tmp_path)
    finally:
        process.kill()
    assert process.returncode == 1, err
    assert f"(pid {victim}) ended with signal SIGKILL" in err
    assert "stopping the other worker processes" in err
    with pytest.raises(ProcessLookupError):
        os.kill(survivor, 0)


@pytest.mark.parametrize("processes", ["1", "2"])
def test_health_port_serves_probes_and_metrics(
    cluster: FakeCluster, address: str, tmp_path: Path, processes: str
) -> None:
    (tmp_path / "slow_jobs.py").write_text(textwrap.dedent(_SLOW_MODULE))
    [fast] = cluster.add_jobs("fast")
    port = _free_port()
    process = _worker(
        tmp_path,
        "slow_jobs:router",
        "--processes",
        processes,
        "--health-port",
        str(port),
        CAMUNDA_REST_ADDRESS=address,
    )
    try:
        _until(lambda: _get(port, "/readyz")[0] == 200)
        _until(lambda: (job := cluster.job(fast)) is not None and job.completions == 1)
        status, body = _get(port, "/healthz")
        assert status == 200
        assert json.loads(body) == {
            "status": "ok",
            "processes": [{"live": True, "ready": True, "problems": []}] * int(processes),
        }
        # the counters reach /metrics within a report or two
        _until(lambda: 'camunda_job_type="fast"' in _get(port, "/metrics")[1])
        status, metrics = _get(port, "/metrics")
        assert status == 200
        completed = [
            line
            for line in metrics.splitlines()
            if line.startswith("camunda_worker_jobs_completed")
            and 'camunda_job_type="fast"' in line
        ]
        assert sum(float(line.rsplit(" ", 1)[1]) for line in completed) == 1.0
        if processes == "2":
            assert all('worker_process="' in line for line in completed)
        assert _get(port, "/nowhere")[0] == 404
    finally:
        err = _stop(process, tmp_path)
    assert process.returncode == 0, err


def test_readiness_fails_while_polls_fail_and_liveness_holds(tmp_path: Path) -> None:
    (tmp_path / "slow_jobs.py").write_text(textwrap.dedent(_SLOW_MODULE))
    port = _free_port()
    dead = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    process = _worker(
        tmp_path, "slow_jobs:router", "--health-port", str(port), CAMUNDA_REST_ADDRESS=dead
    )
    try:
        _until(lambda: "failed polls in a row" in _get(port, "/readyz")[1])
        status, body = _get(port, "/readyz")
        assert status == 503
        (report,) = json.loads(body)["processes"]
        assert report["live"] and not report["ready"]
        assert any("failed polls in a row" in problem for problem in report["problems"])
        assert _get(port, "/healthz")[0] == 200
    finally:
        err = _stop(process, tmp_path)
    assert process.returncode == 0, err


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_health_port_in_use_is_a_usage_error_before_any_worker_starts(
    tmp_path: Path, processes: str
) -> None:
    (tmp_path / "slow_jobs.py").write_text(textwrap.dedent(_SLOW_MODULE))
    with socket.socket() as taken:
        taken.bind(("", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "camunda",
                "worker",
                "slow_jobs:router",
                "--processes",
                processes,
                "--health-port",
                str(port),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env=_env(CAMUNDA_REST_ADDRESS="http://127.0.0.1:9"),
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert f"--health-port {port}: Address already in use" in done.stderr
    assert "stopped" not in done.stderr  # no worker ever served
