"""Resource groups: ``resources/_async`` is hand-written, ``resources/_sync`` derived from it.

Two tables describe them without importing them: :data:`GROUPS` (which groups hang off the
client, and where each class lives) and the ``@endpoint`` mark on every method that sends
an operation (read with :func:`operation_of`).
"""

from camunda.resources._endpoint import endpoint, operation_of
from camunda.resources._groups import GROUPS, Group

__all__ = ["GROUPS", "Group", "endpoint", "operation_of"]
