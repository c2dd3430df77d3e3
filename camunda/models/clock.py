"""Models of the ``clock`` resource group."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator

from camunda.models._base import RequestModel

__all__ = ["PinClockRequest"]


def _epoch_millis(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("the datetime must be timezone-aware")
        return round(value.timestamp() * 1000)
    return value


class PinClockRequest(RequestModel):
    """Spec: `ClockPinRequest`"""

    timestamp: Annotated[int, BeforeValidator(_epoch_millis)]
    """Epoch milliseconds the cluster clock is frozen at (an aware datetime is converted)."""
