"""Run the code of one Markdown page in order: python blocks and the CLI lines of bash blocks.

    python -m tests.docs.run_page PAGE           # every block, top to bottom
    python -m tests.docs.run_page PAGE LINE      # only the block whose code starts at LINE

The second form is a reader copying one block alone into a fresh interpreter: it must not
need a name, a file or cluster state that an earlier block made.

``test_docs.py`` runs this in a subprocess (so a hanging block can be killed), with
CAMUNDA_REST_ADDRESS pointing at a served fake cluster. The python blocks share one
namespace, a fresh ``__main__`` module. Each is compiled under the page's path with its code
on the page's own line numbers, so a traceback points at ``README.md``, line N. The
``camunda`` lines of bash blocks run through the real CLI (``python -m camunda``) with the
repository as working directory (a set-up line's ``camunda`` command: only its
``--help``, to show that it exists). Before each block a marker line names it on stderr; the
exit status is 1 at the first failure, which is described on stderr.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import traceback
import types
from pathlib import Path

from tests.docs.commands import CommandError, commands
from tests.docs.markdown import REPO, Block, blocks

MARKER = "::docs-block "
CLI_TIMEOUT = 60.0
_TAIL = 2000


def _tail(text: str) -> str:
    return text if len(text) <= _TAIL else "..." + text[-_TAIL:]


def run_python(block: Block, namespace: dict[str, object]) -> bool:
    source = "\n" * (block.line - 1) + block.code
    try:
        exec(compile(source, str(block.path), "exec"), namespace)
    except BaseException:
        traceback.print_exc()
        print(f"{block.where}: this python block raised (traceback above)", file=sys.stderr)
        return False
    return True


def run_bash(block: Block) -> bool:
    try:
        found = commands(block)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return False
    for command in found:
        if command.kind != "cli":
            continue
        where = f"{block.path.name}:{command.line}"
        args = [*command.args, "--help"] if command.setup else list(command.args)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "camunda", *args],
                check=False,
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=CLI_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            print(
                f"{where}: `camunda {shlex.join(args)}` did not exit within {CLI_TIMEOUT:g} s",
                file=sys.stderr,
            )
            return False
        if result.returncode != command.expected_exit:
            print(
                f"{where}: `camunda {shlex.join(args)}` exited {result.returncode}, expected "
                f"{command.expected_exit} (state another with a trailing `# exit N`)\n"
                f"--- stdout\n{_tail(result.stdout)}\n--- stderr\n{_tail(result.stderr)}",
                file=sys.stderr,
            )
            return False
    return True


def main(page: Path, line: int | None = None) -> int:
    module = types.ModuleType("__main__")  # the page's namespace, as if run as a script
    module.__file__ = str(page)
    sys.modules["__main__"] = module
    chosen = [
        block
        for block in blocks(page)
        if block.language in ("python", "bash") and line in (None, block.line)
    ]
    if line is not None and not chosen:
        print(f"{page.name}: no python or bash block starts at line {line}", file=sys.stderr)
        return 1
    for block in chosen:
        print(f"{MARKER}{block.where}", file=sys.stderr, flush=True)
        ok = run_python(block, module.__dict__) if block.language == "python" else run_bash(block)
        if not ok:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve(), int(sys.argv[2]) if len(sys.argv) > 2 else None))
