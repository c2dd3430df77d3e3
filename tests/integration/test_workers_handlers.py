"""Handlers for the process-pool tests of ``test_workers.py`` (this module holds no tests).

A process handler is pickled by reference and imported again in the worker process, so
it lives at module level in a module that is cheap to import. (No ``from __future__
import annotations`` here: the worker reads the annotations, so they stay real objects.)
"""

import os
from typing import Any

from pydantic import BaseModel, Field

from camunda.models.jobs import ActivatedJob
from camunda.workers import JobError


class Order(BaseModel):
    amount: int
    currency: str = Field(alias="currencyCode")


def double(order: Order) -> dict[str, Any]:
    return {"doubled": order.amount * 2, "pid": os.getpid()}


def refuse(job: ActivatedJob) -> None:
    raise JobError("REFUSED", f"job {job.job_key} refused in a child process")


class Unpicklable(Exception):
    """An exception that cannot cross back from a worker process (it holds a lock)."""

    def __init__(self) -> None:
        super().__init__("holds a lock")
        import threading

        self.lock = threading.Lock()


def raise_unpicklable() -> None:
    raise Unpicklable


def return_unpicklable() -> dict[str, Any]:
    import threading

    return {"lock": threading.Lock()}


def die() -> None:
    os._exit(3)
