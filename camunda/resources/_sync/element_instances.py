# Derived by scripts/unasync.py from _async/element_instances.py; do not edit.
"""The ``element_instances`` resource group: find element instances, set their variables,
and activate the elements of ad-hoc sub-processes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.element_instances import (
    ActivateAdHocActivitiesRequest,
    AdHocActivityReference,
    ElementInstance,
    ElementInstanceFilter,
    ElementInstanceSearchRequest,
    ElementInstanceSortField,
    SetVariablesRequest,
)
from camunda.models.incidents import (
    Incident,
    IncidentFilter,
    IncidentSearchRequest,
    IncidentSortField,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, ElementInstanceKey, NotGiven

__all__ = ["ElementInstances"]

_GET = Operation(
    "GET", "/element-instances/{elementInstanceKey}", "getElementInstance", returns=ElementInstance
)
_SEARCH = Operation(
    "POST",
    "/element-instances/search",
    "searchElementInstances",
    body=ElementInstanceSearchRequest,
    returns=ElementInstance,
    paged=True,
)
_SEARCH_INCIDENTS = Operation(
    "POST",
    "/element-instances/{elementInstanceKey}/incidents/search",
    "searchElementInstanceIncidents",
    body=IncidentSearchRequest,
    returns=Incident,
    paged=True,
)
_SET_VARIABLES = Operation(
    "PUT",
    "/element-instances/{elementInstanceKey}/variables",
    "createElementInstanceVariables",
    body=SetVariablesRequest,
    returns=NoneType,
)
_ACTIVATE_AD_HOC_ACTIVITIES = Operation(
    "POST",
    "/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation",
    "activateAdHocSubProcessActivities",
    body=ActivateAdHocActivitiesRequest,
    returns=NoneType,
)


class ElementInstances(APIResource):
    """Element instances: the runs of single BPMN elements inside process instances."""

    __slots__ = ()

    @endpoint(_GET)
    def get(self, element_instance_key: ElementInstanceKey) -> ElementInstance:
        """An element instance by its key.

        ``GET /element-instances/{elementInstanceKey}`` (getElementInstance)

        Args:
            element_instance_key: the key of the element instance.
        """
        return self._transport.request(_GET, locals())

    @endpoint(_SEARCH)
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

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())

    @endpoint(_SEARCH_INCIDENTS)
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

        Args:
            element_instance_key: the key of the element instance.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH_INCIDENTS, locals())

    @endpoint(_SET_VARIABLES)
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

        Args:
            element_instance_key: the key of the element instance.
            variables: the variables to set, as a JSON object.
            local: set the variables on this element instance only, not propagated to outer scopes.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return self._transport.request(_SET_VARIABLES, locals())

    @endpoint(_ACTIVATE_AD_HOC_ACTIVITIES)
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

        Args:
            ad_hoc_sub_process_instance_key: the key of the ad-hoc sub-process instance.
            elements: the activities to activate, each with an ``element_id`` and optional
                variables.
            cancel_remaining_instances: cancel the activities still running in the sub-process.
        """
        return self._transport.request(_ACTIVATE_AD_HOC_ACTIVITIES, locals())
