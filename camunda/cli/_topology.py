"""``camunda topology``: the cluster's brokers and partitions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda.cli._common import EXIT_OK, open_client, write_json

if TYPE_CHECKING:
    import argparse

__all__ = ["configure", "topology"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Print the cluster's topology: its brokers, their partitions and "
        "roles, and the cluster's size and version."
    )
    parser.set_defaults(handler=topology)


def topology(args: argparse.Namespace) -> int:
    with open_client(args) as client:
        write_json(client.cluster.get_topology())
    return EXIT_OK
