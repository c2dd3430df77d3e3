from __future__ import annotations

import json
import pickle
from typing import Any

import httpx
import pytest

import camunda
from camunda import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadGatewayError,
    BadRequestError,
    CamundaError,
    ConfigurationError,
    ConflictError,
    ForbiddenError,
    GatewayTimeoutError,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    PreconditionFailedError,
    ServiceUnavailableError,
    TooManyRequestsError,
    UnauthorizedError,
    _exceptions,
)
from camunda._exceptions import error_for_status
from tests.conftest import BASE
from tests.unit._core import PING, call, close, make_client

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, UnauthorizedError),
        (403, ForbiddenError),
        (404, NotFoundError),
        (409, ConflictError),
        (412, PreconditionFailedError),
        (429, TooManyRequestsError),
        (500, InternalServerError),
        (502, BadGatewayError),
        (503, ServiceUnavailableError),
        (504, GatewayTimeoutError),
        (501, InternalServerError),
        (507, InternalServerError),  # other 5xx
        (405, APIStatusError),
        (422, APIStatusError),  # other 4xx: the base class
    ],
)
def test_status_table(status: int, cls: type[APIStatusError]) -> None:
    err = error_for_status(status, "getThing", b'{"title": "T", "detail": "D"}')
    assert type(err) is cls
    assert err.status_code == status
    assert err.operation_id == "getThing"


def test_the_tree() -> None:
    assert issubclass(APIStatusError, APIError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, APIError)
    assert issubclass(AuthenticationError, APIError)
    assert issubclass(APIResponseValidationError, APIError)
    assert issubclass(APIError, CamundaError)
    assert issubclass(ConfigurationError, ValueError)
    assert issubclass(InvalidArgumentError, ValueError)
    for name in camunda.__all__:
        value = getattr(camunda, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, CamundaError), name


def test_every_error_is_exported_from_the_package() -> None:
    # The two sorted ``__all__`` lists stay literal (pyright and readers see them); this
    # keeps them in step.
    assert set(_exceptions.__all__) <= set(camunda.__all__)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json at all",
        b"<html><body>502 Bad Gateway</body></html>",
        b"[1, 2, 3]",
        b'"just a string"',
        b"null",
        b"{}",
        b'{"title": 5, "detail": ["x"], "status": "five", "instance": {}}',
        b'{"status": true}',
        b'{"detail": "only a detail"}',
        b"\xff\xfe\x00garbage",
        b'{"title": "T", "detail": "D", "extra": {"nested": 1}}',
    ],
)
def test_malformed_problem_bodies_never_crash(body: bytes) -> None:
    err = error_for_status(503, "activateJobs", body)
    assert isinstance(err, ServiceUnavailableError)
    assert err.problem.status == 503
    text = str(err)
    assert text.startswith("503 activateJobs")
    assert err.title is None or isinstance(err.title, str)
    assert err.detail is None or isinstance(err.detail, str)


def test_str_shows_status_operation_title_and_detail() -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "NOT_FOUND",
            "status": 404,
            "detail": "Process instance 42 not found",
            "instance": "/x",
        }
    ).encode()
    err = error_for_status(404, "getProcessInstance", body)
    assert str(err) == "404 getProcessInstance: NOT_FOUND: Process instance 42 not found"
    assert (err.title, err.detail, err.problem.instance) == (
        "NOT_FOUND",
        "Process instance 42 not found",
        "/x",
    )


def test_a_non_json_body_becomes_the_detail() -> None:
    err = error_for_status(502, "getTopology", b"upstream connect error")
    assert str(err) == "502 getTopology: upstream connect error"


def test_a_long_non_json_body_is_cut() -> None:
    err = error_for_status(500, "x", b"a" * 10_000)
    assert len(str(err)) < 600


@pytest.mark.parametrize(
    ("status", "title", "expected"),
    [
        (429, None, True),
        (429, "anything", True),
        (503, "RESOURCE_EXHAUSTED", True),
        (500, "RESOURCE_EXHAUSTED", True),
        (503, "Service Unavailable", False),
        (503, None, False),
        (500, "Internal Server Error", False),
        (502, "RESOURCE_EXHAUSTED", False),
        (400, "RESOURCE_EXHAUSTED", False),
    ],
)
def test_is_backpressure(status: int, title: str | None, expected: bool) -> None:
    body = json.dumps({"title": title} if title else {}).encode()
    assert error_for_status(status, "op", body).is_backpressure is expected


def test_retry_after_is_kept() -> None:
    assert error_for_status(429, "op", b"", retry_after=2.5).retry_after == 2.5


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _client_answering(kind: str, status: int, content: bytes) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content)

    transport = httpx.MockTransport(handler)
    http = (
        httpx.Client(transport=transport)
        if kind == "sync"
        else httpx.AsyncClient(transport=transport)
    )
    return make_client(kind, http_client=http)


@pytest.mark.parametrize("content", [b"[1, 2]", b"not json", b""])
async def test_a_2xx_that_does_not_match_is_a_response_validation_error(
    kind: str, content: bytes
) -> None:
    client = _client_answering(kind, 200, content)
    with pytest.raises(APIResponseValidationError) as info:
        await call(client, PING)
    assert info.value.operation_id == "getPing"
    assert info.value.status_code == 200
    assert "getPing" in str(info.value)
    await close(client)


async def test_a_typed_error_comes_back_from_a_call(kind: str) -> None:
    client = _client_answering(
        kind,
        409,
        json.dumps({"title": "INVALID_STATE", "detail": "already done", "status": 409}).encode(),
    )
    with pytest.raises(ConflictError) as info:
        await call(client, PING)
    assert str(info.value) == "409 getPing: INVALID_STATE: already done"
    await close(client)


def test_base_constant_is_what_the_tests_use() -> None:
    assert BASE.endswith("/v2")


@pytest.mark.parametrize(
    "error",
    [
        error_for_status(
            404,
            "getProcessInstance",
            b'{"title": "NOT_FOUND", "status": 404, "detail": "no such instance"}',
        ),
        error_for_status(429, "createProcessInstance", b"", retry_after=2.0),
        APIConnectionError(
            "refused", operation_id="getTopology", request_sent=False, transient=False
        ),
        InvalidArgumentError("bad key", operation_id="getJob", fields=("job_key",)),
        AuthenticationError("token endpoint refused", transient=True),
        APIResponseValidationError("no match", operation_id="getTopology", content=b"{}"),
    ],
)
def test_errors_survive_pickling(error: CamundaError) -> None:
    # e.g. raised in a process-pool handler and re-raised in the worker's process
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error) and copy.args == error.args
    assert vars(copy) == vars(error)
