"""``camunda fake-cluster``: serve the in-process fake cluster over HTTP."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from camunda.cli._common import EXIT_OK, EXIT_USAGE, error
from camunda.cli._parser import non_negative_float, positive_int

if TYPE_CHECKING:
    import argparse

__all__ = ["configure", "fake_cluster"]

INSTALL = "pip install 'camunda-sdk[fake-cluster]'"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Serve camunda.testing.FakeCluster over HTTP, so any client (this CLI, the official "
        "SDKs, a browser) can use it as a Camunda 8.9 REST API at http://HOST:PORT/v2. "
        "It runs BPMN and DMN in memory; Ctrl-C stops it and forgets everything."
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=positive_int, default=8080, help="port to listen on (default: 8080)"
    )
    parser.add_argument(
        "--read-lag",
        type=non_negative_float,
        default=0.0,
        metavar="SECONDS",
        help="delay before new records show in searches (default: 0)",
    )
    parser.set_defaults(handler=fake_cluster)


def fake_cluster(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ModuleNotFoundError:
        error(f"camunda fake-cluster needs uvicorn and lark: {INSTALL}")
        return EXIT_USAGE
    from camunda.testing import FakeCluster

    with FakeCluster(read_lag=args.read_lag) as cluster:
        print(
            f"fake cluster at http://{args.host}:{args.port} "
            f"(CAMUNDA_REST_ADDRESS=http://{args.host}:{args.port}); Ctrl-C stops it",
            file=sys.stderr,
            flush=True,
        )
        uvicorn.run(
            cluster.app,
            host=args.host,
            port=args.port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
    return EXIT_OK
