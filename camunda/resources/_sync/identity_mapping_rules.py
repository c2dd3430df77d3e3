# Derived by scripts/unasync.py from _async/identity_mapping_rules.py; do not edit.
"""``client.identity.mapping_rules``: grant memberships to tokens by claim value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.identity.mapping_rules import (
    CreateMappingRuleRequest,
    MappingRule,
    MappingRuleFilter,
    MappingRuleSearchRequest,
    MappingRuleSortField,
    SavedMappingRule,
    UpdateMappingRuleRequest,
)
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import SearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["MappingRules"]

_NONE = type(None)
_CREATE = Operation("POST", "/mapping-rules", "createMappingRule",
                    body=CreateMappingRuleRequest, returns=SavedMappingRule)
_GET = Operation("GET", "/mapping-rules/{mappingRuleId}", "getMappingRule", returns=MappingRule)
_UPDATE = Operation("PUT", "/mapping-rules/{mappingRuleId}", "updateMappingRule",
                    body=UpdateMappingRuleRequest, returns=SavedMappingRule)
_DELETE = Operation("DELETE", "/mapping-rules/{mappingRuleId}", "deleteMappingRule",
                    returns=_NONE)
_SEARCH = Operation("POST", "/mapping-rules/search", "searchMappingRule",
                    body=MappingRuleSearchRequest, returns=MappingRule, paged=True)


class MappingRules(Resource):
    """Rules that map a token claim (``claim_name`` = ``claim_value``) to an identity.

    Assign a rule to groups, roles or tenants to give every matching token their rights.
    """

    __slots__ = ()

    def create(
        self,
        *,
        mapping_rule_id: str,
        name: str,
        claim_name: str,
        claim_value: str,
    ) -> SavedMappingRule:
        """Create a mapping rule.

        ``POST /mapping-rules`` (createMappingRule)
        """
        return self._transport.request(_CREATE, locals())

    def get(self, mapping_rule_id: str) -> MappingRule:
        """Fetch a mapping rule by id.

        ``GET /mapping-rules/{mappingRuleId}`` (getMappingRule)
        """
        return self._transport.request(_GET, locals())

    def update(
        self,
        mapping_rule_id: str,
        *,
        name: str,
        claim_name: str,
        claim_value: str,
    ) -> SavedMappingRule:
        """Replace a mapping rule's name and claim.

        ``PUT /mapping-rules/{mappingRuleId}`` (updateMappingRule)
        """
        return self._transport.request(_UPDATE, locals())

    def delete(self, mapping_rule_id: str) -> None:
        """Delete a mapping rule.

        ``DELETE /mapping-rules/{mappingRuleId}`` (deleteMappingRule)
        """
        return self._transport.request(_DELETE, locals())

    def search(
        self,
        *,
        filter: MappingRuleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[MappingRuleSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[MappingRule]:
        """Search mapping rules by id, name or claim.

        ``POST /mapping-rules/search`` (searchMappingRule)
        """
        return self._transport.search(_SEARCH, locals())
