"""``client.identity``: every operation on both clients (method, path, body, parsed answer)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from camunda import CamundaAsyncClient, CamundaClient, InvalidArgumentError
from camunda._pagination import AsyncSearchPage, SearchPage
from camunda.models.identity import (
    AssignedClient,
    AssignedGroup,
    AssignedUser,
    Authorization,
    AuthorizationCreated,
    CamundaUser,
    CreatedGroup,
    CreatedRole,
    CreatedTenant,
    CreatedUser,
    CreateUserRequest,
    Group,
    MappingRule,
    OwnerType,
    PermissionType,
    ResourceType,
    Role,
    SavedMappingRule,
    Tenant,
    TenantGroup,
    UpdatedGroup,
    UpdatedRole,
    UpdatedTenant,
    User,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

USER = {"username": "alice", "name": "Alice", "email": None}
GROUP = {"groupId": "eng", "name": "Engineering", "description": None}
ROLE = {"roleId": "admin", "name": "Admin", "description": "everything"}
TENANT = {"tenantId": "acme", "name": "Acme", "description": None}
RULE = {"mappingRuleId": "eng-rule", "name": "Eng", "claimName": "groups", "claimValue": "eng"}
AUTH_KEY = "2251799813685250"
AUTHORIZATION = {
    "authorizationKey": AUTH_KEY,
    "ownerId": "alice",
    "ownerType": "USER",
    "resourceType": "PROCESS_DEFINITION",
    "resourceId": "*",
    "resourcePropertyName": None,
    "permissionTypes": ["READ_PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE"],
}
ME = {
    "username": "alice",
    "displayName": "Alice",
    "email": None,
    "authorizedComponents": ["operate", "tasklist"],
    "tenants": [TENANT],
    "groups": ["eng"],
    "roles": ["admin"],
    "salesPlanType": None,
    "c8Links": {"console": "https://console"},
    "canLogout": True,
}


def _page(*items: dict[str, Any]) -> dict[str, Any]:
    return {
        "items": list(items),
        "page": {
            "totalItems": len(items),
            "hasMoreTotalItems": False,
            "startCursor": "c0",
            "endCursor": "c1",
        },
    }


def _body(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content) if request.content else None


# --------------------------------------------------------------- assign / unassign (no body)

OWNERS = {"groups": "eng", "roles": "admin", "tenants": "acme"}
MEMBERS = {
    "user": ("username", "alice", "users"),
    "client": ("client_id", "worker-1", "clients"),
    "group": ("group_id", "eng", "groups"),
    "role": ("role_id", "admin", "roles"),
    "mapping_rule": ("mapping_rule_id", "eng-rule", "mapping-rules"),
}
ASSIGNABLE = {
    "groups": ("user", "client", "mapping_rule"),
    "roles": ("user", "client", "group", "mapping_rule"),
    "tenants": ("user", "client", "group", "role", "mapping_rule"),
}
ASSIGNMENTS = [
    pytest.param(owner, member, verb, id=f"{owner}.{verb}_{member}")
    for owner, members in ASSIGNABLE.items()
    for member in members
    for verb in ("assign", "unassign")
]


@pytest.mark.parametrize(("owner", "member", "verb"), ASSIGNMENTS)
async def test_assign_and_unassign(
    invoke: Invoke, httpx_mock: HTTPXMock, owner: str, member: str, verb: str
) -> None:
    argument, value, segment = MEMBERS[member]
    owner_id = OWNERS[owner]
    method = "PUT" if verb == "assign" else "DELETE"
    url = f"{BASE}/{owner}/{owner_id}/{segment}/{value}"
    httpx_mock.add_response(method=method, url=url, status_code=204)
    result = await invoke(f"identity.{owner}.{verb}_{member}", owner_id, **{argument: value})
    assert result is None
    request = httpx_mock.get_request()
    assert request is not None
    assert request.method == method
    assert request.content == b""


async def test_member_is_keyword_only(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(TypeError):
        await invoke("identity.tenants.assign_user", "acme", "alice")
    assert httpx_mock.get_requests() == []


async def test_path_values_are_escaped(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="PUT", url=f"{BASE}/groups/eng/users/a%20b%2Bc%3Fd", status_code=204
    )
    await invoke("identity.groups.assign_user", "eng", username="a b+c?d")
    assert httpx_mock.get_request() is not None
    with pytest.raises(InvalidArgumentError, match="username 'a/b' has a slash"):
        await invoke("identity.groups.assign_user", "eng", username="a/b")  # never sent


# ------------------------------------------------------------------------- get / delete

GETS = [
    ("users", "alice", USER, User),
    ("groups", "eng", GROUP, Group),
    ("roles", "admin", ROLE, Role),
    ("tenants", "acme", TENANT, Tenant),
    ("mapping_rules", "eng-rule", RULE, MappingRule),
    ("authorizations", AUTH_KEY, AUTHORIZATION, Authorization),
]


def _segment(resource: str) -> str:
    return resource.replace("_", "-")


@pytest.mark.parametrize(("resource", "key", "answer", "model"), GETS)
async def test_get(
    invoke: Invoke,
    httpx_mock: HTTPXMock,
    resource: str,
    key: str,
    answer: dict[str, Any],
    model: type,
) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/{_segment(resource)}/{key}", json=answer)
    result = await invoke(f"identity.{resource}.get", key)
    assert isinstance(result, model)
    assert result.to_wire() == answer  # type: ignore[attr-defined]


@pytest.mark.parametrize(("resource", "key"), [(r, k) for r, k, _, _ in GETS])
async def test_delete(invoke: Invoke, httpx_mock: HTTPXMock, resource: str, key: str) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/{_segment(resource)}/{key}", status_code=204
    )
    assert await invoke(f"identity.{resource}.delete", key) is None


async def test_get_current_user(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/authentication/me", json=ME)
    me = await invoke("identity.get_current_user")
    assert isinstance(me, CamundaUser)
    assert me.tenants == [Tenant(tenant_id="acme", name="Acme", description=None)]
    assert me.c8_links == {"console": "https://console"}
    assert me.can_logout is True


async def test_authorization_key_is_validated(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="authorization_key"):
        await invoke("identity.authorizations.get", "alice")
    assert httpx_mock.get_requests() == []


# ----------------------------------------------------------------------- create / update

WRITES = [
    pytest.param(
        "users.create",
        (),
        {"username": "alice", "password": "pw", "name": "Alice"},
        "POST",
        "/users",
        {"username": "alice", "password": "pw", "name": "Alice"},
        USER,
        CreatedUser,
        id="users.create",
    ),
    pytest.param(
        "users.create_admin",
        (),
        {"username": "admin", "password": "pw"},
        "POST",
        "/setup/user",
        {"username": "admin", "password": "pw"},
        {**USER, "username": "admin"},
        CreatedUser,
        id="users.create_admin",
    ),
    pytest.param(
        "users.update",
        ("alice",),
        {"email": "a@example.com"},
        "PUT",
        "/users/alice",
        {"email": "a@example.com"},
        USER,
        User,
        id="users.update",
    ),
    pytest.param(
        "groups.create",
        (),
        {"group_id": "eng", "name": "Engineering"},
        "POST",
        "/groups",
        {"groupId": "eng", "name": "Engineering"},
        GROUP,
        CreatedGroup,
        id="groups.create",
    ),
    pytest.param(
        "groups.update",
        ("eng",),
        {"name": "Eng", "description": "R&D"},
        "PUT",
        "/groups/eng",
        {"name": "Eng", "description": "R&D"},
        GROUP,
        UpdatedGroup,
        id="groups.update",
    ),
    pytest.param(
        "roles.create",
        (),
        {"role_id": "admin", "name": "Admin", "description": "everything"},
        "POST",
        "/roles",
        {"roleId": "admin", "name": "Admin", "description": "everything"},
        ROLE,
        CreatedRole,
        id="roles.create",
    ),
    pytest.param(
        "roles.update",
        ("admin",),
        {"name": "Admins"},
        "PUT",
        "/roles/admin",
        {"name": "Admins"},
        ROLE,
        UpdatedRole,
        id="roles.update",
    ),
    pytest.param(
        "tenants.create",
        (),
        {"tenant_id": "acme", "name": "Acme"},
        "POST",
        "/tenants",
        {"tenantId": "acme", "name": "Acme"},
        TENANT,
        CreatedTenant,
        id="tenants.create",
    ),
    pytest.param(
        "tenants.update",
        ("acme",),
        {"name": "ACME", "description": "corp"},
        "PUT",
        "/tenants/acme",
        {"name": "ACME", "description": "corp"},
        TENANT,
        UpdatedTenant,
        id="tenants.update",
    ),
    pytest.param(
        "mapping_rules.create",
        (),
        {
            "mapping_rule_id": "eng-rule",
            "name": "Eng",
            "claim_name": "groups",
            "claim_value": "eng",
        },
        "POST",
        "/mapping-rules",
        RULE,
        RULE,
        SavedMappingRule,
        id="mapping_rules.create",
    ),
    pytest.param(
        "mapping_rules.update",
        ("eng-rule",),
        {"name": "Eng", "claim_name": "groups", "claim_value": "eng"},
        "PUT",
        "/mapping-rules/eng-rule",
        {"name": "Eng", "claimName": "groups", "claimValue": "eng"},
        RULE,
        SavedMappingRule,
        id="mapping_rules.update",
    ),
]


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "http_method", "path", "sent", "answer", "model"), WRITES
)
async def test_create_and_update(
    invoke: Invoke,
    httpx_mock: HTTPXMock,
    method: str,
    args: tuple[str, ...],
    kwargs: dict[str, Any],
    http_method: str,
    path: str,
    sent: dict[str, Any],
    answer: dict[str, Any],
    model: type,
) -> None:
    status = 201 if http_method == "POST" else 200
    httpx_mock.add_response(
        method=http_method, url=f"{BASE}{path}", json=answer, status_code=status
    )
    result = await invoke(f"identity.{method}", *args, **kwargs)
    assert isinstance(result, model)
    assert _body(httpx_mock) == sent


async def test_tenant_id_is_checked_before_sending(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="tenant_id"):
        await invoke("identity.tenants.create", tenant_id="not allowed!", name="x")
    assert httpx_mock.get_requests() == []


def test_password_stays_out_of_reprs() -> None:
    request = CreateUserRequest(username="alice", password="hunter2-secret")
    assert "hunter2-secret" not in repr(request)
    assert "hunter2-secret" not in str(request)


# ------------------------------------------------------------------------- authorizations

GRANT = {
    "owner_id": "alice",
    "owner_type": OwnerType.USER,
    "resource_type": "PROCESS_DEFINITION",
    "permission_types": [PermissionType.READ_PROCESS_DEFINITION, "CREATE_PROCESS_INSTANCE"],
}
GRANT_WIRE = {
    "ownerId": "alice",
    "ownerType": "USER",
    "resourceType": "PROCESS_DEFINITION",
    "permissionTypes": ["READ_PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE"],
}


@pytest.mark.parametrize(
    ("target", "wire"),
    [
        ({"resource_id": "order"}, {"resourceId": "order"}),
        ({"resource_property_name": "assignee"}, {"resourcePropertyName": "assignee"}),
    ],
    ids=["by-id", "by-property"],
)
async def test_create_authorization(
    invoke: Invoke, httpx_mock: HTTPXMock, target: dict[str, str], wire: dict[str, str]
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/authorizations",
        status_code=201,
        json={"authorizationKey": AUTH_KEY},
    )
    result = await invoke("identity.authorizations.create", **GRANT, **target)
    assert isinstance(result, AuthorizationCreated)
    assert result.authorization_key == AUTH_KEY
    assert _body(httpx_mock) == {**GRANT_WIRE, **wire}


@pytest.mark.parametrize(
    ("target", "wire"),
    [
        ({"resource_id": "*"}, {"resourceId": "*"}),
        (
            {"resource_property_name": "candidateGroups"},
            {"resourcePropertyName": "candidateGroups"},
        ),
    ],
    ids=["by-id", "by-property"],
)
async def test_update_authorization(
    invoke: Invoke, httpx_mock: HTTPXMock, target: dict[str, str], wire: dict[str, str]
) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/authorizations/{AUTH_KEY}", status_code=204)
    assert await invoke("identity.authorizations.update", AUTH_KEY, **GRANT, **target) is None
    assert _body(httpx_mock) == {**GRANT_WIRE, **wire}


@pytest.mark.parametrize(
    "target",
    [
        {},
        {"resource_id": "order", "resource_property_name": "assignee"},
    ],
    ids=["neither", "both"],
)
async def test_authorization_needs_exactly_one_target(
    invoke: Invoke, httpx_mock: HTTPXMock, target: dict[str, str]
) -> None:
    with pytest.raises(InvalidArgumentError):
        await invoke("identity.authorizations.create", **GRANT, **target)
    assert httpx_mock.get_requests() == []


async def test_unknown_permission_is_rejected(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="permission_types"):
        await invoke(
            "identity.authorizations.create",
            **{**GRANT, "permission_types": ["FLY"]},
            resource_id="*",
        )
    assert httpx_mock.get_requests() == []


async def test_unknown_enum_values_in_answers_are_kept(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    newer = {**AUTHORIZATION, "resourceType": "SPACESHIP", "permissionTypes": ["READ", "FLY"]}
    httpx_mock.add_response(method="GET", url=f"{BASE}/authorizations/{AUTH_KEY}", json=newer)
    result = await invoke("identity.authorizations.get", AUTH_KEY)
    assert result.resource_type == "SPACESHIP"
    assert result.permission_types == [PermissionType.READ, "FLY"]
    assert result.owner_type is OwnerType.USER
    assert ResourceType.PROCESS_DEFINITION.value == "PROCESS_DEFINITION"


# --------------------------------------------------------------------------------- searches

SEARCHES = [
    pytest.param(
        "users.search",
        (),
        {"filter": {"username": {"$like": "a*"}}, "sort": [{"field": "email", "order": "DESC"}]},
        "/users/search",
        {"filter": {"username": {"$like": "a*"}}, "sort": [{"field": "email", "order": "DESC"}]},
        USER,
        User,
        id="users.search",
    ),
    pytest.param(
        "groups.search",
        (),
        {"filter": {"name": "Engineering"}, "page": {"limit": 5}},
        "/groups/search",
        {"filter": {"name": "Engineering"}, "page": {"limit": 5}},
        GROUP,
        Group,
        id="groups.search",
    ),
    pytest.param(
        "groups.search_users",
        ("eng",),
        {"sort": [{"field": "username"}]},
        "/groups/eng/users/search",
        {"sort": [{"field": "username"}]},
        {"username": "alice"},
        AssignedUser,
        id="groups.search_users",
    ),
    pytest.param(
        "groups.search_clients",
        ("eng",),
        {},
        "/groups/eng/clients/search",
        {},
        {"clientId": "worker-1"},
        AssignedClient,
        id="groups.search_clients",
    ),
    pytest.param(
        "groups.search_mapping_rules",
        ("eng",),
        {"filter": {"claimName": "groups"}},
        "/groups/eng/mapping-rules/search",
        {"filter": {"claimName": "groups"}},
        RULE,
        MappingRule,
        id="groups.search_mapping_rules",
    ),
    pytest.param(
        "groups.search_roles",
        ("eng",),
        {"filter": {"roleId": "admin"}},
        "/groups/eng/roles/search",
        {"filter": {"roleId": "admin"}},
        ROLE,
        Role,
        id="groups.search_roles",
    ),
    pytest.param(
        "roles.search",
        (),
        {"sort": [{"field": "roleId", "order": "ASC"}]},
        "/roles/search",
        {"sort": [{"field": "roleId", "order": "ASC"}]},
        ROLE,
        Role,
        id="roles.search",
    ),
    pytest.param(
        "roles.search_users",
        ("admin",),
        {"page": {"limit": 10}},
        "/roles/admin/users/search",
        {"page": {"limit": 10}},
        {"username": "alice"},
        AssignedUser,
        id="roles.search_users",
    ),
    pytest.param(
        "roles.search_clients",
        ("admin",),
        {"sort": [{"field": "clientId"}]},
        "/roles/admin/clients/search",
        {"sort": [{"field": "clientId"}]},
        {"clientId": "worker-1"},
        AssignedClient,
        id="roles.search_clients",
    ),
    pytest.param(
        "roles.search_groups",
        ("admin",),
        {"sort": [{"field": "groupId"}]},
        "/roles/admin/groups/search",
        {"sort": [{"field": "groupId"}]},
        {"groupId": "eng"},
        AssignedGroup,
        id="roles.search_groups",
    ),
    pytest.param(
        "roles.search_mapping_rules",
        ("admin",),
        {},
        "/roles/admin/mapping-rules/search",
        {},
        RULE,
        MappingRule,
        id="roles.search_mapping_rules",
    ),
    pytest.param(
        "tenants.search",
        (),
        {"filter": {"tenantId": "acme"}},
        "/tenants/search",
        {"filter": {"tenantId": "acme"}},
        TENANT,
        Tenant,
        id="tenants.search",
    ),
    pytest.param(
        "tenants.search_users",
        ("acme",),
        {},
        "/tenants/acme/users/search",
        {},
        {"username": "alice"},
        AssignedUser,
        id="tenants.search_users",
    ),
    pytest.param(
        "tenants.search_clients",
        ("acme",),
        {"page": {"from": 10, "limit": 10}},
        "/tenants/acme/clients/search",
        {"page": {"from": 10, "limit": 10}},
        {"clientId": "worker-1"},
        AssignedClient,
        id="tenants.search_clients",
    ),
    pytest.param(
        "tenants.search_groups",
        ("acme",),
        {},
        "/tenants/acme/groups/search",
        {},
        {"groupId": "eng"},
        TenantGroup,
        id="tenants.search_groups",
    ),
    pytest.param(
        "tenants.search_roles",
        ("acme",),
        {"filter": {"name": "Admin"}},
        "/tenants/acme/roles/search",
        {"filter": {"name": "Admin"}},
        ROLE,
        Role,
        id="tenants.search_roles",
    ),
    pytest.param(
        "tenants.search_mapping_rules",
        ("acme",),
        {"filter": {"mapping_rule_id": "x"}},
        "/tenants/acme/mapping-rules/search",
        {"filter": {"mappingRuleId": "x"}},
        RULE,
        MappingRule,
        id="tenants.search_mapping_rules",
    ),
    pytest.param(
        "mapping_rules.search",
        (),
        {"filter": {"claimValue": "eng"}},
        "/mapping-rules/search",
        {"filter": {"claimValue": "eng"}},
        RULE,
        MappingRule,
        id="mapping_rules.search",
    ),
    pytest.param(
        "authorizations.search",
        (),
        {"filter": {"owner_type": "USER", "resource_ids": ["order", "*"]}},
        "/authorizations/search",
        {"filter": {"ownerType": "USER", "resourceIds": ["order", "*"]}},
        AUTHORIZATION,
        Authorization,
        id="authorizations.search",
    ),
]


@pytest.mark.parametrize(("method", "args", "kwargs", "path", "sent", "item", "model"), SEARCHES)
async def test_search(
    invoke: Invoke,
    httpx_mock: HTTPXMock,
    method: str,
    args: tuple[str, ...],
    kwargs: dict[str, Any],
    path: str,
    sent: dict[str, Any],
    item: dict[str, Any],
    model: type,
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}{path}", json=_page(item))
    page: Any = await invoke(f"identity.{method}", *args, **kwargs)
    kind: object = page  # the page type differs per client; check it without narrowing `page`
    assert isinstance(kind, SearchPage | AsyncSearchPage)
    assert len(page.items) == 1
    assert isinstance(page.items[0], model)
    assert page.items[0].to_wire() == item
    assert _body(httpx_mock) == sent


async def test_search_rejects_unknown_sort_field(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="sort"):
        await invoke("identity.tenants.search_users", "acme", sort=[{"field": "email"}])
    assert httpx_mock.get_requests() == []


async def test_search_walks_every_page(client: CamundaClient, httpx_mock: HTTPXMock) -> None:
    first = {
        "items": [USER],
        "page": {"totalItems": 2, "hasMoreTotalItems": False, "endCursor": "next"},
    }
    second = {
        "items": [{**USER, "username": "bob"}],
        "page": {"totalItems": 2, "hasMoreTotalItems": False, "endCursor": "end"},
    }
    httpx_mock.add_response(method="POST", url=f"{BASE}/groups/eng/users/search", json=first)
    httpx_mock.add_response(method="POST", url=f"{BASE}/groups/eng/users/search", json=second)
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/groups/eng/users/search",
        json={"items": [], "page": {"totalItems": 2, "hasMoreTotalItems": False}},
    )
    names = [
        member.username for member in client.identity.groups.search_users("eng", page={"limit": 1})
    ]
    assert names == ["alice", "bob"]
    bodies = [json.loads(r.content) for r in httpx_mock.get_requests()]
    assert bodies == [
        {"page": {"limit": 1}},
        {"page": {"after": "next", "limit": 1}},
        {"page": {"after": "end", "limit": 1}},
    ]  # the empty page ends it


# ------------------------------------------------------------------------------- namespace


async def test_sub_resources_are_created_once(
    async_client: CamundaAsyncClient, client: CamundaClient
) -> None:
    for identity in (async_client.identity, client.identity):
        assert identity.users is identity.users
        assert identity.authorizations is identity.authorizations
    assert type(async_client.identity.tenants).__name__ == "AsyncTenants"
    assert type(client.identity.tenants).__name__ == "Tenants"
