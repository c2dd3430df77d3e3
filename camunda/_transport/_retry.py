"""How long to wait before retrying a call: ``Retry-After`` when the server sent one, else
the SDK's backoff curve (``camunda._backoff``) with full jitter.

Which failures are retried at all is the error layer's call:
:func:`camunda._exceptions.is_retryable`.
"""

from __future__ import annotations

import email.utils
import time
from typing import TYPE_CHECKING

from camunda._backoff import full_jitter
from camunda._exceptions import APIStatusError

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

    from camunda._transport._operation import TransportOptions

__all__ = ["backoff_delay", "retry_after"]


def backoff_delay(
    attempt: int, exc: BaseException | None, options: TransportOptions, rand: Callable[[], float]
) -> float:
    """Seconds to sleep before retry ``attempt`` (1-based): Retry-After, else full jitter."""
    if isinstance(exc, APIStatusError) and exc.retry_after is not None:
        return min(exc.retry_after, options.retry_max_delay)
    return full_jitter(attempt, options.retry_initial_delay, options.retry_max_delay, rand)


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
