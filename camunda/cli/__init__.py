"""The ``camunda`` command (also ``python -m camunda``).

::

    camunda topology
    camunda process-instances search --filter '{"state": "ACTIVE"}' --all
    camunda deploy order.bpmn invoice.dmn
    camunda worker myapp.workers:router

Every operation of ``CamundaClient`` is a command ``camunda <group> <method>``, derived from
the client's signatures (see ``_operations``). Answers are JSON on stdout; API errors print
their problem detail on stderr. Exit codes: 0 ok, 1 API error, 2 usage or configuration
error. Settings come from the ``CAMUNDA_*`` environment and ``--env-file``.

Startup stays fast: ``camunda --help`` reads the group names from the client's source and
imports no model; a group's resources and models load only when one of its commands runs
(or its help is shown).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Final

from camunda.cli._groups import CLIENT, groups

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["build_parser", "command_word", "main"]

ALL_GROUPS: Final = "*"
_EXIT_INTERRUPTED: Final = 130
_EXIT_BROKEN_PIPE: Final = 1


def build_parser(load: str | None = None) -> argparse.ArgumentParser:
    """The ``camunda`` parser.

    Args:
        load: the API group (command name) whose operations to build, or ``"*"`` for
            every group; the other groups are listed without their commands.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--env-file", metavar="PATH", default=argparse.SUPPRESS,
                        help="read CAMUNDA_* settings from this file (the environment "
                        "takes precedence)")
    parser = argparse.ArgumentParser(
        prog="camunda", parents=[common],
        description="Command line for the Camunda 8 Orchestration Cluster REST API. "
        "Answers are JSON on stdout; errors go to stderr. Exit codes: 0 ok, 1 API error, "
        "2 usage or configuration error.",
        epilog="Run 'camunda GROUP --help' for the operations of an API group.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    _add_builtins(commands, common)
    for group in groups(CLIENT):
        if load in (ALL_GROUPS, group.command):
            from camunda.cli._operations import add_group

            add_group(commands, group, (group.attribute,), [common])
        else:
            commands.add_parser(group.command, add_help=False,
                                help=f"API: the operations of client.{group.attribute}")
    return parser


def _add_builtins(commands: argparse._SubParsersAction[argparse.ArgumentParser],  # pyright: ignore[reportPrivateUsage]
                  common: argparse.ArgumentParser) -> None:
    deploy = commands.add_parser(
        "deploy", parents=[common], help="deploy BPMN, DMN and form files",
        description="Deploy the files in one atomic deployment (or, with --each, one "
        "deployment per file, with a progress bar on a terminal) and print the result.",
    )
    deploy.add_argument("files", nargs="+", metavar="FILE", help="files to deploy")
    deploy.add_argument("--tenant-id", default=argparse.SUPPRESS, help="deploy for this tenant")
    deploy.add_argument("--each", action="store_true",
                        help="one deployment per file, printed as JSON lines")
    deploy.set_defaults(handler=_deploy)

    topology = commands.add_parser("topology", parents=[common],
                                   help="show the cluster's brokers and partitions")
    topology.set_defaults(handler=_topology)

    worker = commands.add_parser(
        "worker", parents=[common], help="run job workers from your module (MODULE:ROUTER)",
        description="Import each JobRouter named MODULE:ROUTER (the current directory is on "
        "the import path) and serve its handlers until SIGINT or SIGTERM. The first signal "
        "stops polling and lets running jobs finish (within --grace-period); a second one "
        "cancels them.",
    )
    worker.add_argument("routers", nargs="+", metavar="MODULE:ROUTER",
                        help="e.g. myapp.workers:router")
    worker.add_argument("--max-concurrent", type=_positive_int, default=argparse.SUPPRESS,
                        metavar="N", help="jobs per job type at a time, for handlers that do "
                        "not set their own (default: CAMUNDA_WORKER_MAX_CONCURRENT_JOBS)")
    worker.add_argument("--grace-period", type=float, default=30.0, metavar="SECONDS",
                        help="how long running jobs may take to finish on stop (default: 30)")
    worker.add_argument("--max-threads", type=_positive_int, default=None, metavar="N",
                        help="threads for sync handlers (default: the sum of their "
                        "concurrency)")
    worker.add_argument("--worker-name", default=argparse.SUPPRESS, metavar="NAME",
                        help="the name jobs are activated under (default: CAMUNDA_WORKER_NAME)")
    worker.add_argument("--processes", type=_positive_int, default=1, metavar="N",
                        help="serve in N processes, e.g. one per core (default: 1); a signal "
                        "stops them all gracefully; if one dies the others stop and the "
                        "command exits 1")
    worker.add_argument("--health-port", type=int, default=None, metavar="PORT",
                        help="serve /healthz (liveness), /readyz (readiness) and, with "
                        "camunda-sdk[prometheus], /metrics on this port")
    worker.set_defaults(handler=_worker)

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


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _deploy(args: argparse.Namespace) -> int:
    from camunda.cli._commands import deploy

    return deploy(args)


def _topology(args: argparse.Namespace) -> int:
    from camunda.cli._commands import topology

    return topology(args)


def _worker(args: argparse.Namespace) -> int:
    from camunda.cli._worker import worker

    return worker(args)


def _demo(args: argparse.Namespace) -> int:
    from camunda.cli._common import load_settings
    from camunda.testing._demo import demo

    # A configured cluster (an address in the environment or an --env-file) runs the
    # demo for real; otherwise it runs on the embedded fake cluster.
    configured = getattr(args, "env_file", None) is not None or os.environ.get(
        "CAMUNDA_REST_ADDRESS")
    return demo(args.instances, args.timeout,
                settings=load_settings(args) if configured else None)


def command_word(argv: Sequence[str]) -> str | None:
    """The command word of ``argv``: its first word that is not a global option."""
    words = iter(argv)
    for word in words:
        if word == "--env-file":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``camunda`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(command_word(arguments)).parse_args(arguments)
    from camunda._exceptions import CamundaError
    from camunda.cli._common import report

    try:
        return int(args.handler(args))
    except CamundaError as exc:
        return report(exc)
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``camunda ... --all | head``): stop quietly, and keep
        # Python from complaining when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _EXIT_BROKEN_PIPE
