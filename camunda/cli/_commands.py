"""``camunda deploy`` and ``camunda topology``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from camunda._progress import Progress
from camunda.cli._common import EXIT_OK, open_client, write_json, write_line

if TYPE_CHECKING:
    import argparse

__all__ = ["deploy", "topology"]


def deploy(args: argparse.Namespace) -> int:
    """Deploy the files atomically, or with ``--each`` one deployment per file."""
    files = [Path(name) for name in args.files]
    options: dict[str, Any] = {}
    if hasattr(args, "tenant_id"):
        options["tenant_id"] = args.tenant_id
    with open_client(args) as client:
        if not args.each:
            write_json(client.deployments.create(resources=files, **options))
            return EXIT_OK
        with Progress("deploying", len(files), output=sys.stdout) as bar:
            for file in files:
                write_line(client.deployments.create(resources=[file], **options))
                bar.advance()
    return EXIT_OK


def topology(args: argparse.Namespace) -> int:
    with open_client(args) as client:
        write_json(client.cluster.get_topology())
    return EXIT_OK
