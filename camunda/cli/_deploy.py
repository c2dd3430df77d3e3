"""``camunda deploy FILE...``: deploy files atomically, or one deployment per file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from camunda._progress import Progress
from camunda.cli._common import EXIT_OK, open_client, write_json, write_line

__all__ = ["configure", "deploy"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Deploy the files in one atomic deployment (or, with --each, one deployment per "
        "file, with a progress bar on a terminal) and print the result."
    )
    parser.epilog = (
        "examples:\n  camunda deploy order.bpmn invoice.dmn\n"
        "  camunda deploy --each --tenant-id acme processes/*.bpmn"
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="BPMN, DMN or form files (the extension tells their kind)",
    )
    parser.add_argument(
        "--tenant-id", default=argparse.SUPPRESS, metavar="ID", help="deploy for this tenant"
    )
    parser.add_argument(
        "--each", action="store_true", help="one deployment per file, printed as JSON lines"
    )
    parser.set_defaults(handler=deploy, spellings={"resources": "FILE", "tenant_id": "--tenant-id"})


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
