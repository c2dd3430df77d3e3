"""The explicit tables over the resource groups: ``GROUPS`` agrees with both clients, every
public method is either an ``@endpoint`` of exactly one operation or a named helper, and
every public signature resolves at runtime (``typing.get_type_hints``)."""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing
from functools import cached_property
from typing import Any

import pytest

from camunda import CamundaAsyncClient, CamundaClient
from camunda._transport import Operation
from camunda.resources import GROUPS, Group, operation_of

HELPERS = {"deploy_files", "open_download"}
"""Public methods that are conveniences over other calls, not operations of their own."""


def _classes(groups: tuple[Group, ...] = GROUPS) -> list[tuple[Group, type, type]]:
    found: list[tuple[Group, type, type]] = []
    for group in groups:
        found.append((group, group.load(), group.load(asynchronous=True)))
        found.extend(_classes(group.children))
    return found


def _methods(cls: type) -> dict[str, Any]:
    return {
        name: value
        for name, value in vars(cls).items()
        if not name.startswith("_") and inspect.isfunction(value)
    }


def _properties(cls: type) -> list[tuple[str, str]]:
    """``(attribute, class name)`` of each group the class creates on first use."""
    return [
        (name, value.func.__annotations__["return"])
        for name, value in vars(cls).items()
        if isinstance(value, cached_property)
    ]


@pytest.mark.parametrize("client", [CamundaClient, CamundaAsyncClient])
def test_groups_agree_with_the_clients(client: type) -> None:
    prefix = "Async" if client is CamundaAsyncClient else ""

    def expected(groups: tuple[Group, ...]) -> list[tuple[str, str]]:
        return [(g.attribute, prefix + g.class_name) for g in groups]

    assert _properties(client) == expected(GROUPS)
    for group, sync, asynchronous in _classes():
        cls = asynchronous if prefix else sync
        assert cls.__name__ == prefix + group.class_name
        assert _properties(cls) == expected(group.children)


def test_every_public_method_is_one_operation_or_a_named_helper() -> None:
    sent: dict[str, list[str]] = {}
    for _, sync, asynchronous in _classes():
        for cls in (sync, asynchronous):
            module = vars(sys.modules[cls.__module__])
            for name, method in _methods(cls).items():
                operation = operation_of(method)
                if name in HELPERS:
                    assert operation is None, f"{cls.__name__}.{name} is a helper"
                    continue
                assert isinstance(operation, Operation), f"{cls.__name__}.{name}: no @endpoint"
                # The body sends the operation the decorator names, and no other.
                named = [
                    module[n]
                    for n in method.__code__.co_names
                    if isinstance(module.get(n), Operation)
                ]
                assert named == [operation], f"{cls.__name__}.{name} sends {named}"
                sent.setdefault(operation.operation_id, []).append(f"{cls.__name__}.{name}")
    assert len(sent) == 184
    assert all(len(methods) == 2 for methods in sent.values()), "one sync + one async each"


def _public_methods() -> list[tuple[str, Any]]:
    found = [
        (f"{client.__name__}.{name}", method)
        for client in (CamundaClient, CamundaAsyncClient)
        for name, method in vars(client).items()
        if inspect.isfunction(method) and (not name.startswith("_") or name == "__init__")
    ]
    for _, sync, asynchronous in _classes():
        for cls in (sync, asynchronous):
            found += [(f"{cls.__name__}.{name}", m) for name, m in _methods(cls).items()]
    return found


def test_every_public_signature_resolves_at_runtime() -> None:
    methods = _public_methods()
    assert len(methods) > 2 * 184
    for name, method in methods:
        hints = typing.get_type_hints(method)
        assert "return" in hints, name
        signature = inspect.signature(method, eval_str=True)
        assert not any(isinstance(p.annotation, str) for p in signature.parameters.values()), name


def test_import_camunda_loads_no_resource_module_or_model() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import camunda"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    imported = [line.rpartition("|")[2].strip() for line in done.stderr.splitlines()]
    assert "camunda" in imported
    assert not [
        m
        for m in imported
        if m.startswith(("camunda.resources", "camunda.models", "pydantic", "httpx"))
    ]
