"""Every row of ``operations.tsv`` exists on both clients, with twin signatures, a docstring
that names the call, and one module-level ``Operation`` that matches the row and the spec."""

from __future__ import annotations

import importlib.util
import inspect
from typing import TYPE_CHECKING, Any, get_args, get_origin

import anyio
import pytest

from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings
from tests.contract.spec import (
    REPO,
    Row,
    declared_operations,
    merged,
    operations,
    ref_name,
    resolve,
    row_params,
    rows,
    spec_name,
)

if TYPE_CHECKING:
    import re
    from collections.abc import Iterator

pytestmark = pytest.mark.usefixtures("spec")


def _unasync_rules() -> list[tuple[re.Pattern[str], str]]:
    """The rewrite rules of ``scripts/unasync.py``: async annotations map to sync ones."""
    loader = importlib.util.spec_from_file_location("_unasync", REPO / "scripts/unasync.py")
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    return list(module._COMPILED)


_RULES = _unasync_rules()


def _as_sync(annotation: Any) -> str:
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _shape(method: Any) -> tuple[list[tuple[str, Any, Any, str]], str]:
    signature = inspect.signature(method)
    parameters = [
        (p.name, p.kind, p.default, _as_sync(p.annotation)) for p in signature.parameters.values()
    ]
    return parameters, _as_sync(signature.return_annotation)


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[CamundaClient, CamundaAsyncClient]]:
    settings = CamundaSettings(rest_address="http://contract.invalid", auth_strategy="NONE")
    sync, asynchronous = CamundaClient(settings), CamundaAsyncClient(settings)
    yield sync, asynchronous
    sync.close()
    anyio.run(asynchronous.close)


def _methods(row: Row, clients: tuple[CamundaClient, CamundaAsyncClient]) -> tuple[Any, Any]:
    found: list[Any] = []
    for client in clients:
        try:
            found.append(resolve(client, row.sdk_method))
        except (AttributeError, ImportError) as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            continue
        pytest.fail(
            f"{type(client).__name__}.{row.sdk_method} ({row.operation_id}) is missing: {problem}",
            pytrace=False,
        )
    return found[0], found[1]


@pytest.mark.parametrize("row", row_params())
def test_method_exists_on_both_clients_with_twin_signatures(
    row: Row, clients: tuple[CamundaClient, CamundaAsyncClient]
) -> None:
    sync, asynchronous = _methods(row, clients)
    assert callable(sync) and callable(asynchronous)
    assert not inspect.iscoroutinefunction(sync), f"sync {row.sdk_method} is a coroutine"
    assert inspect.iscoroutinefunction(asynchronous) or "Async" in str(
        inspect.signature(asynchronous).return_annotation
    ), f"async {row.sdk_method} neither is a coroutine nor returns an async object"
    assert _shape(asynchronous) == _shape(sync)


@pytest.mark.parametrize("row", row_params())
def test_docstring_names_the_http_call(
    row: Row, clients: tuple[CamundaClient, CamundaAsyncClient]
) -> None:
    wanted = f"``{row.http_method} {row.path}`` ({row.operation_id})"
    for method in _methods(row, clients):
        assert wanted in " ".join((inspect.getdoc(method) or "").split()), (
            f"{method.__qualname__}'s docstring must contain {wanted}"
        )


@pytest.mark.parametrize("row", row_params())
def test_module_level_operation_matches_the_row_and_the_spec(
    row: Row, clients: tuple[CamundaClient, CamundaAsyncClient]
) -> None:
    described = operations()[row.operation_id]
    assert (described.method, described.path) == (row.http_method, row.path), "tsv vs spec"
    for method in _methods(row, clients):
        declared = declared_operations(method, row.operation_id)
        assert len(declared) == 1, (
            f"{method.__func__.__module__} must declare exactly one Operation with operation_id "
            f"{row.operation_id!r}, found {sorted(declared) or 'none'}"
        )
        ((name, op),) = declared.items()
        assert (op.method, op.path) == (row.http_method, row.path)
        assert name in method.__func__.__code__.co_names, (
            f"{method.__qualname__} does not use {name} ({row.operation_id})"
        )


def _model(returns: Any) -> Any:
    """The type the answer parses into, without ``| None`` (an optional 204) or ``list[]``."""
    members = [m for m in get_args(returns) if m is not type(None)]
    if get_origin(returns) is not list and len(members) == 1:
        return _model(members[0])
    return members[0] if get_origin(returns) is list else returns


def _answer_kind(returns: Any, paged: bool) -> str:
    if returns is type(None):
        return "nothing"
    if paged:
        return "page"
    if get_origin(returns) is list:
        return "list"
    kinds = {str: "text", bytes: "binary"}
    return kinds.get(_model(returns), "object")


def _spec_answer(row: Row) -> tuple[str, str | None]:
    """What the spec's success answer is, and the schema that describes the model. Answers
    with ``items`` and ``page`` to requests that take a ``page`` are pages."""
    described = operations()[row.operation_id]
    _, content_type, schema = described.success()
    if content_type is None:
        return "nothing", None
    if content_type.startswith("text/"):
        return "text", None
    if content_type == "application/octet-stream":
        return "binary", None
    shape = merged(schema)
    request = described.request_content()
    pages = request is not None and "page" in merged(request[1]).get("properties", {})
    if pages and {"items", "page"} <= set(shape.get("properties", ())):
        return "page", ref_name(shape["properties"]["items"].get("items", {}))
    if shape.get("type") == "array":
        return "list", ref_name(shape.get("items", {}))
    return "object", ref_name(schema)


@pytest.mark.parametrize("row", row_params())
def test_operation_returns_what_the_spec_answers(
    row: Row, clients: tuple[CamundaClient, CamundaAsyncClient]
) -> None:
    method = _methods(row, clients)[1]
    (op,) = declared_operations(method, row.operation_id).values()
    kind, schema_name = _spec_answer(row)
    assert _answer_kind(op.returns, op.paged) == kind, f"the spec answers a {kind}"
    if schema_name is not None:
        model = _model(op.returns)
        assert spec_name(model) == schema_name, (
            f"{row.operation_id} answers with `{schema_name}`: {model.__qualname__}'s docstring "
            f"must name it (Spec: `{schema_name}`)"
        )


def test_pending_groups_are_groups_of_the_spec() -> None:
    from tests.contract.conftest import PENDING

    groups = {row.group for row in rows()}
    assert groups >= PENDING, f"not groups of operations.tsv: {sorted(PENDING - groups)}"
