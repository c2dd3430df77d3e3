# Derived by scripts/unasync.py from _async/identity.py; do not edit.
"""The ``identity`` namespace: users, groups, roles, tenants, mapping rules, authorizations.

Each sub-group is its own resource, created on first use; the namespace itself has one
operation, :meth:`Identity.get_current_user`.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from camunda._transport import Operation
from camunda.models.identity.users import CamundaUser
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource

if TYPE_CHECKING:
    from camunda.resources._sync.identity_authorizations import Authorizations
    from camunda.resources._sync.identity_groups import Groups
    from camunda.resources._sync.identity_mapping_rules import MappingRules
    from camunda.resources._sync.identity_roles import Roles
    from camunda.resources._sync.identity_tenants import Tenants
    from camunda.resources._sync.identity_users import Users

__all__ = ["Identity"]

_GET_CURRENT_USER = Operation("GET", "/authentication/me", "getAuthentication", returns=CamundaUser)


class Identity(APIResource):
    """Identity management of the cluster's own identity store.

    ``client.identity.tenants.assign_user("acme", username="alice")``
    """

    # No __slots__: the sub-resources are cached in the instance __dict__.

    @endpoint(_GET_CURRENT_USER)
    def get_current_user(self) -> CamundaUser:
        """The user (or client) the client is signed in as, with its memberships.

        ``GET /authentication/me`` (getAuthentication)
        """
        return self._transport.request(_GET_CURRENT_USER, locals())

    @cached_property
    def users(self) -> Users:
        from camunda.resources._sync.identity_users import Users

        return Users(self._transport)

    @cached_property
    def groups(self) -> Groups:
        from camunda.resources._sync.identity_groups import Groups

        return Groups(self._transport)

    @cached_property
    def roles(self) -> Roles:
        from camunda.resources._sync.identity_roles import Roles

        return Roles(self._transport)

    @cached_property
    def tenants(self) -> Tenants:
        from camunda.resources._sync.identity_tenants import Tenants

        return Tenants(self._transport)

    @cached_property
    def mapping_rules(self) -> MappingRules:
        from camunda.resources._sync.identity_mapping_rules import MappingRules

        return MappingRules(self._transport)

    @cached_property
    def authorizations(self) -> Authorizations:
        from camunda.resources._sync.identity_authorizations import Authorizations

        return Authorizations(self._transport)
