"""Contract-test fixtures: the spec, one Prism mock server per session, and the groups
that are not written yet.

Where the spec lives: ``../shared/spec`` beside the repository, or ``$CAMUNDA_SPEC_DIR``.
Prism: ``$PRISM_BIN``, else ``.cache/prism/node_modules/.bin/prism`` (``.ci/run`` installs
it). Missing either fails the contract tests under ``CI=true`` and skips them elsewhere.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.contract.spec import (
    REPO,
    SHARED,
    SPEC_DIR,
    SPEC_FILE,
    Row,
    document,
    rows,
    unavailable,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

PENDING: set[str] = set()
"""Resource groups (first part of ``sdk_method``) whose module is not written yet.

Their rows are expected to fail (strict: a row that passes is an error), so this set must
shrink as each group lands.
"""

PENDING_REASON = "issue 3: not implemented yet"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not item.path.is_relative_to(HERE):
            continue
        item.add_marker(pytest.mark.contract)
        row = getattr(item, "callspec", None) and item.callspec.params.get("row")  # type: ignore[attr-defined]
        if isinstance(row, Row) and row.group in PENDING:
            item.add_marker(pytest.mark.xfail(strict=True, reason=PENDING_REASON))


@pytest.fixture(params=["asyncio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Contract tests check the wire, not the event loop: asyncio is enough here."""
    return str(request.param)


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The OpenAPI document (and a non-empty ``operations.tsv`` beside it)."""
    if not SPEC_FILE.is_file() or not rows():
        unavailable(
            f"the API spec is missing: expected {SPEC_FILE} and operations.tsv "
            "(set CAMUNDA_SPEC_DIR to override)"
        )
    return document()


def _prism_bin() -> Path:
    configured = os.environ.get("PRISM_BIN")
    return Path(configured) if configured else REPO / ".cache/prism/node_modules/.bin/prism"


def _start_script() -> Path:
    for folder in (SPEC_DIR.parent / "contract", SHARED / "contract"):
        if (folder / "start-prism.sh").is_file():
            return folder / "start-prism.sh"
    return SHARED / "contract" / "start-prism.sh"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.05)
            os.kill(pid, 0)  # raises once the process is gone
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def prism_url(spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT/v2``) of a Prism mock of the spec, for the session."""
    script, prism = _start_script(), _prism_bin()
    if not script.is_file():
        unavailable(f"start-prism.sh is missing: expected {script}")
    if not os.access(prism, os.X_OK):
        unavailable(
            f"Prism is not installed: {prism} is not executable (set PRISM_BIN, or run "
            "npm install --prefix .cache/prism @stoplight/prism-cli@5.14.2)"
        )
    workdir = tmp_path_factory.mktemp("prism")
    env = {**os.environ, "PRISM_BIN": str(prism), "PRISM_WORKDIR": str(workdir)}
    for _ in range(3):  # another process may take the free port before Prism does
        port = _free_port()
        done = subprocess.run(
            ["bash", str(script), str(port), str(SPEC_FILE)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 5:
            break
    if done.returncode != 0:
        pytest.fail(
            f"Prism did not start (start-prism.sh exit {done.returncode}):\n{done.stderr[-3000:]}",
            pytrace=False,
        )
    pid = int(done.stdout.strip())
    try:
        yield f"http://127.0.0.1:{port}/v2"
    finally:
        _stop(pid)
