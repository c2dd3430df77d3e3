"""The SDK's spans and metrics through the OpenTelemetry API (the one module that imports it).

* A ``CLIENT`` span per SDK call (``POST /jobs/activation``), with the HTTP semantic
  conventions, the operation id, and one ``retry`` event per attempt after the first; the
  ``traceparent`` header goes with each attempt.
* ``createProcessInstance`` carries the trace context in the process variable
  :data:`~camunda._otel.TRACE_CONTEXT_VARIABLE`; a worker continues that trace.
* A ``CONSUMER`` span per job, child of the context its process carries and linked to the
  span of the activation call that brought it (which names the job type).
* Metrics: per job type the jobs activated, completed, failed, errored and lost, handler
  duration and poll duration; per client the backpressure limit and the permits in use.
  (Call durations are the spans' own.)

With the API installed but no SDK configured every span is a no-op and nothing is added to
the process variables.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from time import perf_counter
from typing import TYPE_CHECKING, Any, Protocol, cast

import httpx
from opentelemetry import context as otel_context
from opentelemetry import metrics, propagate, trace
from opentelemetry.metrics import CallbackOptions, Observation
from opentelemetry.trace import Link, SpanKind, StatusCode

from camunda import __version__
from camunda._exceptions import APIStatusError
from camunda._otel import TRACE_CONTEXT_VARIABLE
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable

    from camunda._transport import BackpressureState, Operation
    from camunda.models.jobs import ActivatedJob

__all__ = ["Call", "Poll", "Telemetry"]

_SCOPE = "camunda-sdk"
# Calls that start process instances: their variables carry the trace context on.
_STARTS_INSTANCES = frozenset({"createProcessInstance"})
_JOB_EVENTS = ("activated", "completed", "failed", "errored", "lost")


class _Gate(Protocol):
    @property
    def state(self) -> BackpressureState: ...


class Call:
    """The span of one SDK call, seen by each of its attempts."""

    __slots__ = ("attempts", "context", "span")

    def __init__(self, span: trace.Span) -> None:
        self.span = span
        self.context = trace.set_span_in_context(span)  # what the attempts propagate
        self.attempts = 0

    def answered(self, response: httpx.Response) -> None:
        self.span.set_attribute("http.response.status_code", response.status_code)


_CALL: ContextVar[Call | None] = ContextVar("camunda_otel_call", default=None)


class Poll:
    """One activation request of a job type: the span of its call, which jobs link to."""

    __slots__ = ("context", "job_type")

    def __init__(self, job_type: str) -> None:
        self.job_type = job_type
        self.context = trace.INVALID_SPAN_CONTEXT  # until the call's span starts


_POLL: ContextVar[Poll | None] = ContextVar("camunda_otel_poll", default=None)


class Telemetry:
    """Spans and instruments of the SDK (by default from the global providers, which may be
    configured after this is built: the API's proxies follow them)."""

    def __init__(
        self,
        tracer_provider: trace.TracerProvider | None = None,
        meter_provider: metrics.MeterProvider | None = None,
    ) -> None:
        self.tracer = trace.get_tracer(_SCOPE, __version__, tracer_provider)
        meter = metrics.get_meter(_SCOPE, __version__, meter_provider)
        self._jobs = {
            kind: meter.create_counter(
                f"camunda.worker.jobs.{kind}",
                unit="{job}",
                description=f"Jobs {kind}, per job type",
            )
            for kind in _JOB_EVENTS
        }
        self._handler_duration = meter.create_histogram(
            "camunda.worker.handler.duration", unit="s", description="Run time of handlers"
        )
        self._poll_duration = meter.create_histogram(
            "camunda.worker.poll.duration",
            unit="s",
            description="Duration of job activation requests (long polls included)",
        )
        self._job_types: dict[str, dict[str, str]] = {}
        self._gates: weakref.WeakKeyDictionary[_Gate, dict[str, str | int]] = (
            weakref.WeakKeyDictionary()
        )
        meter.create_observable_gauge(
            "camunda.client.backpressure.limit",
            [self._observe_limit],
            unit="{request}",
            description="Calls allowed in flight by the backpressure gate (only while capped)",
        )
        meter.create_observable_gauge(
            "camunda.client.backpressure.in_use",
            [self._observe_in_use],
            unit="{request}",
            description="Calls holding a backpressure permit",
        )

    # -- client ------------------------------------------------------------------------

    def watch(self, gate: _Gate, base_url: str) -> Mapping[str, str | int]:
        """Report ``gate`` in the backpressure gauges while it lives; returns the server's
        attributes, which the transport hands to each :meth:`call` (parsed once)."""
        url = httpx.URL(base_url)
        server: dict[str, str | int] = {
            "server.address": url.host,
            "server.port": url.port or (443 if url.scheme == "https" else 80),
        }
        self._gates[gate] = server
        return server

    @contextmanager
    def call(
        self,
        op: Operation[Any],
        args: Mapping[str, Any],
        server: Mapping[str, str | int],
    ) -> Generator[Mapping[str, Any], None, None]:
        """The span of one SDK call to ``server`` (from :meth:`watch`); yields ``args``, with
        the trace context added to the variables of a call that starts a process
        instance."""
        attributes: dict[str, Any] = {
            "http.request.method": op.method,
            "camunda.operation.id": op.operation_id,
            **server,
        }
        poll = _POLL.get()
        if poll is not None:
            attributes["camunda.job.type"] = poll.job_type
        span = self.tracer.start_span(
            f"{op.method} {op.path}", kind=SpanKind.CLIENT, attributes=attributes
        )
        if poll is not None:
            poll.context = span.get_span_context()
        call = Call(span)
        token = _CALL.set(call)
        try:
            yield (
                _with_trace_context(args, call.context)
                if op.operation_id in _STARTS_INSTANCES and span.get_span_context().is_valid
                else args
            )
        except Exception as exc:
            error = str(exc.status_code) if isinstance(exc, APIStatusError) else type(exc).__name__
            span.set_attribute("error.type", error)
            span.set_status(StatusCode.ERROR, error)
            raise
        finally:
            _CALL.reset(token)
            span.end()

    @staticmethod
    def attempt(request: httpx.Request) -> Call | None:
        """Note an attempt of the current call: its URL, a ``retry`` event after the first,
        the ``traceparent`` header. Returns the call, to record the answer on."""
        call = _CALL.get()
        if call is None or not call.span.is_recording():
            return call
        span = call.span
        call.attempts += 1
        if call.attempts == 1:
            url = request.url
            # no user info, no query: neither may carry a secret into a trace
            span.set_attribute(
                "url.full",
                str(url)
                if not (url.query or url.userinfo)
                else str(url.copy_with(username=None, password=None, query=None)),
            )
        else:
            span.set_attribute("http.request.resend_count", call.attempts - 1)
            span.add_event("retry", {"http.request.resend_count": call.attempts - 1})
        propagate.inject(request.headers, call.context)
        return call

    def _observe_limit(self, options: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(state.limit, attributes)
            for state, attributes in self._states()
            if state.limit is not None
        ]

    def _observe_in_use(self, options: CallbackOptions) -> Iterable[Observation]:
        return [Observation(state.in_use, attributes) for state, attributes in self._states()]

    def _states(self) -> list[tuple[BackpressureState, dict[str, str | int]]]:
        return [(gate.state, attributes) for gate, attributes in list(self._gates.items())]

    # -- workers -----------------------------------------------------------------------

    @contextmanager
    def poll(self, job_type: str) -> Generator[Poll, None, None]:
        """One activation request: its call's span gets the job type (and is what the jobs
        link to); records the poll duration."""
        poll = Poll(job_type)
        token = _POLL.set(poll)
        started = perf_counter()
        try:
            yield poll
        finally:
            _POLL.reset(token)
            self._poll_duration.record(perf_counter() - started, self._of_type(job_type))

    @contextmanager
    def job(self, job: ActivatedJob, poll: Poll | None) -> Generator[None, None, None]:
        """The span of one job, child of the trace context its process carries (if any) and
        linked to the poll that activated it; current while the handler runs and the
        outcome is sent."""
        carried = job.variables.pop(TRACE_CONTEXT_VARIABLE, None)  # not the handler's
        # A job without one starts its own trace (not the poll's).
        parent = (
            propagate.extract(cast("dict[str, str]", carried))
            if isinstance(carried, dict)
            else otel_context.Context()
        )
        links = [Link(poll.context)] if poll is not None and poll.context.is_valid else None
        span = self.tracer.start_span(
            f"process {job.type}",
            parent,
            kind=SpanKind.CONSUMER,
            links=links,
            attributes={
                "camunda.job.type": job.type,
                "camunda.job.key": job.job_key,
                "camunda.process_instance.key": job.process_instance_key,
                "camunda.process_definition.id": job.process_definition_id,
                "camunda.element.id": job.element_id,
            },
        )
        token = otel_context.attach(trace.set_span_in_context(span))
        try:
            yield
        finally:
            otel_context.detach(token)
            span.end()

    def jobs_activated(self, job_type: str, count: int) -> None:
        """Count the jobs of one activation answer."""
        self._jobs["activated"].add(count, self._of_type(job_type))

    def job_event(self, kind: str, job_type: str, *, of_current_job: bool) -> None:
        """Count a job's outcome; the outcome of the job whose span is current goes on
        that span."""
        self._jobs[kind].add(1, self._of_type(job_type))
        if of_current_job:
            span = trace.get_current_span()
            span.set_attribute("camunda.job.outcome", kind)
            if kind != "completed":
                span.set_status(StatusCode.ERROR, kind)

    def handler_ran(self, job_type: str, duration: float) -> None:
        self._handler_duration.record(duration, self._of_type(job_type))

    def _of_type(self, job_type: str) -> dict[str, str]:
        """The attributes of a job type's measurements, built once."""
        attributes = self._job_types.get(job_type)
        if attributes is None:
            attributes = self._job_types[job_type] = {"camunda.job.type": job_type}
        return attributes


def _with_trace_context(
    args: Mapping[str, Any],
    context: otel_context.Context,
) -> Mapping[str, Any]:
    """``args`` with ``context`` in the process variables (unless the caller put one
    there)."""
    variables = args.get("variables", NOT_GIVEN)
    if isinstance(variables, NotGiven):
        variables = {}
    elif not isinstance(variables, Mapping) or TRACE_CONTEXT_VARIABLE in variables:
        return args  # theirs, or not variables at all (validation will say so)
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context)
    return {**args, "variables": {**variables, TRACE_CONTEXT_VARIABLE: carrier}}
