"""Models of the ``jobs`` resource group: activation, completion, failure, errors, updates."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from camunda._types import ElementInstanceKey, JobKey, ProcessDefinitionKey, ProcessInstanceKey
from camunda.models._base import Lenient, RequestModel, ResponseModel, WireEnum

__all__ = [
    "ActivateJobsRequest",
    "ActivatedJob",
    "ActivatedJobs",
    "ActivatedUserTask",
    "CompleteJobRequest",
    "FailJobRequest",
    "JobChangeset",
    "JobKind",
    "JobListenerEventType",
    "JobResult",
    "JobResultActivateElement",
    "JobResultAdHocSubProcess",
    "JobResultCorrections",
    "JobResultUserTask",
    "TenantFilter",
    "ThrowJobErrorRequest",
    "UpdateJobRequest",
]


class JobKind(WireEnum):
    """Spec: `JobKindEnum`"""

    BPMN_ELEMENT = "BPMN_ELEMENT"
    EXECUTION_LISTENER = "EXECUTION_LISTENER"
    TASK_LISTENER = "TASK_LISTENER"
    AD_HOC_SUB_PROCESS = "AD_HOC_SUB_PROCESS"


class JobListenerEventType(WireEnum):
    """Spec: `JobListenerEventTypeEnum`"""

    ASSIGNING = "ASSIGNING"
    BEFORE_ALL = "BEFORE_ALL"
    CANCELING = "CANCELING"
    COMPLETING = "COMPLETING"
    CREATING = "CREATING"
    END = "END"
    START = "START"
    UNSPECIFIED = "UNSPECIFIED"
    UPDATING = "UPDATING"


class TenantFilter(WireEnum):
    """Spec: `TenantFilterEnum`"""

    PROVIDED = "PROVIDED"
    ASSIGNED = "ASSIGNED"


class ActivateJobsRequest(RequestModel):
    """Spec: `JobActivationRequest`"""

    type: str
    worker: str | None = None
    timeout: int
    max_jobs_to_activate: int = Field(ge=1)
    fetch_variable: list[str] | None = None
    request_timeout: int | None = None
    tenant_ids: list[str] | None = None
    tenant_filter: TenantFilter | None = None


class ActivatedUserTask(ResponseModel):
    """The user task a task-listener job belongs to.

    Spec: `UserTaskProperties`
    """

    action: str | None = None
    assignee: str | None = None
    candidate_groups: list[str] = Field(default_factory=list[str])
    candidate_users: list[str] = Field(default_factory=list[str])
    changed_attributes: list[str] = Field(default_factory=list[str])
    due_date: str | None = None
    follow_up_date: str | None = None
    form_key: str | None = None
    priority: int | None = None
    user_task_key: str | None = None


class ActivatedJob(ResponseModel):
    """A job handed to a worker, with the variables it asked for.

    Spec: `ActivatedJobResult`
    """

    job_key: JobKey
    type: str
    process_definition_id: str
    process_definition_version: int
    process_definition_key: ProcessDefinitionKey
    process_instance_key: ProcessInstanceKey
    element_id: str
    element_instance_key: ElementInstanceKey
    custom_headers: dict[str, Any] = Field(default_factory=dict[str, Any])
    worker: str
    retries: int
    deadline: int
    """Epoch milliseconds after which the job may be activated by another worker."""
    variables: dict[str, Any] = Field(default_factory=dict[str, Any])
    tenant_id: str
    kind: Lenient[JobKind] = JobKind.BPMN_ELEMENT
    listener_event_type: Lenient[JobListenerEventType] = JobListenerEventType.UNSPECIFIED
    root_process_instance_key: ProcessInstanceKey | None = None
    tags: list[str] = Field(default_factory=list[str])
    user_task: ActivatedUserTask | None = None

    @property
    def deadline_datetime(self) -> datetime:
        """The deadline as an aware UTC datetime."""
        from datetime import timezone

        return datetime.fromtimestamp(self.deadline / 1000, tz=timezone.utc)


class ActivatedJobs(ResponseModel):
    """Spec: `JobActivationResult`"""

    jobs: list[ActivatedJob]


class JobResultCorrections(RequestModel):
    """Corrections a user-task listener applies to its task.

    Spec: `JobResultCorrections`
    """

    assignee: str | None = None
    due_date: datetime | None = None
    follow_up_date: datetime | None = None
    candidate_users: list[str] | None = None
    candidate_groups: list[str] | None = None
    priority: int | None = Field(default=None, ge=0, le=100)


class JobResultUserTask(RequestModel):
    """The result of a user-task listener job: deny the transition or correct the task.

    Spec: `JobResultUserTask`
    """

    type: Literal["userTask"] = "userTask"
    denied: bool | None = None
    denied_reason: str | None = None
    corrections: JobResultCorrections | None = None


class JobResultActivateElement(RequestModel):
    """Spec: `JobResultActivateElement`"""

    element_id: str | None = None
    variables: dict[str, Any] | None = None


class JobResultAdHocSubProcess(RequestModel):
    """The result of an ad-hoc sub-process job: which elements to activate next.

    Spec: `JobResultAdHocSubProcess`
    """

    type: Literal["adHocSubProcess"] = "adHocSubProcess"
    activate_elements: list[JobResultActivateElement] | None = None
    is_completion_condition_fulfilled: bool | None = None
    is_cancel_remaining_instances: bool | None = None


JobResult = Annotated[JobResultUserTask | JobResultAdHocSubProcess, Field(discriminator="type")]
"""Spec: `JobResult`"""


class CompleteJobRequest(RequestModel):
    """Spec: `JobCompletionRequest`"""

    variables: dict[str, Any] | None = None
    result: JobResult | None = None


class FailJobRequest(RequestModel):
    """Spec: `JobFailRequest`"""

    retries: int | None = Field(default=None, ge=0)
    error_message: str | None = None
    retry_back_off: int | None = Field(default=None, ge=0)
    variables: dict[str, Any] | None = None


class ThrowJobErrorRequest(RequestModel):
    """Spec: `JobErrorRequest`"""

    error_code: str = Field(min_length=1)
    error_message: str | None = None
    variables: dict[str, Any] | None = None


class JobChangeset(RequestModel):
    """Spec: `JobChangeset`"""

    retries: int | None = None
    timeout: int | None = None


class UpdateJobRequest(RequestModel):
    """Spec: `JobUpdateRequest`"""

    changeset: JobChangeset
    operation_reference: Annotated[int, Field(ge=1)] | None = None


