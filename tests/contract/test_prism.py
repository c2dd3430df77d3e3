"""Every operation, called through the SDK against Prism with arguments synthesized from the
method's signature and the spec: no request may break the spec, and Prism's example answer
must parse into what the method returns (a page of items for searches).
"""

from __future__ import annotations

import contextlib
import inspect
import json
import types
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

import httpx
import pytest

from camunda import (
    APIStatusError,
    AsyncSearchPage,
    CamundaAsyncClient,
    CamundaClient,
    CamundaSettings,
    SearchPage,
)
from tests.contract.spec import (
    Row,
    Schema,
    declared_operations,
    first_branch,
    operations,
    python_name,
    resolve,
    row_params,
    sample,
)

if TYPE_CHECKING:
    from collections.abc import Generator


class BearerToken(httpx.Auth):
    """A placeholder bearer token, for operations whose spec demands ``BearerAuth``."""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = "Bearer contract-test-token"
        yield request


# Prism speaks plain HTTP on localhost: skip loading the CA bundle (~0.1-0.3 s per client).
NO_TLS = False


def _settings(prism_url: str) -> CamundaSettings:
    return CamundaSettings(rest_address=prism_url, auth_strategy="NONE", max_retries=0)


def _auth(row: Row) -> httpx.Auth | None:
    return BearerToken() if operations()[row.operation_id].needs_bearer() else None


def arguments(row: Row, method: Any) -> tuple[list[Any], dict[str, Any]]:
    """Sample values for the spec's required parameters and body fields (first branch of a
    ``oneOf``) and for whatever else the method requires, by the method's argument names."""
    described = operations()[row.operation_id]
    fields: dict[str, tuple[Schema, bool]] = {
        python_name(p["name"]): (p.get("schema", {}), bool(p.get("required")))
        for p in described.parameters()
    }
    content = described.request_content()
    if content is not None:
        body = first_branch(content[1])
        required = set(body.get("required", ()))
        for wire, schema in body.get("properties", {}).items():
            fields[python_name(wire)] = (schema, wire in required)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, parameter in inspect.signature(method).parameters.items():
        optional = parameter.default is not inspect.Parameter.empty
        if name not in fields:
            assert optional, (
                f"{row.sdk_method} requires {name!r}, which is no parameter or body field of "
                f"{row.operation_id} in the spec"
            )
            continue
        schema, required = fields.pop(name)
        if optional and not required:
            continue
        if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
            args.append(sample(schema))
        else:
            kwargs[name] = sample(schema)
    missing = sorted(name for name, (_, required) in fields.items() if required)
    assert not missing, f"the spec requires {missing}, but {row.sdk_method} takes no such argument"
    return args, kwargs


def conforms(value: Any, expected: Any) -> bool:
    """Whether ``value`` is an instance of the type expression ``expected``."""
    if expected is type(None):
        return value is None
    origin = get_origin(expected)
    if origin is Annotated:
        return conforms(value, get_args(expected)[0])
    if origin is Union or origin is types.UnionType:
        return any(conforms(value, member) for member in get_args(expected))
    if origin is list:
        (item,) = get_args(expected)
        return isinstance(value, list) and all(conforms(v, item) for v in value)  # pyright: ignore[reportUnknownVariableType]
    if origin is dict:
        return isinstance(value, dict)
    return isinstance(value, origin or expected)


def check_answer(row: Row, method: Any, result: Any, page_type: type) -> None:
    (op,) = declared_operations(method, row.operation_id).values()
    if op.paged:
        assert isinstance(result, page_type), f"a search returns a {page_type.__name__}"
        values = result.items
    else:
        values = [result]
    for value in values:
        assert conforms(value, op.returns), (
            f"{row.sdk_method} returned {type(value).__name__}, expected {op.returns}"
        )


def violations(row: Row, error: APIStatusError, answers: list[httpx.Response]) -> str:
    """What Prism said about the request: ``sl-violations`` (400) or ``validation`` (422)."""
    lines = [f"{row.sdk_method} ({row.operation_id}) was rejected: {error}"]
    for answer in answers:
        lines.append(f"  {answer.request.method} {answer.request.url} -> {answer.status_code}")
        found: list[Any] = json.loads(answer.headers.get("sl-violations", "[]"))
        if answer.status_code == 422:
            with contextlib.suppress(ValueError):
                found += answer.json().get("validation", [])
        lines.extend(
            f"    - {'.'.join(map(str, v.get('location', ())))}: {v.get('message')}" for v in found
        )
        if not found:
            lines.append(f"    body: {answer.text[:500]}")
    return "\n".join(lines)


@pytest.mark.anyio
@pytest.mark.parametrize("row", row_params())
async def test_async_client_against_prism(row: Row, prism_url: str) -> None:
    answers: list[httpx.Response] = []

    async def record(response: httpx.Response) -> None:
        await response.aread()
        answers.append(response)

    async with (
        httpx.AsyncClient(verify=NO_TLS, event_hooks={"response": [record]}) as http,
        CamundaAsyncClient(_settings(prism_url), http_client=http, auth=_auth(row)) as client,
    ):
        method = resolve(client, row.sdk_method)
        args, kwargs = arguments(row, method)
        try:
            result = await method(*args, **kwargs)
        except APIStatusError as error:
            pytest.fail(violations(row, error, answers), pytrace=False)
        check_answer(row, method, result, AsyncSearchPage)


@pytest.mark.parametrize("row", row_params())
def test_sync_client_against_prism(row: Row, prism_url: str) -> None:
    answers: list[httpx.Response] = []

    def record(response: httpx.Response) -> None:
        response.read()
        answers.append(response)

    with (
        httpx.Client(verify=NO_TLS, event_hooks={"response": [record]}) as http,
        CamundaClient(_settings(prism_url), http_client=http, auth=_auth(row)) as client,
    ):
        method = resolve(client, row.sdk_method)
        args, kwargs = arguments(row, method)
        try:
            result = method(*args, **kwargs)
        except APIStatusError as error:
            pytest.fail(violations(row, error, answers), pytrace=False)
        check_answer(row, method, result, SearchPage)
