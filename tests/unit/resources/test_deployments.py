from __future__ import annotations

import io
from email.parser import BytesParser
from email.policy import HTTP
from typing import TYPE_CHECKING

import pytest

from camunda import InvalidArgumentError
from camunda.models.deployments import Deployment
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pathlib import Path

    import httpx
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

BPMN = b'<?xml version="1.0"?><definitions id="order"><process id="order"/></definitions>'
DMN = b'<?xml version="1.0"?><definitions id="risk"><decision id="risk"/></definitions>'

DEPLOYMENT = {
    "deploymentKey": "2251799813685300",
    "tenantId": "acme",
    "deployments": [
        {
            "processDefinition": {
                "processDefinitionId": "order",
                "processDefinitionVersion": 4,
                "resourceName": "order.bpmn",
                "tenantId": "acme",
                "processDefinitionKey": "2251799813685301",
            },
            "decisionDefinition": None,
            "decisionRequirements": None,
            "form": None,
            "resource": None,
        },
        {
            "processDefinition": None,
            "decisionDefinition": {
                "decisionDefinitionId": "risk",
                "version": 1,
                "name": "Risk",
                "tenantId": "acme",
                "decisionRequirementsId": "risk-drd",
                "decisionDefinitionKey": "2251799813685302",
                "decisionRequirementsKey": "2251799813685303",
            },
            "decisionRequirements": None,
            "form": None,
            "resource": None,
        },
    ],
}


def form_parts(request: httpx.Request) -> list[tuple[str | None, str | None, bytes]]:
    """(field name, file name, content) of every part of a multipart request, in order."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + request.read()
    )
    return [
        (
            part.get_param("name", header="content-disposition"),
            part.get_filename(),
            part.get_payload(decode=True),
        )
        for part in message.iter_parts()
    ]


def only_request(httpx_mock: HTTPXMock) -> httpx.Request:
    request = httpx_mock.get_request()
    assert request is not None
    return request


async def test_create_sends_one_part_per_resource(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/deployments", json=DEPLOYMENT)
    deployment = await invoke(
        "deployments.create",
        resources=[("order.bpmn", BPMN), ("risk.dmn", DMN, "application/xml")],
        tenant_id="acme",
    )
    assert isinstance(deployment, Deployment)
    assert deployment.deployment_key == "2251799813685300"
    process = deployment.deployments[0].process_definition
    assert process is not None and process.process_definition_version == 4
    decision = deployment.deployments[1].decision_definition
    assert decision is not None and decision.decision_requirements_key == "2251799813685303"
    assert deployment.deployments[1].process_definition is None

    parts = form_parts(only_request(httpx_mock))
    assert sorted(parts, key=repr) == sorted(
        [
            ("tenantId", None, b"acme"),
            ("resources", "order.bpmn", BPMN),
            ("resources", "risk.dmn", DMN),
        ],
        key=repr,
    )


async def test_create_accepts_paths_and_file_objects(
    invoke: Invoke, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/deployments", json=DEPLOYMENT)
    path = tmp_path / "order.bpmn"
    path.write_bytes(BPMN)
    stream = io.BytesIO(DMN)
    stream.name = "/somewhere/else/risk.dmn"
    await invoke("deployments.create", resources=[path, stream])
    assert form_parts(only_request(httpx_mock)) == [
        ("resources", "order.bpmn", BPMN),
        ("resources", "risk.dmn", DMN),
    ]


async def test_deploy_files_reads_real_files(
    invoke: Invoke, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/deployments", json=DEPLOYMENT)
    (tmp_path / "order.bpmn").write_bytes(BPMN)
    (tmp_path / "risk.dmn").write_bytes(DMN)
    deployment = await invoke(
        "deployments.deploy_files",
        [tmp_path / "order.bpmn", str(tmp_path / "risk.dmn")],
        tenant_id="acme",
    )
    assert isinstance(deployment, Deployment)
    assert sorted(form_parts(only_request(httpx_mock)), key=repr) == sorted(
        [
            ("tenantId", None, b"acme"),
            ("resources", "order.bpmn", BPMN),
            ("resources", "risk.dmn", DMN),
        ],
        key=repr,
    )


async def test_deploy_files_with_a_missing_file_sends_nothing(
    invoke: Invoke, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    (tmp_path / "order.bpmn").write_bytes(BPMN)
    missing = tmp_path / "missing.bpmn"
    with pytest.raises(FileNotFoundError, match=r"missing\.bpmn") as caught:
        await invoke("deployments.deploy_files", [tmp_path / "order.bpmn", missing])
    assert caught.value.filename == str(missing)
    assert httpx_mock.get_requests() == []


def test_a_deployment_lists_what_it_created_by_kind() -> None:
    form = {
        "formId": "start",
        "version": 1,
        "resourceName": "start.form",
        "tenantId": "acme",
        "formKey": "2251799813685304",
    }
    deployment = Deployment.model_validate(
        {**DEPLOYMENT, "deployments": [*DEPLOYMENT["deployments"], {"form": form}]}
    )
    assert [p.process_definition_id for p in deployment.processes] == ["order"]
    assert [d.decision_definition_id for d in deployment.decisions] == ["risk"]
    assert [f.form_id for f in deployment.forms] == ["start"]
    assert deployment.decision_requirements == [] and deployment.resources == []


async def test_create_rejects_a_resource_of_the_wrong_type(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidArgumentError, match="resources"):
        await invoke("deployments.create", resources=[42])
    assert httpx_mock.get_requests() == []
