"""Hooks around handlers: middleware (before and after each job) and the exception
handler that decides the outcome of an exception a handler did not turn into one.

::

    async def timing(ctx: JobContext, call_next: CallNext) -> object:
        started = time.perf_counter()
        try:
            return await call_next()  # the next middleware, then the handler
        finally:
            ctx.logger.info("took %.3fs", time.perf_counter() - started)

    def incidents_for_bugs(exc: Exception, ctx: JobContext) -> JobFailure | None:
        if isinstance(exc, KeyError):
            return JobFailure(f"bug: {exc!r}", retries=0)  # straight to an incident
        return None  # the default: one retry fewer

    router = JobRouter(middleware=[timing], exception_handler=incidents_for_bugs)

Middleware runs on the event loop for every kind of handler, outermost first (the
worker's, then the router's); ``call_next()`` returns what the handler returned or
raises what it raised (an invalid variables model included), and a middleware may
change either. The exception handler sees every exception except ``JobError`` and
``JobFailure`` (outcomes already): it returns one of them to choose the outcome, or
``None`` for the default; the router's is asked first, then the worker's.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeAlias

import anyio

from camunda.workers._context import JobContext
from camunda.workers._errors import JobError, JobFailure

__all__ = ["CallNext", "ExceptionHandler", "Middleware", "decide", "through"]

logger = logging.getLogger("camunda.workers")

CallNext: TypeAlias = Callable[[], Awaitable[Any]]
"""What a middleware calls to run the rest of the chain and the handler."""
Middleware: TypeAlias = Callable[[JobContext[Any], CallNext], Awaitable[Any]]
"""``async def middleware(ctx, call_next) -> result``."""
Decision: TypeAlias = JobError | JobFailure | None
ExceptionHandler: TypeAlias = Callable[[Exception, JobContext[Any]], Decision | Awaitable[Decision]]
"""``(exc, ctx) -> JobError | JobFailure | None``, sync or async."""


async def through(middleware: Sequence[Middleware], ctx: JobContext[Any], handler: CallNext) -> Any:
    """Run ``handler`` inside ``middleware`` (the first is the outermost)."""
    call = handler
    for layer in reversed(middleware):
        call = functools.partial(layer, ctx, call)
    return await call()


async def decide(
    handlers: Sequence[ExceptionHandler], exc: BaseException, ctx: JobContext[Any]
) -> BaseException:
    """The exception whose outcome the job gets: the first ``JobError`` or ``JobFailure``
    an exception handler returns, else ``exc`` itself. A handler that raises is logged
    and passed over."""
    if isinstance(exc, JobError | JobFailure) or not isinstance(exc, Exception):
        return exc
    for handler in handlers:
        name: str = getattr(handler, "__qualname__", None) or repr(handler)
        try:
            chosen: object = handler(exc, ctx)
            if inspect.isawaitable(chosen):
                chosen = await chosen
        except BaseException as raised:  # SystemExit from its code too: not the worker's
            if isinstance(raised, anyio.get_cancelled_exc_class()):
                raise
            logger.exception(
                "the exception handler %s raised on job %s (%s); passing it over",
                name,
                ctx.job.job_key,
                ctx.job.type,
            )
            continue
        if isinstance(chosen, JobError | JobFailure):
            return chosen
        if chosen is not None:
            logger.error(
                "the exception handler %s returned a %s, not a JobError, JobFailure "
                "or None; passing it over",
                name,
                type(chosen).__name__,
            )
    return exc
