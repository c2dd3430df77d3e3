"""``client.documents``: multipart uploads, downloads (buffered and streamed), links."""

from __future__ import annotations

import email
import email.policy
import io
import json
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from pytest_httpx import HTTPXMock, IteratorStream

from camunda import InvalidArgumentError, NotFoundError
from camunda.models.documents import (
    DocumentBatch,
    DocumentLink,
    DocumentMetadata,
    DocumentReference,
)
from camunda.types import ProcessInstanceKey
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.anyio

STORED: dict[str, Any] = {
    "contentType": "text/plain",
    "fileName": "invoice.txt",
    "expiresAt": None,
    "size": 5,
    "processDefinitionId": None,
    "processInstanceKey": None,
    "customProperties": {},
}
REFERENCE: dict[str, Any] = {
    "camunda.document.type": "camunda",
    "storeId": "in-memory",
    "documentId": "doc-1",
    "contentHash": "abc123",
    "metadata": STORED,
}


def _parts(request: httpx.Request) -> list[tuple[str, str | None, str, bytes]]:
    """(name, filename, content type, content) of each part of a multipart request."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    message = email.message_from_bytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + request.content,
        policy=email.policy.HTTP,
    )
    out: list[tuple[str, str | None, str, bytes]] = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        out.append(
            (
                str(part.get_param("name", header="content-disposition")),
                part.get_filename(),
                part.get_content_type(),
                payload,
            )
        )
    return out


def _request(httpx_mock: HTTPXMock) -> httpx.Request:
    request = httpx_mock.get_request()
    assert request is not None
    return request


# ----------------------------------------------------------------------------------- upload


async def test_upload_sends_file_and_json_metadata_parts(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/documents?storeId=s3&documentId=doc-1",
        status_code=201,
        json=REFERENCE,
    )
    result = await invoke(
        "documents.upload",
        file=("invoice.txt", b"hello", "text/plain"),
        metadata=DocumentMetadata(
            file_name="invoice.txt",
            process_instance_key=ProcessInstanceKey("42"),
            custom_properties={"kind": "invoice"},
        ),
        store_id="s3",
        document_id="doc-1",
    )
    assert isinstance(result, DocumentReference)
    assert result.document_type == "camunda"
    assert result.metadata.size == 5
    assert result.to_wire() == REFERENCE
    parts = _parts(_request(httpx_mock))
    assert [part[:3] for part in parts] == [
        ("file", "invoice.txt", "text/plain"),
        ("metadata", None, "application/json"),
    ]
    assert parts[0][3] == b"hello"
    assert json.loads(parts[1][3]) == {
        "fileName": "invoice.txt",
        "processInstanceKey": "42",
        "customProperties": {"kind": "invoice"},
    }


async def test_upload_without_metadata_sends_only_the_file(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/documents", status_code=201, json=REFERENCE)
    await invoke("documents.upload", file=("a.bin", b"\x00\x01"))
    assert [(n, f, c) for n, f, _, c in _parts(_request(httpx_mock))] == [
        ("file", "a.bin", b"\x00\x01"),
    ]


async def test_upload_from_a_path(invoke: Invoke, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 report")
    httpx_mock.add_response(method="POST", url=f"{BASE}/documents", status_code=201, json=REFERENCE)
    await invoke("documents.upload", file=str(path))
    [(name, filename, _, content)] = _parts(_request(httpx_mock))
    assert (name, filename, content) == ("file", "report.pdf", b"%PDF-1.7 report")


async def test_upload_from_a_file_object(
    invoke: Invoke, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"some notes")
    httpx_mock.add_response(method="POST", url=f"{BASE}/documents", status_code=201, json=REFERENCE)
    with path.open("rb") as handle:
        await invoke("documents.upload", file=handle, metadata={"contentType": "text/plain"})
    parts = _parts(_request(httpx_mock))
    assert [(n, f) for n, f, _, _ in parts] == [("file", "notes.txt"), ("metadata", None)]
    assert parts[0][3] == b"some notes"


async def test_upload_of_a_missing_path_fails_before_sending(
    invoke: Invoke, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError, match=r"missing\.txt"):
        await invoke("documents.upload", file=tmp_path / "missing.txt")
    assert httpx_mock.get_requests() == []


async def test_upload_rejects_bad_metadata(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="metadata"):
        await invoke("documents.upload", file=("a", b"x"), metadata={"sizee": 1})
    assert httpx_mock.get_requests() == []


async def test_upload_many_sends_files_parts_and_one_metadata_list(
    invoke: Invoke, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"bee")
    answer: dict[str, Any] = {
        "createdDocuments": [REFERENCE],
        "failedDocuments": [
            {"fileName": "c.txt", "status": 413, "title": "PAYLOAD_TOO_LARGE", "detail": "too big"},
        ],
    }
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/documents/batch?storeId=s3", status_code=207, json=answer
    )
    result = await invoke(
        "documents.upload_many",
        files=[("a.txt", b"ay"), path, io.BytesIO(b"sea")],
        metadata_list=[{"fileName": "a.txt"}, DocumentMetadata(file_name="b.txt"), {}],
        store_id="s3",
    )
    assert isinstance(result, DocumentBatch)
    assert result.created_documents[0].document_id == "doc-1"
    assert result.failed_documents[0].status == 413
    parts = _parts(_request(httpx_mock))
    assert [(n, f, c) for n, f, _, c in parts[:3]] == [
        ("files", "a.txt", b"ay"),
        ("files", "b.txt", b"bee"),
        ("files", "files", b"sea"),
    ]
    name, filename, content_type, content = parts[3]
    assert (name, filename, content_type) == ("metadataList", None, "application/json")
    assert json.loads(content) == [{"fileName": "a.txt"}, {"fileName": "b.txt"}, {}]
    assert len(parts) == 4


# --------------------------------------------------------------------------------- download


async def test_download_returns_bytes(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/documents/doc-1?storeId=s3&contentHash=h1", content=b"\x89PNG..."
    )
    result = await invoke("documents.download", "doc-1", store_id="s3", content_hash="h1")
    assert result == b"\x89PNG..."


CHUNK = 64 * 1024
CHUNKS = 64  # 4 MiB in all


async def test_open_download_streams_without_buffering(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    produced: list[int] = []

    def body() -> Iterator[bytes]:
        for index in range(CHUNKS):
            produced.append(index)
            yield bytes([index]) * CHUNK

    httpx_mock.add_response(
        method="GET", url=f"{BASE}/documents/doc-1?storeId=s3", stream=IteratorStream(body())
    )
    manager: Any = await invoke("documents.open_download", "doc-1", store_id="s3")
    sizes: list[int] = []
    produced_after_first: int | None = None
    if hasattr(manager, "__aenter__"):
        async with manager as response:
            assert isinstance(response, httpx.Response)
            assert response.status_code == 200
            async for chunk in response.aiter_bytes():
                sizes.append(len(chunk))
                produced_after_first = produced_after_first or len(produced)
    else:
        with manager as response:
            assert isinstance(response, httpx.Response)
            assert response.status_code == 200
            for chunk in response.iter_bytes():
                sizes.append(len(chunk))
                produced_after_first = produced_after_first or len(produced)
    assert produced_after_first == 1  # the body was not read ahead into memory
    assert sizes == [CHUNK] * CHUNKS
    assert response.is_closed


async def test_open_download_raises_before_the_block(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/documents/nope",
        status_code=404,
        json={"title": "NOT_FOUND", "status": 404, "detail": "no such doc"},
    )
    manager: Any = await invoke("documents.open_download", "nope")
    entered = False
    with pytest.raises(NotFoundError, match="no such doc"):
        if hasattr(manager, "__aenter__"):
            async with manager:
                entered = True
        else:
            with manager:
                entered = True
    assert not entered


# ---------------------------------------------------------------------------- link, delete


async def test_create_link(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/documents/doc-1/links?storeId=s3&contentHash=h1",
        status_code=201,
        json={"url": "https://store.example/doc-1?sig=x", "expiresAt": "2025-06-01T12:00:00Z"},
    )
    link = await invoke(
        "documents.create_link", "doc-1", time_to_live=60_000, store_id="s3", content_hash="h1"
    )
    assert isinstance(link, DocumentLink)
    assert link.url == "https://store.example/doc-1?sig=x"
    assert link.expires_at.tzinfo is not None
    request = _request(httpx_mock)
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {"timeToLive": 60000}


async def test_delete(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/documents/doc-1?storeId=s3", status_code=204
    )
    assert await invoke("documents.delete", "doc-1", store_id="s3") is None
    assert _request(httpx_mock).content == b""
