"""Every path argument of every operation reaches the server as exactly the one segment the
caller meant, or is refused before anything is sent.

The operations are those of the spec with a path parameter (all of them strings): each is
called through the SDK with each path argument set to values that would otherwise leave
their segment (``..`` would make ``DELETE /roles/admin/users/..`` delete the role), and to
a value that must arrive intact.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from camunda import CamundaClient, CamundaSettings, InvalidArgumentError
from tests.contract.spec import Row, operations, python_name, resolve, row_params
from tests.contract.test_prism import arguments

# Each would reach another path: dot segments (also once percent-decoded), separators,
# control characters.
ESCAPING = (".", "..", "a/..", "../x", "a\\b", "12\n", "x\r\ny", "\x00")
# Must arrive as one segment, decoded back to exactly this.
ODD_BUT_SENDABLE = "a b%2F..;x?y#z&é+@"


def _path_parameters(row: Row) -> list[str]:
    return [
        python_name(p["name"])
        for p in operations()[row.operation_id].parameters()
        if p["in"] == "path"
    ]


def _with_path_rows() -> list[Any]:
    return [
        param
        for param in row_params()
        if param.values[0] is None or _path_parameters(param.values[0])
    ]


class Recorder:
    def __init__(self) -> None:
        self.sent: list[httpx.Request] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return httpx.Response(599)  # any answer: only what was sent is checked


def _client(recorder: Recorder) -> CamundaClient:
    http = httpx.Client(transport=httpx.MockTransport(recorder.handle))
    settings = CamundaSettings(
        rest_address="http://camunda.test", auth_strategy="NONE", max_retries=0
    )
    return CamundaClient(settings, http_client=http)


def _call(method: Any, args: list[Any], kwargs: dict[str, Any]) -> None:
    result = method(*args, **kwargs)
    if hasattr(result, "__enter__"):  # a download opens on entering the block
        with result:
            pass


def _set(
    args: list[Any], kwargs: dict[str, Any], method: Any, name: str, value: str
) -> tuple[list[Any], dict[str, Any]]:
    """The arguments with ``name`` (positional or keyword) set to ``value``."""
    import inspect

    positional = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_ONLY
    ]
    names = [p.name for p in positional]
    if name in names:
        args = list(args)
        args[names.index(name)] = value
        return args, kwargs
    return args, {**kwargs, name: value}


@pytest.mark.parametrize("row", _with_path_rows())
def test_a_path_argument_never_leaves_its_segment(row: Row, spec: dict[str, Any]) -> None:
    recorder = Recorder()
    with _client(recorder) as client:
        method = resolve(client, row.sdk_method)
        args, kwargs = arguments(row, method)
        for name in _path_parameters(row):
            for value in ESCAPING:
                bad_args, bad_kwargs = _set(args, kwargs, method, name, value)
                with pytest.raises(InvalidArgumentError) as caught:
                    _call(method, bad_args, bad_kwargs)
                assert caught.value.fields == (name,), (row.sdk_method, value)
    assert recorder.sent == []  # refused before anything was sent


@pytest.mark.parametrize("row", _with_path_rows())
def test_a_path_argument_arrives_as_exactly_one_segment(row: Row, spec: dict[str, Any]) -> None:
    template = row.path.strip("/").split("/")
    recorder = Recorder()
    with _client(recorder) as client:
        method = resolve(client, row.sdk_method)
        args, kwargs = arguments(row, method)
        for name in _path_parameters(row):
            if name.endswith("_key"):  # keys are numeric; the sample one is sent
                continue
            good_args, good_kwargs = _set(args, kwargs, method, name, ODD_BUT_SENDABLE)
            recorder.sent.clear()
            try:
                _call(method, good_args, good_kwargs)
            except InvalidArgumentError as error:  # a spec pattern may refuse it: fine
                assert name in error.fields, (row.sdk_method, error)
                continue
            except Exception:  # the 599 answer, or a body the recorder never sends back
                pass
            assert recorder.sent, row.sdk_method
            wire = recorder.sent[0].url.raw_path.decode().split("?")[0]
            segments = wire.removeprefix("/v2/").split("/")
            assert len(segments) == len(template), (row.sdk_method, wire)
            position = template.index("{" + _wire_name(row, name) + "}")
            assert unquote(segments[position]) == ODD_BUT_SENDABLE, (row.sdk_method, wire)


def _wire_name(row: Row, name: str) -> str:
    return next(
        p["name"]
        for p in operations()[row.operation_id].parameters()
        if p["in"] == "path" and python_name(p["name"]) == name
    )
