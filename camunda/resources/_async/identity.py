"""The ``identity`` namespace: users, groups, roles, tenants, mapping rules, authorizations.

Each sub-group is its own resource, created on first use; the namespace itself has one
operation, :meth:`AsyncIdentity.get_current_user`.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from camunda._transport import Operation
from camunda.models.identity.users import CamundaUser
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint

if TYPE_CHECKING:
    from camunda.resources._async.identity_authorizations import AsyncAuthorizations
    from camunda.resources._async.identity_groups import AsyncGroups
    from camunda.resources._async.identity_mapping_rules import AsyncMappingRules
    from camunda.resources._async.identity_roles import AsyncRoles
    from camunda.resources._async.identity_tenants import AsyncTenants
    from camunda.resources._async.identity_users import AsyncUsers

__all__ = ["AsyncIdentity"]

_GET_CURRENT_USER = Operation("GET", "/authentication/me", "getAuthentication", returns=CamundaUser)


class AsyncIdentity(AsyncAPIResource):
    """Identity management of the cluster's own identity store.

    ``client.identity.tenants.assign_user("acme", username="alice")``
    """

    # No __slots__: the sub-resources are cached in the instance __dict__.

    @endpoint(_GET_CURRENT_USER)
    async def get_current_user(self) -> CamundaUser:
        """The user (or client) the client is signed in as, with its memberships.

        ``GET /authentication/me`` (getAuthentication)
        """
        return await self._transport.request(_GET_CURRENT_USER, locals())

    @cached_property
    def users(self) -> AsyncUsers:
        from camunda.resources._async.identity_users import AsyncUsers

        return AsyncUsers(self._transport)

    @cached_property
    def groups(self) -> AsyncGroups:
        from camunda.resources._async.identity_groups import AsyncGroups

        return AsyncGroups(self._transport)

    @cached_property
    def roles(self) -> AsyncRoles:
        from camunda.resources._async.identity_roles import AsyncRoles

        return AsyncRoles(self._transport)

    @cached_property
    def tenants(self) -> AsyncTenants:
        from camunda.resources._async.identity_tenants import AsyncTenants

        return AsyncTenants(self._transport)

    @cached_property
    def mapping_rules(self) -> AsyncMappingRules:
        from camunda.resources._async.identity_mapping_rules import AsyncMappingRules

        return AsyncMappingRules(self._transport)

    @cached_property
    def authorizations(self) -> AsyncAuthorizations:
        from camunda.resources._async.identity_authorizations import AsyncAuthorizations

        return AsyncAuthorizations(self._transport)
