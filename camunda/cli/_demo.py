"""``camunda demo``: an order process end to end, on a fake or a real cluster."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from camunda.cli._common import load_settings
from camunda.cli._parser import non_negative_float, positive_int

if TYPE_CHECKING:
    import argparse

__all__ = ["configure", "demo"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Deploy a small order process, start instances and complete them with job workers. "
        "Runs against an embedded fake cluster, or against the cluster in "
        "CAMUNDA_REST_ADDRESS (with the usual CAMUNDA_* credentials) when that is set."
    )
    parser.add_argument(
        "--instances",
        type=positive_int,
        default=100,
        metavar="N",
        help="process instances to run (default: 100)",
    )
    parser.add_argument(
        "--timeout",
        type=non_negative_float,
        default=300.0,
        metavar="SECONDS",
        help="give up after this long (default: 300)",
    )
    parser.set_defaults(handler=demo)


def demo(args: argparse.Namespace) -> int:
    from camunda.testing._demo import demo as run_demo

    # A configured cluster (an address in the environment or an --env-file) runs the
    # demo for real; otherwise it runs on the embedded fake cluster.
    configured = getattr(args, "env_file", None) is not None or os.environ.get(
        "CAMUNDA_REST_ADDRESS"
    )
    return run_demo(
        args.instances, args.timeout, settings=load_settings(args) if configured else None
    )
