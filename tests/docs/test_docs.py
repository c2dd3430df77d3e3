"""The docs run: every code block of README.md and docs/*.md, and the generated tables.

The convention (the brief every author follows):

* ```python blocks run in order, one namespace per page, in a subprocess whose environment
  has CAMUNDA_REST_ADDRESS pointing at a fake cluster served on loopback (no auth);
* every python and bash block also runs ALONE, as a reader copies it: in a fresh
  interpreter, an empty directory, against a fresh served cluster of its own (so it needs
  no earlier block, and runs again on a second try); a block with ``test_`` functions also
  passes under pytest as a test file;
* ```bash blocks: ``camunda ...`` lines run through the real CLI against that cluster,
  interleaved with the python blocks in page order; see ``commands.py`` for the other
  lines allowed;
* ```dotenv blocks load through ``CamundaSettings`` (CAMUNDA_LOAD_ENVFILE) and may only name
  known variables;
* ```text, ```json and ```console blocks are samples; any other fence language fails.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.util import module_from_spec, spec_from_file_location
from typing import TYPE_CHECKING, Any

import pytest

from camunda import CamundaSettings
from camunda.testing import FakeCluster
from tests.conftest import is_setting
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
BLOCK_TIMEOUT = 60.0
# Blocks run alone at once: on 2 cores, a third overlaps the others' waits on the cluster.
ALONE_IN_PARALLEL = 3
DOCS = REPO / "docs"


def _script() -> Any:
    spec = spec_from_file_location("docs_script", REPO / "scripts" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def _page_params(languages: frozenset[str]) -> list[Any]:
    return [
        pytest.param(page, id=relative(page))
        for page in pages()
        if any(block.language in languages for block in blocks(page))
    ]


def _block_params(*languages: str) -> list[Any]:
    return [
        pytest.param(block, id=block.where)
        for page in pages()
        for block in blocks(page)
        if block.language in languages
    ]


@pytest.fixture
def served_cluster(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCluster]:
    """A fake cluster on loopback; CAMUNDA_REST_ADDRESS points at it."""
    with FakeCluster() as cluster, cluster.serve() as url:
        monkeypatch.setenv("CAMUNDA_REST_ADDRESS", url)
        yield cluster


# ----------------------------------------------------------------------------- code blocks


@pytest.mark.parametrize("page", [pytest.param(p, id=relative(p)) for p in pages()])
def test_every_fence_has_a_known_language(page: Path) -> None:
    unknown = [
        f"{b.where}: ```{b.language or '(no language)'}"
        for b in blocks(page)
        if b.language not in RUN | CHECKED | SAMPLES
    ]
    assert not unknown, (
        "code blocks in a language the docs tests do not know (use python, bash or dotenv "
        "for code, text/json/console for samples):\n" + "\n".join(unknown)
    )


def run_page(
    page: Path,
    cwd: Path,
    timeout: float = PAGE_TIMEOUT,
    *,
    line: int | None = None,
    address: str | None = None,
) -> str | None:
    """Run the page's python blocks and CLI lines (or only the block whose code starts at
    ``line``) in a subprocess; the failure, if any. ``address`` is the cluster's
    CAMUNDA_REST_ADDRESS (default: the one in the environment)."""
    env = {name: value for name, value in os.environ.items() if not is_setting(name)}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    env["CAMUNDA_REST_ADDRESS"] = address or os.environ.get("CAMUNDA_REST_ADDRESS", "")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.docs.run_page",
            str(page),
            *([] if line is None else [str(line)]),
        ],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the block's own children are killed with it
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        started = [line[len(MARKER) :] for line in stderr.splitlines() if line.startswith(MARKER)]
        return (
            f"{started[-1] if started else relative(page)}: this block did not finish "
            f"within {timeout:g} s (blocks must stop on their own)\n"
            f"--- stderr\n{stderr[-3000:]}"
        )
    if process.returncode != 0:
        return (
            f"{relative(page)}: a block failed\n--- stdout\n{stdout[-3000:]}\n"
            f"--- stderr\n{stderr[-6000:]}"
        )
    return None


@pytest.mark.parametrize("page", _page_params(RUN))
def test_page_runs(page: Path, served_cluster: FakeCluster, tmp_path: Path) -> None:
    """The page's python blocks and CLI lines, in order, against the served cluster."""
    failure = run_page(page, tmp_path)
    if failure:
        pytest.fail(failure, pytrace=False)


def run_alone(block: Block, folder: Path) -> str | None:
    """Run one block alone, as a reader who copies it would: a fresh interpreter, an empty
    working directory and a fresh cluster served for it alone."""
    folder.mkdir(parents=True, exist_ok=True)
    with FakeCluster() as cluster, cluster.serve() as url:
        return run_page(block.path, folder, BLOCK_TIMEOUT, line=block.line, address=url)


