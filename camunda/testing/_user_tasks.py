"""User tasks: search, get, completion, and their routes and wire shape."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda.models.user_tasks import CompleteUserTaskRequest, UserTaskSearchRequest
from camunda.testing._protocol import (
    NO_CONTENT,
    TENANT,
    Call,
    Problem,
    Reply,
    Route,
    getter,
    iso,
    not_found,
    validate,
)
from camunda.testing._search import variables_filter

if TYPE_CHECKING:
    from camunda.testing._engine import Engine
    from camunda.testing._records import FakeUserTask

__all__ = ["ROUTES"]


def search(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    def instance_variables(task: FakeUserTask) -> dict[str, Any] | None:
        instance = engine.instances.get(task.process_instance_key)
        return None if instance is None else instance.variables

    def local_variables(task: FakeUserTask) -> dict[str, Any] | None:
        element = engine.element_instances.get(task.element_instance_key)
        return None if element is None else element.variables

    return engine.search(
        call,
        body,
        UserTaskSearchRequest,
        engine.user_tasks.items.values(),
        wire=_wire,
        key_field="userTaskKey",
        specials={
            "processInstanceVariables": variables_filter(instance_variables),
            "localVariables": variables_filter(local_variables),
        },
    )


def complete(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    request: CompleteUserTaskRequest = validate(CompleteUserTaskRequest, body)
    variables = dict(request.variables or {})
    with engine.lock:
        engine.run_due()
        key = call.params[0]
        task = engine.user_tasks.get(key)
        if task is None or task.state == "COMPLETED":
            raise not_found("User task", key)
        if task.state != "CREATED":
            raise Problem(
                409,
                "INVALID_STATE",
                f"Expected to complete user task '{key}', but it is in state '{task.state}'",
            )
        task.state = "COMPLETED"
        task.variables = variables
        task.completed_ms = engine.now_ms()
        engine.user_tasks.finish(key)
        engine.runtime.user_task_completed(task, variables)
    return NO_CONTENT


def _wire(task: FakeUserTask) -> dict[str, Any]:
    return {
        "userTaskKey": task.key,
        "name": task.name,
        "state": task.state,
        "assignee": task.assignee,
        "elementId": task.element_id,
        "elementInstanceKey": task.element_instance_key,
        "candidateGroups": [],
        "candidateUsers": [],
        "processDefinitionId": task.process_definition_id,
        "processDefinitionKey": task.process_definition_key,
        "processDefinitionVersion": task.process_definition_version,
        "processInstanceKey": task.process_instance_key,
        "rootProcessInstanceKey": task.process_instance_key,
        "processName": None,
        "creationDate": iso(task.created_ms),
        "completionDate": iso(task.completed_ms),
        "followUpDate": None,
        "dueDate": None,
        "tenantId": TENANT,
        "externalFormReference": None,
        "customHeaders": {},
        "priority": 50,
        "formKey": None,
        "tags": [],
    }


get = getter(lambda e: e.user_tasks.get, "User task", _wire)


ROUTES = [
    Route("POST", "/user-tasks/search", "searchUserTasks", search, eventually_consistent=True),
    Route("GET", "/user-tasks/{userTaskKey}", "getUserTask", get, eventually_consistent=True),
    Route("POST", "/user-tasks/{userTaskKey}/completion", "completeUserTask", complete),
]
