"""Models of ``client.identity.mapping_rules``."""

from __future__ import annotations

from typing import Literal

from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import SearchQuery

__all__ = [
    "CreateMappingRuleRequest",
    "MappingRule",
    "MappingRuleFilter",
    "MappingRuleSearchRequest",
    "MappingRuleSortField",
    "SavedMappingRule",
    "UpdateMappingRuleRequest",
]

MappingRuleSortField = Literal["mappingRuleId", "claimName", "claimValue", "name"]


class MappingRule(ResponseModel):
    """A rule that grants identity memberships to tokens carrying a given claim value.

    Spec: `MappingRuleResult`
    """

    mapping_rule_id: str
    name: str
    claim_name: str
    claim_value: str


class SavedMappingRule(MappingRule):
    """The answer of creating or updating a mapping rule.

    Spec: `MappingRuleCreateUpdateResult`
    """


class CreateMappingRuleRequest(RequestModel):
    """Spec: `MappingRuleCreateRequest`"""

    mapping_rule_id: str
    name: str
    claim_name: str
    claim_value: str


class UpdateMappingRuleRequest(RequestModel):
    """Spec: `MappingRuleUpdateRequest`"""

    name: str
    claim_name: str
    claim_value: str


class MappingRuleFilter(RequestModel):
    """Which mapping rules a search returns.

    Spec: `MappingRuleFilter`
    """

    mapping_rule_id: str | None = None
    name: str | None = None
    claim_name: str | None = None
    claim_value: str | None = None


class MappingRuleSearchRequest(SearchQuery[MappingRuleFilter, MappingRuleSortField]):
    """Spec: `MappingRuleSearchQueryRequest`"""
