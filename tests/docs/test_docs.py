"""The docs run: every code block of README.md and docs/*.md, and the generated tables.

The convention (the brief every author follows):

* ```python blocks run in order, one namespace per page, in a subprocess whose environment
  has CAMUNDA_REST_ADDRESS pointing at a fake cluster served on loopback (no auth);
* ```bash blocks: ``camunda ...`` lines run through the real CLI against that cluster,
  interleaved with the python blocks in page order; see ``commands.py`` for the other
  lines allowed;
* ```dotenv blocks load through ``CamundaSettings`` (CAMUNDA_LOAD_ENVFILE) and may only name
  known variables;
* ```text, ```json and ```console blocks are samples; any other fence language fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from importlib.util import module_from_spec, spec_from_file_location
from typing import TYPE_CHECKING, Any

import pytest

from camunda import CamundaSettings
from camunda.testing import FakeCluster
from tests.contract.spec import IN_CI, OPERATIONS_TSV
from tests.docs.commands import CommandError, commands
from tests.docs.markdown import REPO, Block, anchors, blocks, links, pages, relative
from tests.docs.run_page import MARKER

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

RUN = frozenset({"python", "bash"})
CHECKED = frozenset({"dotenv"})
SAMPLES = frozenset({"text", "json", "console"})
PAGE_TIMEOUT = 120.0
DOCS = REPO / "docs"


def _script() -> Any:
    spec = spec_from_file_location("docs_script", REPO / "scripts" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def _page_params(languages: frozenset[str]) -> list[Any]:
    return [pytest.param(page, id=relative(page)) for page in pages()
            if any(block.language in languages for block in blocks(page))]


def _block_params(language: str) -> list[Any]:
    return [pytest.param(block, id=block.where) for page in pages() for block in blocks(page)
            if block.language == language]


@pytest.fixture
def served_cluster(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCluster]:
    """A fake cluster on loopback; CAMUNDA_REST_ADDRESS points at it."""
    with FakeCluster() as cluster, cluster.serve() as url:
        monkeypatch.setenv("CAMUNDA_REST_ADDRESS", url)
        yield cluster


# ----------------------------------------------------------------------------- code blocks


@pytest.mark.parametrize("page", [pytest.param(p, id=relative(p)) for p in pages()])
def test_every_fence_has_a_known_language(page: Path) -> None:
    unknown = [f"{b.where}: ```{b.language or '(no language)'}" for b in blocks(page)
               if b.language not in RUN | CHECKED | SAMPLES]
    assert not unknown, (
        "code blocks in a language the docs tests do not know (use python, bash or dotenv "
        "for code, text/json/console for samples):\n" + "\n".join(unknown)
    )


def run_page(page: Path, cwd: Path, timeout: float = PAGE_TIMEOUT) -> str | None:
    """Run the page's python blocks and CLI lines in a subprocess; the failure, if any."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.docs.run_page", str(page)], cwd=cwd, env=env,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # the block's own children are killed with it
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        started = [line[len(MARKER):] for line in stderr.splitlines() if line.startswith(MARKER)]
        return (f"{started[-1] if started else relative(page)}: this block did not finish "
                f"within {timeout:g} s (blocks must stop on their own)\n"
                f"--- stderr\n{stderr[-3000:]}")
    if process.returncode != 0:
        return (f"{relative(page)}: a block failed\n--- stdout\n{stdout[-3000:]}\n"
                f"--- stderr\n{stderr[-6000:]}")
    return None


@pytest.mark.parametrize("page", _page_params(RUN))
def test_page_runs(page: Path, served_cluster: FakeCluster, tmp_path: Path) -> None:
    """The page's python blocks and CLI lines, in order, against the served cluster."""
    failure = run_page(page, tmp_path)
    if failure:
        pytest.fail(failure, pytrace=False)


@pytest.mark.parametrize("block", _block_params("bash"))
def test_bash_block_holds_only_checked_commands(block: Block) -> None:
    """Install lines name existing extras, pytest lines existing paths; nothing else slips in."""
    try:
        found = commands(block)
    except CommandError as exc:
        pytest.fail(str(exc), pytrace=False)
    assert found, f"{block.where}: a bash block without a command"


@pytest.mark.parametrize("block", _block_params("dotenv"))
def test_dotenv_block_loads(block: Block, tmp_path: Path) -> None:
    env_file = tmp_path / "block.env"
    env_file.write_text(block.code)
    known = {name for field in CamundaSettings.model_fields.values()
             for name in SCRIPT.variables(field.validation_alias)}
    for number, text in block.lines():
        name = text.split("=", 1)[0].removeprefix("export ").strip()
        if name and not name.startswith("#"):
            assert name in known, f"{block.path.name}:{number}: {name} is not a setting"
    try:
        CamundaSettings(load_envfile=str(env_file))
    except Exception as exc:
        pytest.fail(f"{block.where}: the dotenv block does not load: {exc}", pytrace=False)


def test_readme_setup_commands() -> None:
    """The README's two set-up lines: a venv, an install of existing extras, then the demo
    (its ``--help`` runs with the page) or the test suite (which CI runs itself)."""
    bash = [commands(b) for b in blocks(REPO / "README.md") if b.language == "bash"]
    found = [[(c.kind, c.args[:1], c.setup) for c in chain] for chain in bash
             if chain[0].kind == "venv"]
    venv, install = ("venv", (".venv",), True), ("install", ("install",), True)
    assert found == [
        [venv, install, ("cli", ("demo",), True)],
        [venv, install, ("pytest", (), True)],
    ], f"README.md: the two set-up commands changed: {found}"


# ------------------------------------------------------------------------ generated tables


def _generated(page: str) -> tuple[str, str]:
    source, build = SCRIPT.pages()[page]
    text = (REPO / page).read_text()
    return text, SCRIPT.splice(text, build(), source)


@pytest.mark.parametrize("page", ["docs/configuration.md", "docs/errors.md"])
def test_generated_table_is_current(page: str) -> None:
    text, wanted = _generated(page)
    assert text == wanted, f"{page} is out of date: run `python scripts/docs.py`"


def test_migration_table_is_current() -> None:
    if not OPERATIONS_TSV.is_file():
        message = f"the API spec is missing: expected {OPERATIONS_TSV} (or CAMUNDA_SPEC_DIR)"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: the migration table must be checked)",
                        pytrace=False)
        pytest.skip(f"{message}; the migration table is checked against ../shared/spec")
    text, wanted = _generated("docs/migration.md")
    assert text == wanted, "docs/migration.md is out of date: run `python scripts/docs.py`"


# ----------------------------------------------------------------------------------- links


def test_index_links_every_page() -> None:
    index = DOCS / "index.md"
    linked = {(DOCS / target.split("#", 1)[0]).resolve() for _, target in links(index)}
    missing = [page.name for page in sorted(DOCS.glob("*.md"))
               if page != index and page.resolve() not in linked]
    assert not missing, f"docs/index.md does not link {missing}"


@pytest.mark.parametrize("page", [pytest.param(p, id=relative(p)) for p in pages()])
def test_relative_links_resolve(page: Path) -> None:
    broken: list[str] = []
    for number, target in links(page):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path_part, _, anchor = target.partition("#")
        destination = (page.parent / path_part).resolve() if path_part else page
        if not destination.exists():
            broken.append(f"{relative(page)}:{number}: {target} (no such file)")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            broken.append(f"{relative(page)}:{number}: {target} (no such heading)")
    assert not broken, "broken links:\n" + "\n".join(broken)
