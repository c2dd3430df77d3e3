"""``camunda worker MODULE:ROUTER ...``: serve the job routers of a user's module."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

from camunda._exceptions import ConfigurationError
from camunda.cli._common import EXIT_OK, load_settings
from camunda.workers import JobRouter, JobWorker

if TYPE_CHECKING:
    import argparse

__all__ = ["load_router", "worker"]


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
    job_worker = JobWorker(routers=routers, settings=settings, grace_period=args.grace_period,
                           max_threads=args.max_threads)
    job_types = ", ".join(spec.job_type for router in routers for spec in router)
    sys.stderr.write(f"camunda worker: serving {job_types} at {settings.rest_address} "
                     "(stop with Ctrl-C or SIGTERM)\n")
    sys.stderr.flush()
    job_worker.run()
    sys.stderr.write("camunda worker: stopped\n")
    return EXIT_OK
