"""``camunda worker MODULE:ROUTER ...``: serve the job routers of a user's module."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import Any

from camunda._exceptions import ConfigurationError
from camunda._logging import configure_logging
from camunda.cli._common import EXIT_OK, load_settings
from camunda.cli._parser import non_negative_float, positive_int
from camunda.workers import JobRouter, JobWorker

__all__ = ["configure", "load_router", "worker"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Import each JobRouter named MODULE:ROUTER (the current directory is on the import "
        "path) and serve its handlers until SIGINT or SIGTERM. The first signal stops "
        "polling and lets running jobs finish (within --grace-period); a second one cancels "
        "them.")
    parser.epilog = ("examples:\n  camunda worker myapp.workers:router\n"
                     "  camunda worker billing:router shipping:router --max-concurrent 4\n"
                     "  camunda --env-file prod.env worker myapp.workers:router "
                     "--grace-period 60")
    parser.add_argument("routers", nargs="+", metavar="MODULE:ROUTER",
                        help="where a JobRouter lives, e.g. myapp.workers:router")
    parser.add_argument("--max-concurrent", type=positive_int, default=argparse.SUPPRESS,
                        metavar="N", help="jobs per job type at a time, for handlers that do "
                        "not set their own (default: CAMUNDA_WORKER_MAX_CONCURRENT_JOBS)")
    parser.add_argument("--grace-period", type=non_negative_float, default=30.0,
                        metavar="SECONDS",
                        help="how long running jobs may take to finish on stop (default: 30)")
    parser.add_argument("--max-threads", type=positive_int, default=None, metavar="N",
                        help="threads for sync handlers (default: the sum of their "
                        "concurrency)")
    parser.add_argument("--worker-name", default=argparse.SUPPRESS, metavar="NAME",
                        help="the name jobs are activated under (default: CAMUNDA_WORKER_NAME)")
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
            f"{target!r} is a {type(value).__name__}, not a camunda.workers.JobRouter")
    return value


def worker(args: argparse.Namespace) -> int:
    """Serve the routers until SIGINT or SIGTERM (graceful), then exit 0."""
    routers = [load_router(target) for target in args.routers]
    overrides: dict[str, Any] = {}
    if hasattr(args, "max_concurrent"):
        overrides["worker_max_concurrent_jobs"] = args.max_concurrent
    if hasattr(args, "worker_name"):
        overrides["worker_name"] = args.worker_name
    settings = load_settings(args, **overrides)
    configure_logging(settings, default=logging.INFO)  # failed jobs and polls on stderr
    try:
        job_worker = JobWorker(routers=routers, settings=settings,
                               grace_period=args.grace_period, max_threads=args.max_threads)
    except ValueError as exc:  # e.g. one job type handled in two routers
        raise ConfigurationError(str(exc)) from None
    job_types = ", ".join(spec.job_type for router in routers for spec in router)
    sys.stderr.write(f"camunda worker: serving {job_types} at {settings.rest_address} "
                     "(stop with Ctrl-C or SIGTERM)\n")
    sys.stderr.flush()
    job_worker.run()
    sys.stderr.write("camunda worker: stopped\n")
    return EXIT_OK
