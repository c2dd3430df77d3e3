"""OpenTelemetry, loaded only where ``opentelemetry-api`` is installed (``camunda-sdk[otel]``).

Nothing here imports it: :func:`telemetry` does, once, when the first client is built, so
``import camunda`` costs the same with or without the extra. All OTel code is in
:mod:`camunda._otel._telemetry`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from camunda._otel._telemetry import Telemetry

__all__ = ["TRACE_CONTEXT_VARIABLE", "telemetry"]

TRACE_CONTEXT_VARIABLE = "_camunda_trace_context"
"""The process variable that carries the trace context from the call that created a process
instance to the workers that run its jobs (see docs/observability.md)."""


@functools.cache
def telemetry() -> Telemetry | None:
    """The SDK's spans and metrics, or ``None`` where OpenTelemetry is not installed."""
    try:
        from camunda._otel._telemetry import Telemetry
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] == "opentelemetry":
            return None
        raise
    return Telemetry()
