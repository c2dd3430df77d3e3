# Derived by scripts/unasync.py from _transport/_async.py; do not edit.
"""The async transport: sends requests built by the sans-I/O core, with tenacity retries
and the adaptive backpressure gate.

The sync twin (``_sync.py``) is derived from this file by ``scripts/unasync.py``.
"""

from __future__ import annotations

import logging
import random
import time
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from camunda import _otel
from camunda._exceptions import APIStatusError, InvalidArgumentError, is_retryable
from camunda._logging import warn_in_event_loop
from camunda._pagination import SearchPage, next_page_arguments, page_offset
from camunda._transport._auth import auth_from_settings
from camunda._transport._backpressure import BackpressureGate
from camunda._transport._operation import (
    Operation,
    TransportOptions,
    options_from_settings,
    server_holds,
    server_wait_timeout,
)
from camunda._transport._pools import Pools
from camunda._transport._request import SDK_HEADERS, RequestParts, build_request_parts
from camunda._transport._response import SEND_ERRORS, parse_response, transport_error
from camunda._transport._retry import backoff_delay
from camunda._transport._tls import ssl_context
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Mapping

    from camunda._settings import CamundaSettings

__all__ = ["Transport"]

logger = logging.getLogger("camunda.transport")

R = TypeVar("R")
T = TypeVar("T")