@pytest.fixture(scope="module")
def alone_failures(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str | None]:
    """Every selected block run alone, ``ALONE_IN_PARALLEL`` at a time: where -> failure.

    Run together (not one per test) so the interpreters start in parallel; each test then
    reports its own block.
    """
    chosen: list[Block] = [
        item.callspec.params["block"]
        for item in request.session.items
        if isinstance(item, pytest.Function) and item.originalname == "test_block_runs_alone"
    ]
    root = tmp_path_factory.mktemp("alone")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=ALONE_IN_PARALLEL) as pool:
        failures = dict(
            zip(
                [block.where for block in chosen],
                pool.map(lambda pair: run_alone(pair[1], root / str(pair[0])), enumerate(chosen)),
                strict=True,
            )
        )
    print(
        f"\n{len(chosen)} docs blocks run alone in {time.monotonic() - started:.1f} s "
        f"({ALONE_IN_PARALLEL} at a time)"
    )
    return failures


@pytest.mark.parametrize("block", _block_params(*RUN))
def test_block_runs_alone(block: Block, alone_failures: dict[str, str | None]) -> None:
    """The block copied alone into a fresh interpreter runs against a fresh served cluster:
    it needs no name, file or cluster state from an earlier block."""
    failure = alone_failures[block.where]
    if failure:
        pytest.fail(f"run alone, {failure}", pytrace=False)


_TEST_FUNCTION = re.compile(r"^(?:async )?def test_\w+\(", re.MULTILINE)


@pytest.mark.parametrize(
    "block",
    [param for param in _block_params("python") if _TEST_FUNCTION.search(param.values[0].code)],
)
def test_pytest_block_passes_under_pytest(block: Block, tmp_path: Path) -> None:
    """A block that shows tests is a test file as it stands: pytest runs it and its tests
    pass (none skipped, say for a missing async plugin marker)."""
    (tmp_path / "test_block.py").write_text(block.code)
    env = {name: value for name, value in os.environ.items() if not is_setting(name)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", "test_block.py"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT,
        check=False,
    )
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0 or not re.fullmatch(r"\d+ passed in [\d.]+s", summary):
        pytest.fail(
            f"{block.where}: pytest on the block alone: {summary or 'no summary'}\n"
            f"{done.stdout[-3000:]}{done.stderr[-2000:]}",
            pytrace=False,
        )


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
    known = {
        name
        for field in CamundaSettings.model_fields.values()
        for name in SCRIPT.variables(field.validation_alias)
    }
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
    found = [
        [(c.kind, c.args[:1], c.setup) for c in chain] for chain in bash if chain[0].kind == "venv"
    ]
    venv, install = ("venv", (".venv",), True), ("install", ("install",), True)
    assert found == [
        [venv, install, ("cli", ("demo",), True)],
        [venv, install, ("pytest", (), True)],
    ], f"README.md: the two set-up commands changed: {found}"


def test_readme_says_how_to_run_the_contract_tests() -> None:
    """The contract tests skip without the spec in ../shared and Prism: the README says
    where they come from, with the Prism version CI installs."""
    readme = (REPO / "README.md").read_text()
    ci_prism = re.search(r"@stoplight/prism-cli@[\w.]+", (REPO / ".ci" / "run").read_text())
    assert ci_prism is not None, ".ci/run no longer installs Prism"
    for needed in ("../shared", "CAMUNDA_SPEC_DIR", "PRISM_BIN", ci_prism[0], ".ci/run"):
        assert needed in readme, f"README.md does not say {needed!r}"


def test_the_fastapi_extra_brings_the_server_the_example_runs_under() -> None:
    """`pip install 'camunda-sdk[fastapi]'` then the example's `uvicorn ...` command."""
    assert "uvicorn fastapi_app:app" in (REPO / "examples" / "fastapi_app.py").read_text()
    line = re.search(
        r"^fastapi = \[(?P<requirements>.*)\]", (REPO / "pyproject.toml").read_text(), re.MULTILINE
    )
    assert line is not None and "uvicorn" in line["requirements"]


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
            pytest.fail(f"{message} (CI=true: the migration table must be checked)", pytrace=False)
        pytest.skip(f"{message}; the migration table is checked against ../shared/spec")
    text, wanted = _generated("docs/migration.md")
    assert text == wanted, "docs/migration.md is out of date: run `python scripts/docs.py`"


# ----------------------------------------------------------------------------------- links


def test_index_links_every_page() -> None:
    index = DOCS / "index.md"
    linked = {(DOCS / target.split("#", 1)[0]).resolve() for _, target in links(index)}
    missing = [
        page.name
        for page in sorted(DOCS.glob("*.md"))
        if page != index and page.resolve() not in linked
    ]
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
