"""Models of the ``global_task_listeners`` resource group: listeners on every user task."""

from __future__ import annotations

from typing import Literal

from camunda.models._base import Lenient, RequestModel, ResponseModel, WireEnum
from camunda.models.common import (
    EnumFilterProperty,
    IntegerFilterProperty,
    SearchQuery,
    StringFilterProperty,
)

__all__ = [
    "CreateGlobalTaskListenerRequest",
    "GlobalListenerSource",
    "GlobalTaskListener",
    "GlobalTaskListenerEventType",
    "GlobalTaskListenerFilter",
    "GlobalTaskListenerSearchRequest",
    "GlobalTaskListenerSortField",
    "UpdateGlobalTaskListenerRequest",
]


class GlobalTaskListenerEventType(WireEnum):
    """Spec: `GlobalTaskListenerEventTypeEnum`"""

    ALL = "all"
    CREATING = "creating"
    ASSIGNING = "assigning"
    UPDATING = "updating"
    COMPLETING = "completing"
    CANCELING = "canceling"


class GlobalListenerSource(WireEnum):
    """Where a global listener was defined: in the cluster's configuration or via the API.

    Spec: `GlobalListenerSourceEnum`
    """

    CONFIGURATION = "CONFIGURATION"
    API = "API"


class UpdateGlobalTaskListenerRequest(RequestModel):
    """Spec: `UpdateGlobalTaskListenerRequest`"""

    type: str
    event_types: list[GlobalTaskListenerEventType]
    retries: int | None = None
    after_non_global: bool | None = None
    priority: int | None = None


class CreateGlobalTaskListenerRequest(UpdateGlobalTaskListenerRequest):
    """Spec: `CreateGlobalTaskListenerRequest`"""

    id: str


class GlobalTaskListener(ResponseModel):
    """A job type that the cluster runs as a listener on every user task.

    Spec: `GlobalTaskListenerResult`
    """

    id: str
    type: str
    retries: int
    event_types: list[Lenient[GlobalTaskListenerEventType]]
    after_non_global: bool
    priority: int
    source: Lenient[GlobalListenerSource]


class GlobalTaskListenerFilter(RequestModel):
    """Spec: `GlobalTaskListenerSearchQueryFilterRequest`"""

    id: StringFilterProperty | None = None
    type: StringFilterProperty | None = None
    retries: IntegerFilterProperty | None = None
    event_types: list[EnumFilterProperty[GlobalTaskListenerEventType]] | None = None
    after_non_global: bool | None = None
    priority: IntegerFilterProperty | None = None
    source: EnumFilterProperty[GlobalListenerSource] | None = None


GlobalTaskListenerSortField = Literal["id", "type", "afterNonGlobal", "priority", "source"]


class GlobalTaskListenerSearchRequest(
    SearchQuery[GlobalTaskListenerFilter, GlobalTaskListenerSortField]
):
    """Spec: `GlobalTaskListenerSearchQueryRequest`"""
