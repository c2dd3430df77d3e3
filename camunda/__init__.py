"""camunda-sdk: a typed Python SDK for the Camunda 8 Orchestration Cluster REST API.

``import camunda`` is cheap: the clients, settings and errors load on first use, and each
resource group's models load when the group is first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from camunda._version import __version__ as __version__

if TYPE_CHECKING:
    from camunda._exceptions import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadGatewayError,
        BadRequestError,
        CamundaError,
        ClientUsageError,
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
        WaitTimeoutError,
    )
    from camunda._pagination import AsyncSearchPage, SearchPage
    from camunda._settings import BackpressureProfile, CamundaSettings
    from camunda._transport import BackpressureState
    from camunda._wait import wait_for, wait_for_async, wait_for_sync
    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.resources._sync._client import CamundaClient
    from camunda.types import NOT_GIVEN, NotGiven

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncSearchPage",
    "AuthenticationError",
    "BackpressureProfile",
    "BackpressureState",
    "BadGatewayError",
    "BadRequestError",
    "CamundaAsyncClient",
    "CamundaClient",
    "CamundaError",
    "CamundaSettings",
    "ClientUsageError",
    "ConfigurationError",
    "ConflictError",
    "ForbiddenError",
    "GatewayTimeoutError",
    "InternalServerError",
    "InvalidArgumentError",
    "NotFoundError",
    "NotGiven",
    "PreconditionFailedError",
    "SearchPage",
    "ServiceUnavailableError",
    "TooManyRequestsError",
    "UnauthorizedError",
    "WaitTimeoutError",
    "wait_for",
    "wait_for_async",
    "wait_for_sync",
]

_HOMES = {
    "CamundaClient": "camunda.resources._sync._client",
    "CamundaAsyncClient": "camunda.resources._async._client",
    "CamundaSettings": "camunda._settings",
    "BackpressureProfile": "camunda._settings",
    "BackpressureState": "camunda._transport",
    "SearchPage": "camunda._pagination",
    "AsyncSearchPage": "camunda._pagination",
    "NOT_GIVEN": "camunda.types",
    "NotGiven": "camunda.types",
    "wait_for": "camunda._wait",
    "wait_for_async": "camunda._wait",
    "wait_for_sync": "camunda._wait",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None and name in __all__:
        home = "camunda._exceptions"
    if home is None:
        raise AttributeError(f"module 'camunda' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
