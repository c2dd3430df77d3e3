"""The ``process_instances`` resource group: create, cancel, delete, migrate, modify and
search process instances, singly or as batch operations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any, overload

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.batch_operations import BatchOperationCreated
from camunda.models.common import PageRequest, SortRequest
from camunda.models.incidents import (
    Incident,
    IncidentFilter,
    IncidentSearchRequest,
    IncidentSortField,
)
from camunda.models.process_instances import (
    BatchMoveInstruction,
    CancelProcessInstanceRequest,
    CancelProcessInstancesBatchRequest,
    CreatedProcessInstance,
    CreateProcessInstanceRequest,
    DeleteProcessInstanceRequest,
    DeleteProcessInstancesBatchRequest,
    MigrateProcessInstanceRequest,
    MigrateProcessInstancesBatchRequest,
    MigrationMappingInstruction,
    MigrationPlan,
    ModificationActivateInstruction,
    ModificationMoveInstruction,
    ModifyProcessInstanceRequest,
    ModifyProcessInstancesBatchRequest,
    ProcessInstance,
    ProcessInstanceCallHierarchyEntry,
    ProcessInstanceElementStatistics,
    ProcessInstanceFilter,
    ProcessInstanceSearchRequest,
    ProcessInstanceSequenceFlows,
    ProcessInstanceSortField,
    ResolveIncidentsBatchRequest,
    StartInstruction,
    TerminateByElementId,
    TerminateByElementInstanceKey,
    TerminateInstruction,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven, ProcessDefinitionKey, ProcessInstanceKey

__all__ = ["AsyncProcessInstances"]

_CREATE = Operation(
    "POST",
    "/process-instances",
    "createProcessInstance",
    body=CreateProcessInstanceRequest,
    returns=CreatedProcessInstance,
    server_wait="request_timeout",
    server_wait_when="await_completion",
)
_GET = Operation(
    "GET", "/process-instances/{processInstanceKey}", "getProcessInstance", returns=ProcessInstance
)
_SEARCH = Operation(
    "POST",
    "/process-instances/search",
    "searchProcessInstances",
    body=ProcessInstanceSearchRequest,
    returns=ProcessInstance,
    paged=True,
)
_CANCEL = Operation(
    "POST",
    "/process-instances/{processInstanceKey}/cancellation",
    "cancelProcessInstance",
    body=CancelProcessInstanceRequest,
    returns=NoneType,
)
_DELETE = Operation(
    "POST",
    "/process-instances/{processInstanceKey}/deletion",
    "deleteProcessInstance",
    body=DeleteProcessInstanceRequest,
    returns=NoneType,
)
_MIGRATE = Operation(
    "POST",
    "/process-instances/{processInstanceKey}/migration",
    "migrateProcessInstance",
    body=MigrateProcessInstanceRequest,
    returns=NoneType,
)
_MODIFY = Operation(
    "POST",
    "/process-instances/{processInstanceKey}/modification",
    "modifyProcessInstance",
    body=ModifyProcessInstanceRequest,
    returns=NoneType,
)
_RESOLVE_INCIDENTS = Operation(
    "POST",
    "/process-instances/{processInstanceKey}/incident-resolution",
    "resolveProcessInstanceIncidents",
    returns=BatchOperationCreated,
)
_GET_CALL_HIERARCHY = Operation(
    "GET",
    "/process-instances/{processInstanceKey}/call-hierarchy",
    "getProcessInstanceCallHierarchy",
    returns=list[ProcessInstanceCallHierarchyEntry],
)
_GET_ELEMENT_STATISTICS = Operation(
    "GET",
    "/process-instances/{processInstanceKey}/statistics/element-instances",
    "getProcessInstanceStatistics",
    returns=ProcessInstanceElementStatistics,
)
_GET_SEQUENCE_FLOWS = Operation(
    "GET",
    "/process-instances/{processInstanceKey}/sequence-flows",
    "getProcessInstanceSequenceFlows",
    returns=ProcessInstanceSequenceFlows,
)
_SEARCH_INCIDENTS = Operation(
    "POST",
    "/process-instances/{processInstanceKey}/incidents/search",
    "searchProcessInstanceIncidents",
    body=IncidentSearchRequest,
    returns=Incident,
    paged=True,
)
_CANCEL_BATCH = Operation(
    "POST",
    "/process-instances/cancellation",
    "cancelProcessInstancesBatchOperation",
    body=CancelProcessInstancesBatchRequest,
    returns=BatchOperationCreated,
)
_DELETE_BATCH = Operation(
    "POST",
    "/process-instances/deletion",
    "deleteProcessInstancesBatchOperation",
    body=DeleteProcessInstancesBatchRequest,
    returns=BatchOperationCreated,
)
_MIGRATE_BATCH = Operation(
    "POST",
    "/process-instances/migration",
    "migrateProcessInstancesBatchOperation",
    body=MigrateProcessInstancesBatchRequest,
    returns=BatchOperationCreated,
)
_MODIFY_BATCH = Operation(
    "POST",
    "/process-instances/modification",
    "modifyProcessInstancesBatchOperation",
    body=ModifyProcessInstancesBatchRequest,
    returns=BatchOperationCreated,
)
_RESOLVE_INCIDENTS_BATCH = Operation(
    "POST",
    "/process-instances/incident-resolution",
    "resolveIncidentsBatchOperation",
    body=ResolveIncidentsBatchRequest,
    returns=BatchOperationCreated,
)


class AsyncProcessInstances(AsyncAPIResource):
    """Process instances: start them, change them while they run, and find them."""

    __slots__ = ()

    @overload
    async def create(
        self,
        *,
        process_definition_key: ProcessDefinitionKey,
        process_definition_version: int | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        start_instructions: Sequence[StartInstruction | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        runtime_instructions: Sequence[TerminateInstruction | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
        operation_reference: int | NotGiven = NOT_GIVEN,
        await_completion: bool | NotGiven = NOT_GIVEN,
        request_timeout: int | NotGiven = NOT_GIVEN,
        fetch_variables: Sequence[str] | NotGiven = NOT_GIVEN,
        tags: Sequence[str] | NotGiven = NOT_GIVEN,
        business_id: str | NotGiven = NOT_GIVEN,
    ) -> CreatedProcessInstance: ...

    @overload
    async def create(
        self,
        *,
        process_definition_id: str,
        process_definition_version: int | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        start_instructions: Sequence[StartInstruction | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        runtime_instructions: Sequence[TerminateInstruction | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
        operation_reference: int | NotGiven = NOT_GIVEN,
        await_completion: bool | NotGiven = NOT_GIVEN,
        request_timeout: int | NotGiven = NOT_GIVEN,
        fetch_variables: Sequence[str] | NotGiven = NOT_GIVEN,
        tags: Sequence[str] | NotGiven = NOT_GIVEN,
        business_id: str | NotGiven = NOT_GIVEN,
    ) -> CreatedProcessInstance: ...

    @endpoint(_CREATE)
    async def create(
        self,
        *,
        process_definition_key: ProcessDefinitionKey | NotGiven = NOT_GIVEN,
        process_definition_id: str | NotGiven = NOT_GIVEN,
        process_definition_version: int | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        start_instructions: Sequence[StartInstruction | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        runtime_instructions: Sequence[TerminateInstruction | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
        operation_reference: int | NotGiven = NOT_GIVEN,
        await_completion: bool | NotGiven = NOT_GIVEN,
        request_timeout: int | NotGiven = NOT_GIVEN,
        fetch_variables: Sequence[str] | NotGiven = NOT_GIVEN,
        tags: Sequence[str] | NotGiven = NOT_GIVEN,
        business_id: str | NotGiven = NOT_GIVEN,
    ) -> CreatedProcessInstance:
        """Start a process instance, by process definition key or by BPMN process id.

        ``POST /process-instances`` (createProcessInstance)

        Give exactly one of ``process_definition_key`` and ``process_definition_id``
        (with ``process_definition_version``, default: the latest). With
        ``await_completion=True`` the call returns when the instance has completed,
        with its variables (``fetch_variables`` limits them); ``request_timeout`` (ms)
        bounds the wait, and the HTTP timeout grows to match.

        Args:
            process_definition_key: the process definition to start (or give
                ``process_definition_id``).
            process_definition_id: the BPMN process id; starts its latest version (or
                ``process_definition_version``).
            process_definition_version: the version to start, with ``process_definition_id``.
            variables: the new instance's variables, as a JSON object.
            start_instructions: elements to start at instead of the process's start event.
            runtime_instructions: instructions applied while the instance runs, e.g. terminate after
                an element.
            tenant_id: the tenant (on clusters with multi-tenancy).
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
            await_completion: wait until the new instance has completed and return its variables.
            request_timeout: how long the cluster may wait before answering, in milliseconds.
            fetch_variables: the variable names to return with ``await_completion`` (default: all).
            tags: labels attached to the instance, to find it later.
            business_id: your own identifier for the instance (e.g. an order number).
        """
        return await self._transport.request(_CREATE, locals())

    @endpoint(_GET)
    async def get(self, process_instance_key: ProcessInstanceKey) -> ProcessInstance:
        """A process instance by its key.

        ``GET /process-instances/{processInstanceKey}`` (getProcessInstance)

        Args:
            process_instance_key: the key of the process instance.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: ProcessInstanceFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[ProcessInstanceSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[ProcessInstance]:
        """Search process instances; iterating the page walks every page.

        ``POST /process-instances/search`` (searchProcessInstances)

        Args:
            filter: criteria the process instances must match, e.g. ``{"state": "ACTIVE"}``.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_CANCEL)
    async def cancel(
        self,
        process_instance_key: ProcessInstanceKey,
        *,
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Cancel a running process instance (and the instances it called).

        ``POST /process-instances/{processInstanceKey}/cancellation`` (cancelProcessInstance)

        Args:
            process_instance_key: the key of the process instance.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_CANCEL, locals())

    @endpoint(_DELETE)
    async def delete(
        self,
        process_instance_key: ProcessInstanceKey,
        *,
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a finished process instance and its history.

        ``POST /process-instances/{processInstanceKey}/deletion`` (deleteProcessInstance)

        Args:
            process_instance_key: the key of the process instance.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_MIGRATE)
    async def migrate(
        self,
        process_instance_key: ProcessInstanceKey,
        *,
        target_process_definition_key: ProcessDefinitionKey,
        mapping_instructions: Sequence[MigrationMappingInstruction | Mapping[str, Any]],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Move a running process instance to another process definition.

        ``POST /process-instances/{processInstanceKey}/migration`` (migrateProcessInstance)

        ``mapping_instructions`` map each active element of the source process to its
        counterpart in the target process.

        Args:
            process_instance_key: the key of the process instance.
            target_process_definition_key: the process definition to migrate to.
            mapping_instructions: pairs of source and target element ids for elements whose ids
                differ.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_MIGRATE, locals())

    @endpoint(_MODIFY)
    async def modify(
        self,
        process_instance_key: ProcessInstanceKey,
        *,
        activate_instructions: Sequence[ModificationActivateInstruction | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        move_instructions: Sequence[ModificationMoveInstruction | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        terminate_instructions: Sequence[
            TerminateByElementId | TerminateByElementInstanceKey | Mapping[str, Any]
        ]
        | NotGiven = NOT_GIVEN,
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Activate, move or terminate elements of a running process instance, in one step.

        ``POST /process-instances/{processInstanceKey}/modification`` (modifyProcessInstance)

        Args:
            process_instance_key: the key of the process instance.
            activate_instructions: elements to activate, each with an ``element_id`` and optional
                variables.
            move_instructions: which element instances to move, and where to.
            terminate_instructions: which element instances to terminate.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_MODIFY, locals())

    @endpoint(_RESOLVE_INCIDENTS)
    async def resolve_incidents(
        self, process_instance_key: ProcessInstanceKey
    ) -> BatchOperationCreated:
        """Resolve every incident of a process instance, as a batch operation.

        ``POST /process-instances/{processInstanceKey}/incident-resolution``
        (resolveProcessInstanceIncidents)

        Args:
            process_instance_key: the key of the process instance.
        """
        return await self._transport.request(_RESOLVE_INCIDENTS, locals())

    @endpoint(_GET_CALL_HIERARCHY)
    async def get_call_hierarchy(
        self, process_instance_key: ProcessInstanceKey
    ) -> list[ProcessInstanceCallHierarchyEntry]:
        """The chain of calling process instances, from the root down to this one.

        ``GET /process-instances/{processInstanceKey}/call-hierarchy``
        (getProcessInstanceCallHierarchy)

        Args:
            process_instance_key: the key of the process instance.
        """
        return await self._transport.request(_GET_CALL_HIERARCHY, locals())

    @endpoint(_GET_ELEMENT_STATISTICS)
    async def get_element_statistics(
        self, process_instance_key: ProcessInstanceKey
    ) -> ProcessInstanceElementStatistics:
        """Per BPMN element, how many of its instances are active, completed, canceled or
        have an incident in this process instance.

        ``GET /process-instances/{processInstanceKey}/statistics/element-instances``
        (getProcessInstanceStatistics)

        Args:
            process_instance_key: the key of the process instance.
        """
        return await self._transport.request(_GET_ELEMENT_STATISTICS, locals())

    @endpoint(_GET_SEQUENCE_FLOWS)
    async def get_sequence_flows(
        self, process_instance_key: ProcessInstanceKey
    ) -> ProcessInstanceSequenceFlows:
        """The sequence flows this process instance has taken.

        ``GET /process-instances/{processInstanceKey}/sequence-flows``
        (getProcessInstanceSequenceFlows)

        Args:
            process_instance_key: the key of the process instance.
        """
        return await self._transport.request(_GET_SEQUENCE_FLOWS, locals())

    @endpoint(_SEARCH_INCIDENTS)
    async def search_incidents(
        self,
        process_instance_key: ProcessInstanceKey,
        *,
        filter: IncidentFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[IncidentSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Incident]:
        """Search the incidents of a process instance (and of the instances it called).

        ``POST /process-instances/{processInstanceKey}/incidents/search``
        (searchProcessInstanceIncidents)

        Args:
            process_instance_key: the key of the process instance.
            filter: criteria the incidents must match (fields as in the incident search's filter).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_INCIDENTS, locals())

    @endpoint(_CANCEL_BATCH)
    async def cancel_batch(
        self,
        *,
        filter: ProcessInstanceFilter | Mapping[str, Any],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> BatchOperationCreated:
        """Cancel every process instance matching ``filter``, as a batch operation.

        ``POST /process-instances/cancellation`` (cancelProcessInstancesBatchOperation)

        Args:
            filter: which items the batch operation acts on (criteria as in the search's filter).
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_CANCEL_BATCH, locals())

    @endpoint(_DELETE_BATCH)
    async def delete_batch(
        self,
        *,
        filter: ProcessInstanceFilter | Mapping[str, Any],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> BatchOperationCreated:
        """Delete every finished process instance matching ``filter``, as a batch operation.

        ``POST /process-instances/deletion`` (deleteProcessInstancesBatchOperation)

        Args:
            filter: which items the batch operation acts on (criteria as in the search's filter).
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_DELETE_BATCH, locals())

    @endpoint(_MIGRATE_BATCH)
    async def migrate_batch(
        self,
        *,
        filter: ProcessInstanceFilter | Mapping[str, Any],
        migration_plan: MigrationPlan | Mapping[str, Any],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> BatchOperationCreated:
        """Migrate every process instance matching ``filter``, as a batch operation.

        ``POST /process-instances/migration`` (migrateProcessInstancesBatchOperation)

        Args:
            filter: which items the batch operation acts on (criteria as in the search's filter).
            migration_plan: the target process definition and the element id mappings.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_MIGRATE_BATCH, locals())

    @endpoint(_MODIFY_BATCH)
    async def modify_batch(
        self,
        *,
        filter: ProcessInstanceFilter | Mapping[str, Any],
        move_instructions: Sequence[BatchMoveInstruction | Mapping[str, Any]],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> BatchOperationCreated:
        """Move element instances in every process instance matching ``filter``, as a
        batch operation.

        ``POST /process-instances/modification`` (modifyProcessInstancesBatchOperation)

        Args:
            filter: which items the batch operation acts on (criteria as in the search's filter).
            move_instructions: which element instances to move, and where to.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_MODIFY_BATCH, locals())

    @endpoint(_RESOLVE_INCIDENTS_BATCH)
    async def resolve_incidents_batch(
        self,
        *,
        filter: ProcessInstanceFilter | Mapping[str, Any],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> BatchOperationCreated:
        """Resolve the incidents of every process instance matching ``filter``, as a batch
        operation.

        ``POST /process-instances/incident-resolution`` (resolveIncidentsBatchOperation)

        Args:
            filter: which items the batch operation acts on (criteria as in the search's filter).
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_RESOLVE_INCIDENTS_BATCH, locals())
