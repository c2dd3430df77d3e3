# Derived by scripts/unasync.py from _async/element_instances.py; do not edit.
"""The ``element_instances`` resource group: find element instances, set their variables,
and activate the elements of ad-hoc sub-processes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.element_instances import (
    ActivateAdHocActivitiesRequest,
    ElementInstance,
    ElementInstanceSearchRequest,
    SetVariablesRequest,
)
from camunda.models.incidents import Incident, IncidentSearchRequest
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, ElementInstanceKey, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import SearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.element_instances import (
        AdHocActivityReference,
        ElementInstanceFilter,
        ElementInstanceSortField,
    )
    from camunda.models.incidents import IncidentFilter, IncidentSortField

__all__ = ["ElementInstances"]

_GET = Operation("GET", "/element-instances/{elementInstanceKey}", "getElementInstance",
                 returns=ElementInstance)
_SEARCH = Operation("POST", "/element-instances/search", "searchElementInstances",
                    body=ElementInstanceSearchRequest, returns=ElementInstance, paged=True)
_SEARCH_INCIDENTS = Operation(
    "POST", "/element-instances/{elementInstanceKey}/incidents/search",
    "searchElementInstanceIncidents", body=IncidentSearchRequest, returns=Incident, paged=True,
)
_SET_VARIABLES = Operation("PUT", "/element-instances/{elementInstanceKey}/variables",
                           "createElementInstanceVariables", body=SetVariablesRequest,
                           returns=type(None))
_ACTIVATE_AD_HOC_ACTIVITIES = Operation(
    "POST", "/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation",
    "activateAdHocSubProcessActivities", body=ActivateAdHocActivitiesRequest, returns=type(None),
)


class ElementInstances(Resource):
    """Element instances: the runs of single BPMN elements inside process instances."""

    __slots__ = ()

    def get(self, element_instance_key: ElementInstanceKey) -> ElementInstance:
        """An element instance by its key.

        ``GET /element-instances/{elementInstanceKey}`` (getElementInstance)
        """
        return self._transport.request(_GET, locals())

    def search(
        self,
        *,
        filter: ElementInstanceFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[ElementInstanceSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[ElementInstance]:
        """Search element instances; iterating the page walks every page.

        ``POST /element-instances/search`` (searchElementInstances)
        """
        return self._transport.search(_SEARCH, locals())

    def search_incidents(
        self,
        element_instance_key: ElementInstanceKey,
        *,
        filter: IncidentFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[IncidentSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[Incident]:
        """Search the incidents of an element instance and of the elements inside it.

        ``POST /element-instances/{elementInstanceKey}/incidents/search``
        (searchElementInstanceIncidents)
        """
        return self._transport.search(_SEARCH_INCIDENTS, locals())

    def set_variables(
        self,
        element_instance_key: ElementInstanceKey,
        *,
        variables: Mapping[str, Any],
        local: bool | NotGiven = NOT_GIVEN,
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Set variables in the scope of an element instance (or of a process instance,
        passing its key).

        ``PUT /element-instances/{elementInstanceKey}/variables``
        (createElementInstanceVariables)

        By default each variable goes to the nearest scope that already has it (else the
        process instance); ``local=True`` sets all of them in this very scope.
        """
        return self._transport.request(_SET_VARIABLES, locals())

    def activate_ad_hoc_activities(
        self,
        ad_hoc_sub_process_instance_key: ElementInstanceKey,
        *,
        elements: Sequence[AdHocActivityReference | Mapping[str, Any]],
        cancel_remaining_instances: bool | NotGiven = NOT_GIVEN,
    ) -> None:
        """Activate elements of a running ad-hoc sub-process.

        ``POST /element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation``
        (activateAdHocSubProcessActivities)

        ``cancel_remaining_instances=True`` cancels the elements still running in it.
        """
        return self._transport.request(_ACTIVATE_AD_HOC_ACTIVITIES, locals())
