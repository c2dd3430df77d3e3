"""``camunda worker --health-port``: liveness, readiness and Prometheus metrics over HTTP.

* ``/healthz`` (liveness): 200 while every worker process is up and reporting (with
  ``--processes``, a child that died or sent no report for five seconds fails it);
* ``/readyz`` (readiness): 200 while every process is live and none of its job types has
  failed three polls in a row (what ``JobWorker.health()`` calls healthy);
* ``/metrics``: the OpenTelemetry metrics in the Prometheus text format, where
  ``opentelemetry-exporter-prometheus`` is installed (``camunda-sdk[prometheus]``); with
  several processes each sample gets a ``worker_process`` label.

Each process describes itself as a :class:`Report`; with ``--processes N`` the children
send theirs to the parent once a second (:func:`send_reports`), which serves them all.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Final

from camunda._exceptions import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import BinaryIO

    from camunda.workers import JobWorker

__all__ = [
    "METRICS_MISSING",
    "Report",
    "Reports",
    "enable_prometheus",
    "health_server",
    "receive_reports",
    "report_of",
    "send_reports",
    "start",
]

REPORT_INTERVAL: Final = 1.0  # seconds between a child's reports
STALE_AFTER: Final = 5.0  # seconds without a report before a child counts as dead
METRICS_MISSING: Final = (
    "/metrics needs the OpenTelemetry Prometheus exporter: pip install 'camunda-sdk[prometheus]'"
)


@dataclass
class Report:
    """What one worker process says about itself."""

    live: bool
    ready: bool
    problems: list[str] = field(default_factory=list[str])
    metrics: str | None = None  # Prometheus text, when the exporter is installed


def report_of(worker: JobWorker, *, with_metrics: bool) -> Report:
    """The report of ``worker``, read from its health (and the Prometheus registry)."""
    health = worker.health()
    if health.error is not None:
        problems = [f"stopped: {health.error}"]
    elif not health.running:
        problems = ["not serving"]  # starting, or stopping
    else:
        problems = [
            f"{p.job_type}: {p.consecutive_failures} failed polls in a row ({p.last_error})"
            for p in health.pollers.values()
            if not p.healthy
        ]
    # Live while the process can report: the command ends it once its serve loop returns.
    # Ready while serving and no job type has failed three polls in a row.
    return Report(
        live=True,
        ready=health.healthy,
        problems=problems,
        metrics=_exposition() if with_metrics else None,
    )


class Reports:
    """The latest report of each worker process (a child's, as the parent received it)."""

    def __init__(self, processes: int) -> None:
        self._lock = threading.Lock()
        self._reports: list[tuple[float, Report] | None] = [None] * processes

    def put(self, index: int, report: Report) -> None:
        with self._lock:
            self._reports[index] = (time.monotonic(), report)

    def current(self) -> list[Report]:
        """One report per process; missing or stale ones say the process is not live."""
        now = time.monotonic()
        with self._lock:
            return [
                entry[1]
                if entry is not None and now - entry[0] < STALE_AFTER
                else Report(live=False, ready=False, problems=["no report"])
                for entry in self._reports
            ]


def send_reports(worker: JobWorker, out: BinaryIO, *, with_metrics: bool) -> None:
    """Write a report of ``worker`` as a JSON line to ``out`` every second (in a daemon
    thread) until the reader goes away."""

    def loop() -> None:
        try:
            while True:
                line = json.dumps(asdict(report_of(worker, with_metrics=with_metrics)))
                out.write(line.encode() + b"\n")
                out.flush()
                time.sleep(REPORT_INTERVAL)
        except (BrokenPipeError, ValueError):  # the parent is gone, or the pipe closed
            return

    threading.Thread(target=loop, name="camunda-health-report", daemon=True).start()


def receive_reports(reports: Reports, index: int, source: BinaryIO) -> None:
    """Read the JSON lines a child writes into ``reports`` (in a daemon thread)."""

    def loop() -> None:
        for line in source:
            reports.put(index, Report(**json.loads(line)))

    threading.Thread(target=loop, name=f"camunda-health-{index}", daemon=True).start()


def enable_prometheus() -> bool:
    """Export the OpenTelemetry metrics to the Prometheus registry, where the exporter is
    installed and no meter provider is configured yet; whether /metrics can serve them."""
    try:
        from opentelemetry import metrics
        from opentelemetry.exporter.prometheus import PrometheusMetricReader
        from opentelemetry.sdk.metrics import MeterProvider
    except ImportError:
        return False
    if type(metrics.get_meter_provider()).__name__ == "_ProxyMeterProvider":  # not set yet
        metrics.set_meter_provider(MeterProvider(metric_readers=[PrometheusMetricReader()]))
    return True


def health_server(
    port: int, reports: Callable[[], Sequence[Report]], *, metrics: bool
) -> ThreadingHTTPServer:
    """A server for the probes (and /metrics) bound to ``port`` on every interface; it
    serves once :func:`start` runs it.

    Raises:
        ConfigurationError: the port cannot be bound (in use, or privileged).
    """

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            current = reports()
            if self.path == "/healthz":
                self._json(all(r.live for r in current), current)
            elif self.path == "/readyz":
                self._json(all(r.live and r.ready for r in current), current)
            elif self.path == "/metrics" and metrics:
                self._send(
                    200,
                    _merge([r.metrics or "" for r in current]).encode(),
                    "text/plain; version=0.0.4; charset=utf-8",
                )
            elif self.path == "/metrics":
                self._send(501, METRICS_MISSING.encode() + b"\n", "text/plain")
            else:
                self._send(404, b"not found: try /healthz, /readyz or /metrics\n", "text/plain")

        def _json(self, ok: bool, current: Sequence[Report]) -> None:
            body = {
                "status": "ok" if ok else "failing",
                "processes": [
                    {"live": r.live, "ready": r.ready, "problems": r.problems} for r in current
                ],
            }
            self._send(200 if ok else 503, json.dumps(body).encode(), "application/json")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # probes every few seconds would flood stderr

    try:
        server = ThreadingHTTPServer(("", port), Handler)
    except OSError as exc:
        raise ConfigurationError(f"--health-port {port}: {exc.strerror or exc}") from None
    server.daemon_threads = True
    return server


def start(server: ThreadingHTTPServer) -> None:
    """Serve in a daemon thread (until ``server.shutdown()``)."""
    threading.Thread(target=server.serve_forever, name="camunda-health-server", daemon=True).start()


def _exposition() -> str:
    from prometheus_client import REGISTRY, generate_latest

    return generate_latest(REGISTRY).decode()


def _merge(texts: Sequence[str]) -> str:
    """One exposition from each process's: a process's own as it is, several with a
    ``worker_process`` label on each sample."""
    if len(texts) == 1:
        return texts[0]
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.metrics_core import Metric
    from prometheus_client.parser import text_string_to_metric_families

    families: dict[str, Metric] = {}
    for index, text in enumerate(texts):
        for family in text_string_to_metric_families(text):
            merged = families.setdefault(
                family.name, Metric(family.name, family.documentation, family.type, family.unit)
            )
            merged.samples.extend(
                sample._replace(labels={**sample.labels, "worker_process": str(index)})
                for sample in family.samples
            )

    class Merged:
        def collect(self) -> list[Metric]:
            return list(families.values())

    registry = CollectorRegistry(auto_describe=False)
    registry.register(Merged())  # type: ignore[arg-type]
    return generate_latest(registry).decode()
