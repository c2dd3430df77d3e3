"""The table of resource groups: ``client.<attribute>`` and where its class lives.

It is plain data, so the ``camunda`` command lists every group (``camunda --help``) without
importing a resource module, a model, pydantic or httpx. The clients keep one
``cached_property`` per group (typed for the type checker); a test checks that both clients
and this table agree.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

__all__ = ["GROUPS", "Group"]


class Group(NamedTuple):
    """A resource group: ``client.<attribute>``, an instance of ``class_name`` from
    ``camunda.resources._sync.<module>`` (``Async<class_name>`` from ``_async``)."""

    attribute: str
    module: str
    class_name: str
    summary: str
    """One line for command listings."""
    children: tuple[Group, ...] = ()
    """Groups nested under this one (``client.identity.users``)."""

    @property
    def command(self) -> str:
        """The group's name on the command line (``process-instances``)."""
        return self.attribute.replace("_", "-")

    def load(self, *, asynchronous: bool = False) -> type:
        """Import the group's class (and with it, the group's models)."""
        if asynchronous:
            module = importlib.import_module(f"camunda.resources._async.{self.module}")
            return getattr(module, f"Async{self.class_name}")
        module = importlib.import_module(f"camunda.resources._sync.{self.module}")
        return getattr(module, self.class_name)


def _group(attribute: str, summary: str, *children: Group, module: str | None = None) -> Group:
    """A group whose class is the attribute in PascalCase (``audit_logs``: ``AuditLogs``)."""
    class_name = attribute.title().replace("_", "")
    return Group(attribute, module or attribute, class_name, summary, children)


def _identity(attribute: str, summary: str) -> Group:
    return _group(attribute, summary, module=f"identity_{attribute}")


GROUPS: tuple[Group, ...] = (
    _group("audit_logs", "audit log entries: who changed what, and the outcome"),
    _group("batch_operations", "follow, suspend, resume and cancel batch operations"),
    _group("clock", "pin or reset the cluster's clock (for tests)"),
    _group("cluster", "topology, status, license and usage metrics"),
    _group("cluster_variables", "named JSON values shared cluster-wide or per tenant"),
    _group("conditionals", "start processes whose start condition holds"),
    _group("decision_definitions", "evaluate, read and search deployed DMN decisions"),
    _group("decision_instances", "the record of evaluated decisions"),
    _group("decision_requirements", "deployed decision requirements graphs (DRDs)"),
    _group("deployments", "deploy BPMN, DMN and form resources"),
    _group("documents", "upload, download and link documents"),
    _group("element_instances", "runs of single BPMN elements inside process instances"),
    _group("expressions", "evaluate FEEL expressions on the cluster"),
    _group("global_task_listeners", "task listeners that apply to every process"),
    _group(
        "identity",
        "users, groups, roles, tenants, mapping rules, authorizations",
        _identity("users", "users of the cluster's own identity store"),
        _identity("groups", "groups and their members"),
        _identity("roles", "roles and the identities that hold them"),
        _identity("tenants", "tenants and their members"),
        _identity("mapping_rules", "rules that map token claims to identities"),
        _identity("authorizations", "permissions of owners on resources"),
    ),
    _group("incidents", "find and resolve incidents"),
    _group("jobs", "activate, complete, fail and search jobs; job statistics"),
    _group("message_subscriptions", "message events waiting for messages"),
    _group("messages", "publish and correlate messages"),
    _group("process_definitions", "deployed processes: XML, forms, statistics"),
    _group("process_instances", "start, cancel, migrate, modify and search process instances"),
    _group("resources", "deployed resources of any kind, by resource key"),
    _group("signals", "broadcast signals"),
    _group("user_tasks", "assign, complete, update and search user tasks"),
    _group("variables", "variables of process and element instances"),
)
"""Every group of ``CamundaClient`` and ``CamundaAsyncClient``, in attribute order."""
