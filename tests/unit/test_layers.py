"""The layers talk through their public interfaces: outside ``camunda/_transport/``, no
module imports a private module of the transport (``camunda._transport._<name>``)."""

from __future__ import annotations

import re
from pathlib import Path

import camunda

PACKAGE = Path(camunda.__file__).parent
TRANSPORT = PACKAGE / "_transport"
# ``from camunda._transport._x import ...``, ``import camunda._transport._x``, a relative
# ``from .._transport._x import ...``, or a module path in a string (lazy imports).
PRIVATE_TRANSPORT = re.compile(r"(?:camunda|\.)\._transport\._[a-z]")


def test_no_private_transport_import_outside_the_transport() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if TRANSPORT not in path.parents
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if PRIVATE_TRANSPORT.search(line)
    ]
    assert offenders == []


def test_the_pattern_finds_each_form_of_import() -> None:
    caught = [
        "from camunda._transport._retry import is_retryable",
        "import camunda._transport._auth",
        "from .._transport._request import FileValue",
        '"BackpressureState": "camunda._transport._backpressure",',
    ]
    allowed = ["from camunda._transport import Operation", "self._transport._pools.get()"]
    assert all(PRIVATE_TRANSPORT.search(line) for line in caught)
    assert not any(PRIVATE_TRANSPORT.search(line) for line in allowed)
