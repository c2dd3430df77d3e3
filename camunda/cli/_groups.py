"""The client's resource groups, read from the client's source without importing it.

``CamundaClient`` creates each group in a ``cached_property`` that imports the group's class
where it is first used. Reading those properties with :mod:`ast` lists the groups (and the
module that holds each) without loading a single model, so ``camunda --help`` stays fast.
"""

from __future__ import annotations

import ast
from importlib.util import find_spec
from typing import Final, NamedTuple

__all__ = ["CLIENT", "Group", "groups"]


class Group(NamedTuple):
    """A resource group: ``client.<attribute>`` is an instance of ``module.class_name``."""

    attribute: str
    module: str
    class_name: str

    @property
    def command(self) -> str:
        """The group's name on the command line (``process-instances``)."""
        return self.attribute.replace("_", "-")


CLIENT: Final = Group("", "camunda.resources._sync._client", "CamundaClient")
"""The root: the sync client itself."""


def groups(owner: Group) -> list[Group]:
    """The groups that hang off ``owner``'s class, in source order.

    Raises:
        LookupError: the class is not in its module's source.
    """
    spec = find_spec(owner.module)
    if spec is None or spec.origin is None:
        raise LookupError(f"cannot find the source of {owner.module}")
    with open(spec.origin, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == owner.class_name:
            return [group for item in node.body if (group := _group(item)) is not None]
    raise LookupError(f"{owner.module} has no class {owner.class_name}")


def _group(node: ast.stmt) -> Group | None:
    """``@cached_property def name(self): from module import Class ...`` → a group."""
    if not isinstance(node, ast.FunctionDef) or not any(
        isinstance(d, ast.Name) and d.id == "cached_property" for d in node.decorator_list
    ):
        return None
    for statement in node.body:
        if isinstance(statement, ast.ImportFrom) and statement.module:
            return Group(node.name, statement.module, statement.names[0].name)
    return None
