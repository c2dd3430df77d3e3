"""The retry policy: which failed attempts may be retried, and how long to wait first.

The rules (STYLE.md, "Retries") are :func:`is_retryable`; the wait is ``Retry-After`` when
the server sent one, else exponential backoff with full jitter (:func:`full_jitter`).
"""

from __future__ import annotations

import email.utils
import time
from typing import TYPE_CHECKING, Final

from camunda._exceptions import APIConnectionError, APIStatusError, AuthenticationError

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

    from camunda._transport._operation import TransportOptions

__all__ = ["backoff_delay", "full_jitter", "is_retryable", "retry_after"]

_IDEMPOTENT_RETRYABLE_STATUS: Final = frozenset({502, 503, 504})


def is_retryable(exc: BaseException, idempotent: bool) -> bool:
    """Whether a failed attempt may be retried (STYLE.md, "Retries").

    Always: backpressure (429; 500/503 titled ``RESOURCE_EXHAUSTED``), connections that
    never carried the request, and an unreachable token endpoint. Idempotent operations
    only: 502, 503, 504 and failures after the request may have been sent (read timeouts).
    Never: other statuses (400, 401, 403, 404, 409, a plain 500, ...) and a TLS
    certificate that failed verification.
    """
    if isinstance(exc, APIStatusError):
        if exc.is_backpressure:
            return True
        return idempotent and exc.status_code in _IDEMPOTENT_RETRYABLE_STATUS
    if isinstance(exc, AuthenticationError):
        return exc.transient
    if isinstance(exc, APIConnectionError):
        return exc.transient and (not exc.request_sent or idempotent)
    return False


def backoff_delay(attempt: int, exc: BaseException | None, options: TransportOptions,
                  rand: Callable[[], float]) -> float:
    """Seconds to sleep before retry ``attempt`` (1-based): Retry-After, else full jitter."""
    if isinstance(exc, APIStatusError) and exc.retry_after is not None:
        return min(exc.retry_after, options.retry_max_delay)
    return full_jitter(attempt, options.retry_initial_delay, options.retry_max_delay, rand)


def full_jitter(attempt: int, initial: float, cap: float, rand: Callable[[], float]) -> float:
    """A uniform delay below ``initial`` doubled per ``attempt`` (1-based), at most ``cap``."""
    return rand() * min(cap, initial * 2 ** (attempt - 1))


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
