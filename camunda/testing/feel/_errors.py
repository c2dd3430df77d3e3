"""FEEL errors and warnings, shaped like Camunda's so the fake raises the incidents it would.

::

    FeelError   kind="syntax"      the text is not FEEL (Camunda rejects the deployment)
                kind="evaluation"  the evaluation failed (a call of an unknown function)
                kind="type"        the result is not of the type the caller needs
                                   (a condition that is null, a mapping that is a list)

Most problems are not errors in FEEL: a missing variable, ``1 + "a"`` or ``date("x")`` give
``null`` and a :class:`FeelWarning`, as Camunda 8 does; the warnings are appended to the
message of a later :class:`FeelError` (as Zeebe does), so a user sees why a value was null.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Failure", "FeelError", "FeelErrorKind", "FeelWarning"]

FeelErrorKind = Literal["syntax", "evaluation", "type"]


@dataclass(frozen=True, slots=True)
class FeelWarning:
    """Why a part of an expression evaluated to null, e.g. ``NO_VARIABLE_FOUND``.

    Attributes:
        type: feel-scala's warning type (``NO_VARIABLE_FOUND``, ``NO_CONTEXT_ENTRY_FOUND``,
            ``NOT_COMPARABLE``, ``INVALID_TYPE``, ``FUNCTION_INVOCATION_FAILURE``).
        message: what happened, naming the variable, entry or function.
    """

    type: str
    message: str

    def __str__(self) -> str:
        return f"[{self.type}] {self.message}"


class FeelError(Exception):
    """A FEEL expression could not be parsed, evaluated, or did not give the needed type.

    Attributes:
        kind: ``"syntax"``, ``"evaluation"`` or ``"type"`` (see the module docstring).
        expression: the expression text, without the leading ``=``.
        message: the message Camunda would show (incident message or deployment rejection).
        incident_type: the incident Camunda raises for a failure at runtime:
            ``EXTRACT_VALUE_ERROR`` for every expression failure (Zeebe's own choice, also for
            gateway conditions); callers with a more specific type (``IO_MAPPING_ERROR`` for
            an output mapping that is not a context, ``DECISION_EVALUATION_ERROR``) pass it.
        warnings: the warnings collected before the failure.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: FeelErrorKind,
        expression: str,
        incident_type: str = "EXTRACT_VALUE_ERROR",
        warnings: tuple[FeelWarning, ...] = (),
    ) -> None:
        if warnings:
            listed = "\n".join(str(warning) for warning in warnings)
            message = f"{message} The evaluation reported the following warnings:\n{listed}"
        super().__init__(message)
        self.message = message
        self.kind: FeelErrorKind = kind
        self.expression = expression
        self.incident_type = incident_type
        self.warnings = warnings


class Failure(Exception):
    """An evaluation that fails as a whole (an unknown function, a failed ``assert``).

    Internal: :meth:`Expression.evaluate` turns it into a :class:`FeelError`.
    """
