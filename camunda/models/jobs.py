"""Models of the ``jobs`` resource group: activation, completion, failure, errors, updates."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from camunda.models._base import (
    Lenient,
    OperationReference,
    RequestModel,
    ResponseModel,
    TaggedRequest,
    WireEnum,
    wire,
)
from camunda.models.common import (
    DateTimeFilterProperty,
    EnumFilterProperty,
    IntegerFilterProperty,
    KeyFilterProperty,
    PageRequest,
    SearchQuery,
    StringFilterProperty,
)
from camunda.types import (
    ElementInstanceKey,
    FormKey,
    JobKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
    UserTaskKey,
)

__all__ = [
    "ActivateJobsRequest",
    "ActivatedJob",
    "ActivatedJobs",
    "ActivatedUserTask",
    "CompleteJobRequest",
    "FailJobRequest",
    "GlobalJobStatistics",
    "Job",
    "JobChangeset",
    "JobErrorStatistics",
    "JobErrorStatisticsFilter",
    "JobErrorStatisticsRequest",
    "JobFilter",
    "JobKind",
    "JobListenerEventType",
    "JobResult",
    "JobResultActivateElement",
    "JobResultAdHocSubProcess",
    "JobResultCorrections",
    "JobResultUserTask",
    "JobSearchRequest",
    "JobSortField",
    "JobState",
    "JobStatusMetric",
    "JobTimeSeriesStatistics",
    "JobTimeSeriesStatisticsFilter",
    "JobTimeSeriesStatisticsRequest",
    "JobTypeStatistics",
    "JobTypeStatisticsFilter",
    "JobTypeStatisticsRequest",
    "JobWorkerStatistics",
    "JobWorkerStatisticsFilter",
    "JobWorkerStatisticsRequest",
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

    action: str
    assignee: str | None = None
    candidate_groups: list[str]
    candidate_users: list[str]
    changed_attributes: list[str]
    due_date: str | None = None
    follow_up_date: str | None = None
    form_key: FormKey | None = None
    priority: int | None = None
    user_task_key: UserTaskKey | None = None


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
    custom_headers: dict[str, Any]
    worker: str
    retries: int
    deadline: int
    """Epoch milliseconds after which the job may be activated by another worker."""
    variables: dict[str, Any]
    tenant_id: str
    kind: Lenient[JobKind]
    listener_event_type: Lenient[JobListenerEventType]
    root_process_instance_key: ProcessInstanceKey | None = None
    tags: list[str]
    user_task: ActivatedUserTask | None = None


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


class JobResultUserTask(TaggedRequest):
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


class JobResultAdHocSubProcess(TaggedRequest):
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
    operation_reference: OperationReference | None = None


# ------------------------------------------------------------------------------ search


class JobState(WireEnum):
    """Spec: `JobStateEnum`"""

    CANCELED = "CANCELED"
    COMPLETED = "COMPLETED"
    CREATED = "CREATED"
    ERROR_THROWN = "ERROR_THROWN"
    FAILED = "FAILED"
    MIGRATED = "MIGRATED"
    RETRIES_UPDATED = "RETRIES_UPDATED"
    TIMED_OUT = "TIMED_OUT"


class Job(ResponseModel):
    """A job as a search finds it: its state and history, not its variables.

    Spec: `JobSearchResult`
    """

    job_key: JobKey
    type: str
    kind: Lenient[JobKind]
    listener_event_type: Lenient[JobListenerEventType]
    state: Lenient[JobState]
    worker: str
    retries: int
    has_failed_with_retries_left: bool
    deadline: datetime | None = None
    creation_time: datetime | None = None
    last_update_time: datetime | None = None
    end_time: datetime | None = None
    error_code: str | None = None
    error_message: str | None = None
    is_denied: bool | None = None
    denied_reason: str | None = None
    custom_headers: dict[str, str]
    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    element_id: str | None = None
    element_instance_key: ElementInstanceKey
    tenant_id: str


class JobFilter(RequestModel):
    """Which jobs a search returns; every field given must match.

    Spec: `JobFilter`
    """

    job_key: KeyFilterProperty[JobKey] | None = None
    type: StringFilterProperty | None = None
    kind: EnumFilterProperty[JobKind] | None = None
    listener_event_type: EnumFilterProperty[JobListenerEventType] | None = None
    state: EnumFilterProperty[JobState] | None = None
    worker: StringFilterProperty | None = None
    retries: IntegerFilterProperty | None = None
    has_failed_with_retries_left: bool | None = None
    deadline: DateTimeFilterProperty | None = None
    creation_time: DateTimeFilterProperty | None = None
    last_update_time: DateTimeFilterProperty | None = None
    end_time: DateTimeFilterProperty | None = None
    error_code: StringFilterProperty | None = None
    error_message: StringFilterProperty | None = None
    is_denied: bool | None = None
    denied_reason: StringFilterProperty | None = None
    process_definition_id: StringFilterProperty | None = None
    process_definition_key: KeyFilterProperty[ProcessDefinitionKey] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    element_id: StringFilterProperty | None = None
    element_instance_key: KeyFilterProperty[ElementInstanceKey] | None = None
    tenant_id: StringFilterProperty | None = None


JobSortField = Literal[
    "deadline",
    "deniedReason",
    "elementId",
    "elementInstanceKey",
    "endTime",
    "errorCode",
    "errorMessage",
    "hasFailedWithRetriesLeft",
    "isDenied",
    "jobKey",
    "kind",
    "listenerEventType",
    "processDefinitionId",
    "processDefinitionKey",
    "processInstanceKey",
    "retries",
    "state",
    "tenantId",
    "type",
    "worker",
]


class JobSearchRequest(SearchQuery[JobFilter, JobSortField]):
    """Spec: `JobSearchQuery`"""


# -------------------------------------------------------------------------- statistics


class JobStatusMetric(ResponseModel):
    """How many jobs reached a status in the time window, and when the last one did.

    Spec: `StatusMetric`
    """

    count: int
    last_updated_at: datetime | None = None


class _StatusCounts(ResponseModel):
    created: JobStatusMetric
    completed: JobStatusMetric
    failed: JobStatusMetric


class GlobalJobStatistics(_StatusCounts):
    """Jobs created, completed and failed in a time window, over the whole cluster.

    ``is_incomplete`` is true when the cluster skipped some counts at its internal limits.

    Spec: `GlobalJobStatisticsQueryResult`
    """

    is_incomplete: bool


class _TimeWindow(RequestModel):
    from_: datetime = wire("from", ...)
    to: datetime


class JobErrorStatisticsFilter(_TimeWindow):
    """Spec: `JobErrorStatisticsFilter`"""

    job_type: str
    error_code: StringFilterProperty | None = None
    error_message: StringFilterProperty | None = None


class JobErrorStatisticsRequest(RequestModel):
    """Spec: `JobErrorStatisticsQuery`"""

    filter: JobErrorStatisticsFilter
    page: PageRequest | None = None


class JobErrorStatistics(ResponseModel):
    """One error of a job type and how many workers reported it.

    Spec: `JobErrorStatisticsItem`
    """

    error_code: str
    error_message: str
    workers: int


class JobTimeSeriesStatisticsFilter(_TimeWindow):
    """``resolution`` is an ISO 8601 duration such as ``"PT1M"``.

    Spec: `JobTimeSeriesStatisticsFilter`
    """

    job_type: str
    resolution: str | None = None


class JobTimeSeriesStatisticsRequest(RequestModel):
    """Spec: `JobTimeSeriesStatisticsQuery`"""

    filter: JobTimeSeriesStatisticsFilter
    page: PageRequest | None = None


class JobTimeSeriesStatistics(_StatusCounts):
    """The counts of one time bucket, which starts at ``time``.

    Spec: `JobTimeSeriesStatisticsItem`
    """

    time: datetime


class JobTypeStatisticsFilter(_TimeWindow):
    """Spec: `JobTypeStatisticsFilter`"""

    job_type: StringFilterProperty | None = None


class JobTypeStatisticsRequest(RequestModel):
    """Spec: `JobTypeStatisticsQuery`"""

    filter: JobTypeStatisticsFilter | None = None
    page: PageRequest | None = None


class JobTypeStatistics(_StatusCounts):
    """The counts of one job type and how many workers handled it.

    Spec: `JobTypeStatisticsItem`
    """

    job_type: str
    workers: int


class JobWorkerStatisticsFilter(_TimeWindow):
    """Spec: `JobWorkerStatisticsFilter`"""

    job_type: str


class JobWorkerStatisticsRequest(RequestModel):
    """Spec: `JobWorkerStatisticsQuery`"""

    filter: JobWorkerStatisticsFilter
    page: PageRequest | None = None


class JobWorkerStatistics(_StatusCounts):
    """The counts of one worker for a job type.

    Spec: `JobWorkerStatisticsItem`
    """

    worker: str
