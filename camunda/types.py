"""Public types: the distinct key types and the ``NOT_GIVEN`` sentinel.

Keys are strings at runtime; each kind is its own type for the type checker, so a job key
passed where a process instance key belongs is caught before the code runs. Keys read
from the SDK's models already have the right type; wrap one you hold as a plain string::

    from camunda.types import ProcessInstanceKey

    client.process_instances.get(ProcessInstanceKey("2251799813685249"))
"""

from camunda._types import (
    NOT_GIVEN,
    AuditLogKey,
    AuthorizationKey,
    BatchOperationKey,
    ConditionalEvaluationKey,
    DecisionDefinitionKey,
    DecisionEvaluationInstanceKey,
    DecisionEvaluationKey,
    DecisionInstanceKey,
    DecisionRequirementsKey,
    DeploymentKey,
    ElementInstanceKey,
    FormKey,
    IncidentKey,
    JobKey,
    MessageKey,
    MessageSubscriptionKey,
    NotGiven,
    ProcessDefinitionKey,
    ProcessInstanceKey,
    ResourceKey,
    ScopeKey,
    SignalKey,
    UserTaskKey,
    VariableKey,
)

__all__ = [
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
