#!/usr/bin/env python3
"""Derive the sync twin of the async sources (after httpcore's ``scripts/unasync.py``).

    python scripts/unasync.py           # rewrite the sync files
    python scripts/unasync.py --check   # fail if a sync file is out of date (CI)

Async code is the source; the sync files are never edited by hand. Each rule below is a
whole-word rewrite; ruff then sorts imports, drops those the sync code no longer uses and
formats the result.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (async source, sync target): single files and whole directories.
PAIRS = [
    ("camunda/_transport/_async.py", "camunda/_transport/_sync.py"),
    ("camunda/resources/_async", "camunda/resources/_sync"),
]

RULES = [
    # Async-only code (the async client's close(), an alias of aclose()) between marker
    # comments: dropped from the sync twin.
    (r"(?s)^[ \t]*# async only\b.*?^[ \t]*# end async only\n\n?", ""),
    # Sync-only lines, written as "# sync only: <code>" comments in the async source.
    (r"^([ \t]*)# sync only: ", r"\1"),
    (r"\basync def\b", "def"),
    (r"\bawait ", ""),
    (r"\basync for\b", "for"),
    (r"\basync with\b", "with"),
    (r"\basynccontextmanager\b", "contextmanager"),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bAsyncGenerator\b", "Generator"),
    (r"\bAsyncIterable\b", "Iterable"),
    (r"\bAwaitable\[([^\]]+)\]", r"\1"),
    (r"\bCamundaAsyncClient\b", "CamundaClient"),
    (r"\bAsyncRetrying\b", "Retrying"),
    (r"\bAsync([A-Z]\w*)", r"\1"),
    (r"\._async\b", "._sync"),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\b__aiter__\b", "__iter__"),
    (r"\baclose\b", "close"),
    (r"\baread\b", "read"),
    (r"\banyio\.sleep\b", "time.sleep"),
    (r"\banyio\.Path\((\w+)\)", r"\1"),
    (r"^import anyio$", "import anyio\nimport time"),
]
_COMPILED = [(re.compile(pattern, re.MULTILINE), repl) for pattern, repl in RULES]


def unasync_text(source: str, origin: str) -> str:
    for pattern, repl in _COMPILED:
        source = pattern.sub(repl, source)
    short = "/".join(origin.split("/")[-2:])
    header = f"# Derived by scripts/unasync.py from {short}; do not edit.\n"
    return _tidy(header + source)


def _tidy(source: str) -> str:
    """Sort imports, drop unused ones and format, as ruff would on a hand-written file."""
    fixed = _ruff(["check", "--fix-only", "--quiet", "--select", "I,F401"], source, ok=(0, 1))
    return _ruff(["format", "--quiet"], fixed, ok=(0,))


def _ruff(args: list[str], source: str, ok: tuple[int, ...]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--stdin-filename", "generated.py", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode not in ok or not done.stdout:
        raise SystemExit(f"ruff {args[0]} failed: {done.stderr}")
    return done.stdout


def pairs() -> list[tuple[Path, Path]]:
    out: list[tuple[Path, Path]] = []
    for src, dst in PAIRS:
        source, target = ROOT / src, ROOT / dst
        if source.is_dir():
            out.extend((path, target / path.name) for path in sorted(source.glob("*.py")))
        else:
            out.append((source, target))
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale: list[str] = []
    expected_targets: set[Path] = set()
    for source, target in pairs():
        expected_targets.add(target)
        wanted = unasync_text(source.read_text(), source.relative_to(ROOT).as_posix())
        current = target.read_text() if target.exists() else ""
        if wanted == current:
            continue
        stale.append(target.relative_to(ROOT).as_posix())
        if check:
            sys.stdout.writelines(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    wanted.splitlines(keepends=True),
                    str(target),
                    f"{target} (derived)",
                    n=1,
                )
            )
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(wanted)
    for _, dst in PAIRS:
        folder = ROOT / dst
        if folder.is_dir():
            for orphan in sorted(set(folder.glob("*.py")) - expected_targets):
                stale.append(orphan.relative_to(ROOT).as_posix())
                if not check:
                    orphan.unlink()
    if check and stale:
        print(f"\nout of date (run python scripts/unasync.py): {', '.join(stale)}")
        return 1
    if stale and not check:
        print(f"rewrote {len(stale)} file(s): {', '.join(stale)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
