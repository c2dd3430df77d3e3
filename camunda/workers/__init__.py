"""Job workers: handlers registered on routers, served by an anyio worker pool.

::

    from camunda.workers import JobContext, JobError, JobRouter, JobWorker

    router = JobRouter()

    @router.job("payment-charge", timeout=120, max_concurrent=16)
    async def charge(order: Order, ctx: JobContext) -> Receipt:
        if order.amount <= 0:
            raise JobError("INVALID_AMOUNT", f"cannot charge {order.amount}")
        return Receipt(...)

    JobWorker(client, routers=[router]).run()

A handler receives what its annotations ask for: the ``ActivatedJob``, a ``JobContext``,
and/or a pydantic model of the job's variables (whose fields are the variables fetched).
Returning a model, a mapping or ``None`` completes the job; ``JobError`` throws a BPMN
error; ``JobFailure`` fails the job as chosen; any other exception fails it with one
retry fewer. Async handlers run on the event loop, sync ones in threads
(``executor="process"``: in a process pool).
"""

from camunda.workers._context import JobContext
from camunda.workers._errors import JobError, JobFailure
from camunda.workers._hooks import CallNext, ExceptionHandler, Middleware
from camunda.workers._metrics import JobEvent, JobTypeMetrics, PollerHealth, WorkerHealth
from camunda.workers._router import JobRouter, JobSpec
from camunda.workers._runner import SHUTDOWN_MESSAGE
from camunda.workers._worker import JobWorker

__all__ = [
    "SHUTDOWN_MESSAGE",
    "CallNext",
    "ExceptionHandler",
    "JobContext",
    "JobError",
    "JobEvent",
    "JobFailure",
    "JobRouter",
    "JobSpec",
    "JobTypeMetrics",
    "JobWorker",
    "Middleware",
    "PollerHealth",
    "WorkerHealth",
]
