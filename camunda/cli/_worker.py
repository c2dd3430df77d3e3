"""``camunda worker MODULE:ROUTER ...``: serve the job routers of a user's module, in one
process or several (``--processes``), with health probes (``--health-port``)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

from camunda._exceptions import ConfigurationError
from camunda._logging import configure_logging
from camunda.cli import _health
from camunda.cli._common import EXIT_API_ERROR, EXIT_OK, load_settings
from camunda.cli._parser import non_negative_float, positive_int
from camunda.workers import JobRouter, JobWorker

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["configure", "load_router", "worker"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Import each JobRouter named MODULE:ROUTER (the current directory is on the import "
        "path) and serve its handlers until SIGINT or SIGTERM. The first signal stops "
        "polling and lets running jobs finish (within --grace-period); a second one cancels "
        "them."
    )
    parser.epilog = (
        "examples:\n  camunda worker myapp.workers:router\n"
        "  camunda worker billing:router shipping:router --max-concurrent 4\n"
        "  camunda --env-file prod.env worker myapp.workers:router "
        "--grace-period 60"
    )
    parser.add_argument(
        "routers",
        nargs="+",
        metavar="MODULE:ROUTER",
        help="where a JobRouter lives, e.g. myapp.workers:router",
    )
    parser.add_argument(
        "--max-concurrent",
        type=positive_int,
        default=argparse.SUPPRESS,
        metavar="N",
        help="jobs per job type at a time, for handlers that do "
        "not set their own (default: CAMUNDA_WORKER_MAX_CONCURRENT_JOBS)",
    )
    parser.add_argument(
        "--grace-period",
        type=non_negative_float,
        default=30.0,
        metavar="SECONDS",
        help="how long running jobs may take to finish on stop (default: 30)",
    )
    parser.add_argument(
        "--max-threads",
        type=positive_int,
        default=None,
        metavar="N",
        help="threads for sync handlers (default: the sum of their concurrency)",
    )
    parser.add_argument(
        "--worker-name",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help="the name jobs are activated under (default: CAMUNDA_WORKER_NAME)",
    )
    parser.add_argument(
        "--processes",
        type=positive_int,
        default=1,
        metavar="N",
        help="serve in N processes, e.g. one per core (default: 1); a signal "
        "stops them all gracefully; if one dies the others stop and the "
        "command exits 1",
    )
    parser.add_argument(
        "--health-port",
        type=int,
        default=None,
        metavar="PORT",
        help="serve /healthz (liveness), /readyz (readiness) and, with "
        "camunda-sdk[prometheus], /metrics on this port",
    )
    parser.set_defaults(handler=worker)


def load_router(target: str) -> JobRouter:
    """The ``JobRouter`` named ``module:attribute`` (``attribute`` may be dotted).

    The current directory is put on the import path first, as ``uvicorn`` does.

    Raises:
        ConfigurationError: the name is malformed, does not import, or is no router.
    """
    module_name, _, attribute = target.partition(":")
    if not module_name or not attribute:
        raise ConfigurationError(f"{target!r}: expected MODULE:ROUTER, e.g. myapp.workers:router")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        value: Any = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigurationError(f"{target!r}: cannot import {module_name}: {exc}") from exc
    for name in attribute.split("."):
        try:
            value = getattr(value, name)
        except AttributeError:
            raise ConfigurationError(f"{target!r}: {module_name} has no {attribute}") from None
    if not isinstance(value, JobRouter):
        raise ConfigurationError(
            f"{target!r} is a {type(value).__name__}, not a camunda.workers.JobRouter"
        )
    return value


def worker(args: argparse.Namespace) -> int:
    """Serve the routers until SIGINT or SIGTERM (graceful), then exit 0.

    With ``--processes N`` (N > 1) the routers are served by N forked processes, each with
    its own client; a signal to the parent stops them all gracefully. A process that dies
    any other way stops the others, and the command exits 1 (let the supervisor, e.g.
    Kubernetes or systemd, restart the whole worker).
    """
    routers = [load_router(target) for target in args.routers]
    overrides: dict[str, Any] = {}
    if hasattr(args, "max_concurrent"):
        overrides["worker_max_concurrent_jobs"] = args.max_concurrent
    if hasattr(args, "worker_name"):
        overrides["worker_name"] = args.worker_name
    settings = load_settings(args, **overrides)
    configure_logging(settings, default=logging.INFO)  # failed jobs and polls on stderr
    processes: int = getattr(args, "processes", 1)
    port: int | None = getattr(args, "health_port", None)

    def build() -> JobWorker:  # in the process that serves: its client is its own
        try:
            return JobWorker(
                routers=routers,
                settings=settings,
                grace_period=args.grace_period,
                max_threads=args.max_threads,
            )
        except ValueError as exc:  # e.g. one job type handled in two routers
            raise ConfigurationError(str(exc)) from None

    job_worker = build()  # a bad set of routers is a usage error before anything is forked

    job_types = ", ".join(spec.job_type for router in routers for spec in router)
    many = f" in {processes} processes" if processes > 1 else ""
    _say(f"serving {job_types} at {settings.rest_address}{many} (stop with Ctrl-C or SIGTERM)")
    metrics = port is not None and _health.enable_prometheus()
    if port is not None:
        _say(
            f"health on port {port}: /healthz, /readyz"
            + (", /metrics" if metrics else f" ({_health.METRICS_MISSING})")
        )
    code = (
        _serve_forked(build, processes, port, metrics=metrics)
        if processes > 1
        else _serve_here(job_worker, port, metrics=metrics)
    )
    _say("stopped" if code == EXIT_OK else "stopped after a worker process failed")
    return code


def _say(message: str) -> None:
    sys.stderr.write(f"camunda worker: {message}\n")
    sys.stderr.flush()


def _serve_here(job_worker: JobWorker, port: int | None, *, metrics: bool) -> int:
    server = (
        None
        if port is None
        else _health.health_server(
            port, lambda: [_health.report_of(job_worker, with_metrics=metrics)], metrics=metrics
        )
    )
    if server is not None:
        _health.start(server)
    try:
        job_worker.run()
    finally:
        if server is not None:
            server.shutdown()
    return EXIT_OK


def _serve_forked(
    build: Callable[[], JobWorker], processes: int, port: int | None, *, metrics: bool
) -> int:
    """Fork ``processes`` children that each serve ``build()``; wait for all of them."""
    if not hasattr(os, "fork"):
        raise ConfigurationError("--processes needs os.fork (Linux or macOS)")
    reports = _health.Reports(processes)
    # Bound before forking, so a port in use fails before any child starts.
    server = None if port is None else _health.health_server(port, reports.current, metrics=metrics)
    children: dict[int, int] = {}  # pid -> index
    readers: list[int] = []
    for index in range(processes):
        read_end, write_end = os.pipe() if port is not None else (-1, -1)
        pid = os.fork()
        if pid == 0:  # the child never returns from here
            os.setpgid(0, 0)  # a Ctrl-C in the terminal reaches the parent only
            code = 1
            try:
                if server is not None:
                    server.socket.close()
                if port is not None:
                    os.close(read_end)
                job_worker = build()
                if port is not None:
                    _health.send_reports(
                        job_worker, os.fdopen(write_end, "wb"), with_metrics=metrics
                    )
                job_worker.run()
                code = EXIT_OK
            except BaseException as exc:  # reported; the child exits
                sys.stderr.write(f"camunda worker: process {index}: {exc!r}\n")
            finally:
                sys.stderr.flush()
                os._exit(code)
        children[pid] = index
        if port is not None:
            os.close(write_end)
            readers.append(read_end)
    for index, read_end in enumerate(readers):  # threads only once every child is forked
        _health.receive_reports(reports, index, os.fdopen(read_end, "rb"))
    if server is not None:
        _health.start(server)
    stopping = False
    failed = False

    def stop_all(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:  # a second signal reaches them as a second one: stop at once
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    previous = {
        signum: signal.signal(signum, stop_all) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        while children:
            pid, status = os.waitpid(-1, 0)
            index = children.pop(pid)
            code = os.waitstatus_to_exitcode(status)
            if code != EXIT_OK and not (stopping and code == -signal.SIGTERM):
                # (a child still starting up when asked to stop ends by the signal itself)
                failed = True
                how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
                _say(f"worker process {index} (pid {pid}) ended with {how}")
                if not stopping:
                    _say("stopping the other worker processes")
                    stop_all(signal.SIGTERM, None)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if server is not None:
            server.shutdown()
    return EXIT_API_ERROR if failed else EXIT_OK
