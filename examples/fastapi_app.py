"""An order service: FastAPI routes start order processes and complete approvals, and the
same app runs the process's job workers.

Run it against a cluster (the ``CAMUNDA_*`` variables configure the client)::

    uvicorn fastapi_app:app --app-dir examples

    curl -X POST localhost:8000/orders -H 'content-type: application/json' \\
         -d '{"order_id": "A-1", "amount": 42.5}'
    curl -X POST localhost:8000/tasks/<user task key>/complete \\
         -H 'content-type: application/json' -d '{"approved": true}'
"""

import pathlib
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import FastAPI, Path, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from camunda import NotFoundError
from camunda.integrations.fastapi import CamundaDep, camunda_lifespan, camunda_state
from camunda.models.process_instances import CreatedProcessInstance
from camunda.types import KEY_MAX_LENGTH, KEY_PATTERN, UserTaskKey
from camunda.workers import JobRouter

PROCESS_ID = "order-approval"
BPMN = pathlib.Path(__file__).with_name("fastapi_app.bpmn")
TaskKey = Annotated[UserTaskKey, Path(pattern=KEY_PATTERN.pattern, max_length=KEY_MAX_LENGTH)]


class Order(BaseModel):
    order_id: str
    amount: float = Field(gt=0)


class Check(BaseModel):
    risk: Literal["low", "high"]


class Approval(BaseModel):
    approved: bool


class ApprovedOrder(BaseModel):
    order_id: str
    approved: bool


class Fulfilment(BaseModel):
    status: Literal["shipped", "cancelled"]


# -- job workers: run inside the app, on its client -------------------------------------

jobs = JobRouter()


@jobs.job("check-order")
async def check_order(order: Order) -> Check:
    return Check(risk="high" if order.amount > 1000 else "low")


@jobs.job("fulfil-order")
async def fulfil_order(order: ApprovedOrder) -> Fulfilment:
    return Fulfilment(status="shipped" if order.approved else "cancelled")


# -- the app ----------------------------------------------------------------------------


@asynccontextmanager
async def deploy_process(app: FastAPI) -> AsyncGenerator[None, None]:
    """Deploy the BPMN at startup (the client is open; workers start after this)."""
    camunda = camunda_state(app).client
    await camunda.deployments.create(resources=[BPMN])
    yield


app = FastAPI(lifespan=camunda_lifespan(deploy_process, routers=[jobs]))


@app.post("/orders")
async def create_order(order: Order, camunda: CamundaDep) -> CreatedProcessInstance:
    return await camunda.process_instances.create(
        process_definition_id=PROCESS_ID, variables=order.model_dump()
    )


@app.post("/tasks/{key}/complete", status_code=status.HTTP_204_NO_CONTENT)
async def complete_task(key: TaskKey, approval: Approval, camunda: CamundaDep) -> None:
    await camunda.user_tasks.complete(key, variables=approval.model_dump())


@app.exception_handler(NotFoundError)
async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_404_NOT_FOUND)