class Transport:
    """Owns (or borrows) ``httpx.Client`` pools and sends operations through them.

    ``gate`` limits the calls in flight while the cluster signals backpressure; one gate
    and one set of pools (:mod:`camunda._transport._pools`) serve the transport and every
    ``with_options`` copy of it.
    """

    def __init__(
        self,
        settings: CamundaSettings,
        *,
        http_client: httpx.Client | None = None,
        auth: httpx.Auth | None = None,
        options: TransportOptions | None = None,
        gate: BackpressureGate | None = None,
        pools: Pools | None = None,
    ) -> None:
        self.settings = settings
        self.base_url = settings.rest_address
        self.options = options or options_from_settings(settings)
        self.auth: httpx.Auth | None = auth if auth is not None else auth_from_settings(settings)
        # mTLS problems surface here, not on first use; a borrowed pool brings its own TLS.
        self._owns_pools = pools is None  # a with_options copy leaves them to the original
        self._pools = (
            pools
            if pools is not None
            else Pools(
                http_client,
                verify=ssl_context(settings) if http_client is None else None,
                timeout=self.options.timeout,
            )
        )
        # Sent with each request only through a borrowed pool; an owned one carries them.
        self._sdk_headers = SDK_HEADERS if self._pools.borrowed else None
        self.gate = gate if gate is not None else BackpressureGate(settings.backpressure_profile)
        self.telemetry = _otel.telemetry()  # None without OpenTelemetry: no cost at all
        if self.telemetry is not None:
            self._server = self.telemetry.watch(self.gate, self.base_url)
        self._retrying = {
            idempotent: Retrying(
                stop=stop_after_attempt(self.options.max_retries + 1),
                wait=self._wait,
                retry=retry_if_exception(lambda exc, i=idempotent: is_retryable(exc, i)),
                before_sleep=_log_retry,
                sleep=time.sleep,
                reraise=True,
            )
            for idempotent in (False, True)
        }

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Transport:
        """A copy with other timeouts or retries that shares the pool and the auth."""
        options = self.options
        if not isinstance(timeout, NotGiven):
            if not isinstance(timeout, httpx.Timeout) and not timeout > 0:
                raise InvalidArgumentError("timeout must be > 0 seconds", fields=("timeout",))
            new_timeout = (
                timeout
                if isinstance(timeout, httpx.Timeout)
                else httpx.Timeout(
                    timeout, connect=min(timeout, self.options.timeout.connect or timeout)
                )
            )
            options = replace(options, timeout=new_timeout)
        if not isinstance(max_retries, NotGiven):
            if max_retries < 0:
                raise InvalidArgumentError("max_retries must be >= 0", fields=("max_retries",))
            options = replace(options, max_retries=max_retries)
        return Transport(
            self.settings, auth=self.auth, options=options, gate=self.gate, pools=self._pools
        )

    def close(self) -> None:
        """Close the owned pools; from now on every call (of the copies too) raises
        ``ClientUsageError``. Closing a ``with_options`` copy does nothing."""
        if self._owns_pools:
            self._pools.close()

    # -- calls -----------------------------------------------------------------------

    def request(self, op: Operation[R], args: Mapping[str, Any]) -> R:
        """Validate ``args``, send ``op`` with retries, and parse the answer."""
        if self.telemetry is not None:
            with self.telemetry.call(op, args, self._server) as traced:
                return self._request(op, traced)
        return self._request(op, args)

    def _request(self, op: Operation[R], args: Mapping[str, Any]) -> R:
        parts = build_request_parts(op, args, self.base_url, self.settings.tenant_id)
        if parts.files:
            self._read_paths(parts)
        timeout = server_wait_timeout(op, args)
        held = server_holds(op, args)
        return self._with_retries(op, partial(self._call, op, parts, timeout, held))

    def search(self, op: Operation[R], args: Mapping[str, Any]) -> SearchPage[R]:
        """Send a search and wrap the answer in a page that can fetch the following ones."""
        result = self.request(op, args)

        def fetch(position: str | int) -> SearchPage[R]:
            return self.search(op, next_page_arguments(args, position))

        return SearchPage(
            result,  # type: ignore[arg-type]
            fetch,
            offset=page_offset(args),
            operation_id=op.operation_id,
        )

    @contextmanager
    def stream(
        self, op: Operation[Any], args: Mapping[str, Any]
    ) -> Generator[httpx.Response, None]:
        """Send ``op`` and yield the response unread, for downloads that must not be buffered."""
        parts = build_request_parts(op, args, self.base_url, self.settings.tenant_id)
        if self.telemetry is not None:
            with self.telemetry.call(op, args, self._server):
                response = self._with_retries(op, partial(self._open, op, parts))
        else:
            response = self._with_retries(op, partial(self._open, op, parts))
        try:
            yield response  # the caller reads the body here: its failures are mapped too
        except SEND_ERRORS as exc:
            raise transport_error(op, exc) from exc
        finally:
            response.close()

    def _read_paths(self, parts: RequestParts) -> None:
        """Replace file parts given as paths by their content, off the event loop.

        A path that cannot be read raises its ``OSError`` (``FileNotFoundError``, ...),
        which names the path, as ``open()`` would; nothing has been sent then.
        """
        for index, (name, value) in enumerate(parts.files or ()):
            if isinstance(value, Path):
                content = value.read_bytes()
                parts.files[index] = (name, (value.name, content))  # type: ignore[index]

    def _with_retries(self, op: Operation[Any], attempt: Callable[[], T]) -> T:
        """Make the first attempt directly; enter tenacity only after a retryable failure.

        Tenacity is then handed that failure as its attempt 1, so waits, logs and the
        attempt budget are exactly those of running every attempt under it.
        """
        try:
            return attempt()
        except Exception as error:
            if self.options.max_retries == 0 or not is_retryable(error, op.idempotent):
                raise
            made = [error]
        for state in self._retrying[op.idempotent].copy():
            with state:
                if made:  # attempt 1 was made above: tenacity counts it, logs it, waits
                    raise made.pop()
                return attempt()
        raise AssertionError("unreachable")  # pragma: no cover

    def _call(self, op: Operation[R], parts: RequestParts, timeout: float | None, held: bool) -> R:
        """One attempt: send, parse, and tell the gate how the cluster answered."""
        response = self._send(op, parts, timeout, held=held, stream=False)
        return self._settle(op, response)

    def _open(self, op: Operation[Any], parts: RequestParts) -> httpx.Response:
        """One attempt of a download: the response stays open unless it is not a success."""
        response = self._send(op, parts, None, held=False, stream=True)
        if response.status_code >= 300:
            response.read()
            response.close()
            self._settle(op, response)
        else:
            self.gate.record(signal=False)
        return response

    def _settle(self, op: Operation[R], response: httpx.Response) -> R:
        """Parse the answer (or raise its error) and feed the gate with it: backpressure is
        a signal; success and client errors show the cluster coping; other 5xx say nothing."""
        try:
            result = parse_response(op, response)
        except APIStatusError as exc:
            if exc.is_backpressure or exc.status_code < 500:
                self.gate.record(signal=exc.is_backpressure)
            raise
        self.gate.record(signal=False)
        return result

    def _send(
        self,
        op: Operation[Any],
        parts: RequestParts,
        timeout: float | None,
        *,
        held: bool,
        stream: bool,
    ) -> httpx.Response:
        """Send one attempt, holding a backpressure permit while it is in flight.

        Job completion, failure and error calls (``drains``) never wait; a call the server
        holds open (``held``: a long poll, an instance awaited to completion) waits its
        turn but gives the permit back before the server holds it, and uses the pool kept
        for such calls.
        """
        warn_in_event_loop()
        http = self._pools.get(held_open=held)
        try:
            request = http.build_request(
                parts.method,
                parts.url,
                params=parts.params,
                content=parts.content,
                data=parts.data,
                files=parts.files,
                headers=parts.headers
                if self._sdk_headers is None
                else {**self._sdk_headers, **parts.headers},
                timeout=self.options.timeout
                if timeout is None
                else httpx.Timeout(timeout, connect=self.options.timeout.connect),
            )
        except SEND_ERRORS as exc:
            raise transport_error(op, exc, building=True) from exc
        auth = self.auth if self.auth is not None else httpx.USE_CLIENT_DEFAULT
        hold = not (op.drains or held)
        if not op.drains:
            self.gate.acquire()
            if not hold:
                self.gate.release()
        call = self.telemetry.attempt(request) if self.telemetry is not None else None
        try:
            response = http.send(request, auth=auth, stream=stream)
        except SEND_ERRORS as exc:
            raise transport_error(op, exc) from exc
        finally:
            if hold:
                self.gate.release()
        if call is not None:
            call.answered(response)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d (%s)", parts.method, parts.url, response.status_code, op.operation_id
            )
        return response

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        return backoff_delay(state.attempt_number, exc, self.options, random.random)


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome is not None else None
    delay = state.next_action.sleep if state.next_action is not None else 0.0
    logger.info("retrying in %.2fs after attempt %d failed: %s", delay, state.attempt_number, exc)
