"""Models of ``client.identity.authorizations``: who may do what on which resources.

An authorization names its resources either by id (``resource_id``, ``"*"`` for all) or by
a property of the resource (``resource_property_name``); the two request shapes are
:class:`IdBasedAuthorizationRequest` and :class:`PropertyBasedAuthorizationRequest`.
"""

from __future__ import annotations

from typing import Literal

from camunda.models._base import Lenient, RequestModel, ResponseModel, WireEnum
from camunda.models.common import SearchQuery
from camunda.types import AuthorizationKey

__all__ = [
    "Authorization",
    "AuthorizationCreated",
    "AuthorizationFilter",
    "AuthorizationRequest",
    "AuthorizationSearchRequest",
    "AuthorizationSortField",
    "IdBasedAuthorizationRequest",
    "OwnerType",
    "PermissionType",
    "PropertyBasedAuthorizationRequest",
    "ResourceType",
]

AuthorizationSortField = Literal[
    "ownerId", "ownerType", "resourceId", "resourcePropertyName", "resourceType"
]


class OwnerType(WireEnum):
    """Spec: `OwnerTypeEnum`"""

    USER = "USER"
    CLIENT = "CLIENT"
    ROLE = "ROLE"
    GROUP = "GROUP"
    MAPPING_RULE = "MAPPING_RULE"
    UNSPECIFIED = "UNSPECIFIED"


class ResourceType(WireEnum):
    """Spec: `ResourceTypeEnum`"""

    AUDIT_LOG = "AUDIT_LOG"
    AUTHORIZATION = "AUTHORIZATION"
    BATCH = "BATCH"
    CLUSTER_VARIABLE = "CLUSTER_VARIABLE"
    COMPONENT = "COMPONENT"
    DECISION_DEFINITION = "DECISION_DEFINITION"
    DECISION_REQUIREMENTS_DEFINITION = "DECISION_REQUIREMENTS_DEFINITION"
    DOCUMENT = "DOCUMENT"
    EXPRESSION = "EXPRESSION"
    GLOBAL_LISTENER = "GLOBAL_LISTENER"
    GROUP = "GROUP"
    MAPPING_RULE = "MAPPING_RULE"
    MESSAGE = "MESSAGE"
    PROCESS_DEFINITION = "PROCESS_DEFINITION"
    RESOURCE = "RESOURCE"
    ROLE = "ROLE"
    SYSTEM = "SYSTEM"
    TENANT = "TENANT"
    USER = "USER"
    USER_TASK = "USER_TASK"


