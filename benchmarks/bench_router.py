"""The router ``camunda worker benchmarks.bench_router:router`` serves in the ``processes``
scenario: jobs of type ``bench``, a no-op async handler."""

from camunda.workers import JobRouter

router = JobRouter()


@router.job("bench", timeout=3600)
async def noop() -> None:
    pass
