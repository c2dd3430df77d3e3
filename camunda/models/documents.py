"""Models of the ``documents`` resource group: uploads, references, links."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from camunda.models._base import KEY, RequestModel, ResponseModel, wire
from camunda.types import ProcessInstanceKey

__all__ = [
    "CreateDocumentLinkRequest",
    "DocumentBatch",
    "DocumentCreationFailure",
    "DocumentLink",
    "DocumentMetadata",
    "DocumentReference",
    "StoredDocumentMetadata",
    "UploadDocumentRequest",
    "UploadDocumentsRequest",
]


class DocumentMetadata(RequestModel):
    """What to record about a document when uploading it; every field is optional.

    Spec: `DocumentMetadata`
    """

    content_type: str | None = None
    file_name: str | None = None
    expires_at: datetime | None = None
    size: int | None = None
    process_definition_id: str | None = None
    process_instance_key: Annotated[ProcessInstanceKey, KEY] | None = None
    custom_properties: dict[str, Any] | None = None


class StoredDocumentMetadata(ResponseModel):
    """What the store recorded about a document.

    Spec: `DocumentMetadataResponse`
    """

    content_type: str
    file_name: str
    expires_at: datetime | None = None
    size: int
    process_definition_id: str | None = None
    process_instance_key: ProcessInstanceKey | None = None
    custom_properties: dict[str, Any]


class DocumentReference(ResponseModel):
    """A stored document; its ``to_wire()`` form can be passed as a process variable.

    Spec: `DocumentReference`
    """

    document_type: str = wire("camunda.document.type", ...)
    store_id: str
    document_id: str
    content_hash: str | None = None
    metadata: StoredDocumentMetadata


class DocumentCreationFailure(ResponseModel):
    """One file of a batch upload that was not stored, and why.

    Spec: `DocumentCreationFailureDetail`
    """

    file_name: str
    status: int
    title: str
    detail: str


class DocumentBatch(ResponseModel):
    """The result of a batch upload: the stored documents and the failed ones.

    Spec: `DocumentCreationBatchResponse`
    """

    created_documents: list[DocumentReference]
    failed_documents: list[DocumentCreationFailure]


class DocumentLink(ResponseModel):
    """A time-limited URL to download a document without credentials.

    Spec: `DocumentLink`
    """

    url: str
    expires_at: datetime


class CreateDocumentLinkRequest(RequestModel):
    """Spec: `DocumentLinkRequest`"""

    time_to_live: int | None = None


class UploadDocumentRequest(RequestModel):
    """The non-file part of a single upload (the ``file`` part is sent as is).

    Spec: `createDocument` (inline ``multipart/form-data`` body, no schema of its own)
    """

    metadata: DocumentMetadata | None = None


class UploadDocumentsRequest(RequestModel):
    """The non-file part of a batch upload: one metadata entry per file, in order.

    Spec: `createDocuments` (inline ``multipart/form-data`` body, no schema of its own)
    """

    metadata_list: list[DocumentMetadata] | None = None
