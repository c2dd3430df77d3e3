"""Models of the ``signals`` resource group: broadcasting signals."""

from __future__ import annotations

from typing import Any

from camunda.models._base import RequestModel, ResponseModel
from camunda.types import SignalKey

__all__ = ["BroadcastSignalRequest", "SignalBroadcast"]


class BroadcastSignalRequest(RequestModel):
    """Spec: `SignalBroadcastRequest`"""

    signal_name: str
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class SignalBroadcast(ResponseModel):
    """Spec: `SignalBroadcastResult`"""

    signal_key: SignalKey
    tenant_id: str
