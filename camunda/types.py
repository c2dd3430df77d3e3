"""Public types: the ``NOT_GIVEN`` sentinel and the distinct key types.

Keys are 64-bit integers that the REST API carries as strings (``^-?[0-9]+$``, at most
25 characters). Each kind has its own ``NewType`` so a type checker catches a job key
passed where a process instance key belongs; at runtime they are plain ``str``. Keys read
from the SDK's models already have the right type; wrap one you hold as a plain string::

    from camunda.types import ProcessInstanceKey

    client.process_instances.get(ProcessInstanceKey("2251799813685249"))
"""

from __future__ import annotations

import re
from typing import Final, Literal, NewType, final

__all__ = [
    "KEY_MAX_LENGTH",
    "KEY_PATTERN",
    "NOT_GIVEN",
    "AuditLogKey",
    "AuthorizationKey",
    "BatchOperationKey",
    "ConditionalEvaluationKey",
    "DecisionDefinitionKey",
    "DecisionEvaluationInstanceKey",
    "DecisionEvaluationKey",
    "DecisionInstanceKey",
    "DecisionRequirementsKey",
    "DeploymentKey",
    "ElementInstanceKey",
    "FormKey",
    "IncidentKey",
    "JobKey",
    "MessageKey",
    "MessageSubscriptionKey",
    "NotGiven",
    "ProcessDefinitionKey",
    "ProcessInstanceKey",
    "ResourceKey",
    "ScopeKey",
    "SignalKey",
    "UserTaskKey",
    "VariableKey",
]


@final
class NotGiven:
    """The type of :data:`NOT_GIVEN`: "the caller did not pass this argument".

    Distinct from ``None``, which is sent as JSON ``null``.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

KEY_PATTERN: Final = re.compile(r"^-?[0-9]+$")
"""What every key must look like (the spec's ``LongKey``)."""
KEY_MAX_LENGTH: Final = 25
"""The longest a key may be."""

AuditLogKey = NewType("AuditLogKey", str)
AuthorizationKey = NewType("AuthorizationKey", str)
BatchOperationKey = NewType("BatchOperationKey", str)
ConditionalEvaluationKey = NewType("ConditionalEvaluationKey", str)
DecisionDefinitionKey = NewType("DecisionDefinitionKey", str)
DecisionEvaluationInstanceKey = NewType("DecisionEvaluationInstanceKey", str)
DecisionEvaluationKey = NewType("DecisionEvaluationKey", str)
DecisionInstanceKey = NewType("DecisionInstanceKey", str)
DecisionRequirementsKey = NewType("DecisionRequirementsKey", str)
DeploymentKey = NewType("DeploymentKey", str)
ElementInstanceKey = NewType("ElementInstanceKey", str)
FormKey = NewType("FormKey", str)
IncidentKey = NewType("IncidentKey", str)
JobKey = NewType("JobKey", str)
MessageKey = NewType("MessageKey", str)
MessageSubscriptionKey = NewType("MessageSubscriptionKey", str)
ProcessDefinitionKey = NewType("ProcessDefinitionKey", str)
ProcessInstanceKey = NewType("ProcessInstanceKey", str)
ResourceKey = NewType("ResourceKey", str)
ScopeKey = NewType("ScopeKey", str)
SignalKey = NewType("SignalKey", str)
UserTaskKey = NewType("UserTaskKey", str)
VariableKey = NewType("VariableKey", str)
