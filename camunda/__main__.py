"""The ``camunda`` command (also ``python -m camunda``).

Each subcommand imports what it needs when it runs, so ``camunda --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


def _demo(args: argparse.Namespace) -> int:
    from camunda.testing._demo import demo

    return demo(args.instances, args.timeout)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="camunda", description="Tools of the Camunda 8 Python SDK."
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo",
        help="run an order process end to end with typed job workers",
        description="Deploy a small order process, start instances and complete them with "
        "job workers. Runs against an embedded fake cluster, or against the cluster in "
        "CAMUNDA_REST_ADDRESS (with the usual CAMUNDA_* credentials) when that is set.",
    )
    demo.add_argument("--instances", type=_positive_int, default=100, metavar="N",
                      help="process instances to run (default: 100)")
    demo.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                      help="give up after this long (default: 300)")
    demo.set_defaults(handler=_demo)
    return parser


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
