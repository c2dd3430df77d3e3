"""Run pyright (strict, the project's configuration) over the typing tests.

One pyright run checks ``tests/typing`` as it is (no errors allowed) and a copy of
``test_public_api.py`` with its ``# pyright: ignore[...]`` comments stripped: that copy
must have an error of the named rule on every ``# NEGATIVE`` line and nowhere else, which
proves the negative checks bite.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
API = HERE / "test_public_api.py"
IGNORE = re.compile(r"\s*# pyright: ignore\[(?P<rule>[A-Za-z]+)\]")


def _negatives(lines: list[str]) -> dict[int, str]:
    """0-based line number of each NEGATIVE line -> the rule it is expected to break."""
    found: dict[int, str] = {}
    for number, line in enumerate(lines):
        match = IGNORE.search(line)
        if "# NEGATIVE" in line:
            assert match is not None, f"line {number + 1} is NEGATIVE but names no rule"
            found[number] = match["rule"]
    return found


def pyright_config(folder: Path, base: Path = ROOT / "pyproject.toml") -> Path:
    """A pyright config: the project's (``base``), resolving imports through the
    environment of the interpreter running the tests, wherever it is (pyproject.toml names
    ``.venv`` at the repository root, which a CI or tox venv elsewhere is not)."""
    config = folder / "pyrightconfig.json"
    prefix = Path(sys.prefix)
    config.write_text(
        json.dumps({"extends": str(base), "venvPath": str(prefix.parent), "venv": prefix.name})
    )
    return config


def pyright_command() -> str:
    """The pyright of the running interpreter's environment, else the one on PATH."""
    executable = Path(sys.executable).parent / "pyright"
    command = str(executable) if executable.exists() else shutil.which("pyright")
    assert command, "pyright is not installed (it is in the dev extra)"
    return command


@pytest.fixture(scope="module")
def pyright_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("typing")
    stripped = folder / "public_api_stripped.py"
    stripped.write_text(IGNORE.sub("", API.read_text()))
    result = subprocess.run(
        [
            pyright_command(),
            "--outputjson",
            "--project",
            str(pyright_config(folder)),
            str(HERE),
            str(stripped),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout)
    return stripped, report["generalDiagnostics"]


def _errors(diagnostics: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    return [
        d
        for d in diagnostics
        if Path(d["file"]).resolve() == path.resolve() and d["severity"] == "error"
    ]


def test_the_typing_tests_are_clean_under_strict_pyright(
    pyright_run: tuple[Path, list[dict[str, Any]]],
) -> None:
    _, diagnostics = pyright_run
    errors = [
        d
        for d in diagnostics
        if d["severity"] == "error" and Path(d["file"]).resolve().is_relative_to(HERE.resolve())
    ]
    assert errors == [], "\n".join(
        f"{Path(d['file']).name}:{d['range']['start']['line'] + 1}: {d['message']}" for d in errors
    )


def test_every_negative_check_is_a_type_error_without_its_ignore(
    pyright_run: tuple[Path, list[dict[str, Any]]],
) -> None:
    stripped, diagnostics = pyright_run
    expected = _negatives(API.read_text().splitlines())
    assert len(expected) >= 8
    found: dict[int, set[str]] = {}
    for error in _errors(diagnostics, stripped):
        found.setdefault(error["range"]["start"]["line"], set()).add(error.get("rule", ""))
    assert sorted(found) == sorted(expected)  # an error on each NEGATIVE line, nowhere else
    for line, rule in expected.items():
        assert rule in found[line], f"line {line + 1}: expected {rule}, got {found[line]}"


def _missing_imports(project: Path, probe: Path) -> list[str]:
    # Without the running venv on PATH (CI puts it there): pyright would otherwise find
    # the packages through the python on PATH, whatever the config says.
    venv_bin = str(Path(sys.prefix) / "bin")
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"PATH": path}
    result = subprocess.run(
        [pyright_command(), "--outputjson", "--project", str(project), str(probe)],
        cwd=probe.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    return [
        d["message"]
        for d in json.loads(result.stdout)["generalDiagnostics"]
        if d.get("rule") == "reportMissingImports"
    ]


def test_pyright_finds_the_packages_without_a_venv_at_the_repository_root(
    tmp_path: Path,
) -> None:
    """A checkout whose venv is elsewhere (CI, tox, a fresh clone): the project's config
    alone cannot resolve the dependencies; the tests' config still does."""
    checkout = tmp_path / "checkout"  # the project's settings, and no .venv beside them
    checkout.mkdir()
    shutil.copy(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    probe = checkout / "probe.py"
    probe.write_text("import httpx\nimport pydantic\n")
    assert _missing_imports(checkout / "pyproject.toml", probe), (
        "the control case resolved its imports without a venv: this test proves nothing"
    )
    assert _missing_imports(pyright_config(tmp_path, checkout / "pyproject.toml"), probe) == []