class PermissionType(WireEnum):
    """Spec: `PermissionTypeEnum`"""

    ACCESS = "ACCESS"
    CANCEL_PROCESS_INSTANCE = "CANCEL_PROCESS_INSTANCE"
    CLAIM = "CLAIM"
    CLAIM_USER_TASK = "CLAIM_USER_TASK"
    COMPLETE = "COMPLETE"
    COMPLETE_USER_TASK = "COMPLETE_USER_TASK"
    CREATE = "CREATE"
    CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE = (
        "CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE"
    )
    CREATE_BATCH_OPERATION_DELETE_DECISION_DEFINITION = (
        "CREATE_BATCH_OPERATION_DELETE_DECISION_DEFINITION"
    )
    CREATE_BATCH_OPERATION_DELETE_DECISION_INSTANCE = (
        "CREATE_BATCH_OPERATION_DELETE_DECISION_INSTANCE"
    )
    CREATE_BATCH_OPERATION_DELETE_PROCESS_DEFINITION = (
        "CREATE_BATCH_OPERATION_DELETE_PROCESS_DEFINITION"
    )
    CREATE_BATCH_OPERATION_DELETE_PROCESS_INSTANCE = (
        "CREATE_BATCH_OPERATION_DELETE_PROCESS_INSTANCE"
    )
    CREATE_BATCH_OPERATION_MIGRATE_PROCESS_INSTANCE = (
        "CREATE_BATCH_OPERATION_MIGRATE_PROCESS_INSTANCE"
    )
    CREATE_BATCH_OPERATION_MODIFY_PROCESS_INSTANCE = (
        "CREATE_BATCH_OPERATION_MODIFY_PROCESS_INSTANCE"
    )
    CREATE_BATCH_OPERATION_RESOLVE_INCIDENT = "CREATE_BATCH_OPERATION_RESOLVE_INCIDENT"
    CREATE_DECISION_INSTANCE = "CREATE_DECISION_INSTANCE"
    CREATE_PROCESS_INSTANCE = "CREATE_PROCESS_INSTANCE"
    CREATE_TASK_LISTENER = "CREATE_TASK_LISTENER"
    DELETE = "DELETE"
    DELETE_DECISION_INSTANCE = "DELETE_DECISION_INSTANCE"
    DELETE_DRD = "DELETE_DRD"
    DELETE_FORM = "DELETE_FORM"
    DELETE_PROCESS = "DELETE_PROCESS"
    DELETE_PROCESS_INSTANCE = "DELETE_PROCESS_INSTANCE"
    DELETE_RESOURCE = "DELETE_RESOURCE"
    DELETE_TASK_LISTENER = "DELETE_TASK_LISTENER"
    EVALUATE = "EVALUATE"
    MODIFY_PROCESS_INSTANCE = "MODIFY_PROCESS_INSTANCE"
    READ = "READ"
    READ_DECISION_DEFINITION = "READ_DECISION_DEFINITION"
    READ_DECISION_INSTANCE = "READ_DECISION_INSTANCE"
    READ_JOB_METRIC = "READ_JOB_METRIC"
    READ_PROCESS_DEFINITION = "READ_PROCESS_DEFINITION"
    READ_PROCESS_INSTANCE = "READ_PROCESS_INSTANCE"
    READ_USAGE_METRIC = "READ_USAGE_METRIC"
    READ_USER_TASK = "READ_USER_TASK"
    READ_TASK_LISTENER = "READ_TASK_LISTENER"
    UPDATE = "UPDATE"
    UPDATE_PROCESS_INSTANCE = "UPDATE_PROCESS_INSTANCE"
    UPDATE_USER_TASK = "UPDATE_USER_TASK"
    UPDATE_TASK_LISTENER = "UPDATE_TASK_LISTENER"


class Authorization(ResponseModel):
    """Permissions an owner holds on resources of one type.

    Exactly one of ``resource_id`` and ``resource_property_name`` is set.

    Spec: `AuthorizationResult`
    """

    authorization_key: AuthorizationKey
    owner_id: str
    owner_type: Lenient[OwnerType]
    resource_type: Lenient[ResourceType]
    resource_id: str | None = None
    resource_property_name: str | None = None
    permission_types: list[Lenient[PermissionType]]


class AuthorizationCreated(ResponseModel):
    """Spec: `AuthorizationCreateResult`"""

    authorization_key: AuthorizationKey


class IdBasedAuthorizationRequest(RequestModel):
    """Permissions on resources named by id (``"*"``: every resource of the type).

    Spec: `AuthorizationIdBasedRequest`
    """

    owner_id: str
    owner_type: OwnerType
    resource_id: str
    resource_type: ResourceType
    permission_types: list[PermissionType]


class PropertyBasedAuthorizationRequest(RequestModel):
    """Permissions on resources selected by one of their properties (e.g. ``assignee``).

    Spec: `AuthorizationPropertyBasedRequest`
    """

    owner_id: str
    owner_type: OwnerType
    resource_property_name: str
    resource_type: ResourceType
    permission_types: list[PermissionType]


AuthorizationRequest = IdBasedAuthorizationRequest | PropertyBasedAuthorizationRequest
"""Spec: `AuthorizationRequest`"""


class AuthorizationFilter(RequestModel):
    """Which authorizations a search returns.

    Spec: `AuthorizationFilter`
    """

    owner_id: str | None = None
    owner_type: OwnerType | None = None
    resource_ids: list[str] | None = None
    resource_property_names: list[str] | None = None
    resource_type: ResourceType | None = None


class AuthorizationSearchRequest(SearchQuery[AuthorizationFilter, AuthorizationSortField]):
    """Spec: `AuthorizationSearchQuery`"""
