# Derived by scripts/unasync.py from _async/documents.py; do not edit.
"""The ``documents`` resource group: upload, download, link and delete documents.

Files for uploads may be given as a ``(filename, bytes)`` (or ``(filename, bytes,
content_type)``) tuple, a path (``str`` or ``Path``, read off the event loop on the async
client) or a binary file object (its ``name`` becomes the filename).
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from contextlib import contextmanager
from types import NoneType
from typing import Any

import httpx

from camunda._transport import FileValue, Operation
from camunda.models.documents import (
    CreateDocumentLinkRequest,
    DocumentBatch,
    DocumentLink,
    DocumentMetadata,
    DocumentReference,
    UploadDocumentRequest,
    UploadDocumentsRequest,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["Documents"]

_UPLOAD = Operation(
    "POST",
    "/documents",
    "createDocument",
    body=UploadDocumentRequest,
    returns=DocumentReference,
    query=("store_id", "document_id"),
    multipart=True,
    files=("file",),
)
_UPLOAD_MANY = Operation(
    "POST",
    "/documents/batch",
    "createDocuments",
    body=UploadDocumentsRequest,
    returns=DocumentBatch,
    query=("store_id",),
    multipart=True,
    files=("files",),
)
_DOWNLOAD = Operation(
    "GET",
    "/documents/{documentId}",
    "getDocument",
    returns=bytes,
    query=("store_id", "content_hash"),
)
_CREATE_LINK = Operation(
    "POST",
    "/documents/{documentId}/links",
    "createDocumentLink",
    body=CreateDocumentLinkRequest,
    returns=DocumentLink,
    query=("store_id", "content_hash"),
)
_DELETE = Operation(
    "DELETE", "/documents/{documentId}", "deleteDocument", returns=NoneType, query=("store_id",)
)


class Documents(APIResource):
    """Documents in the cluster's document stores, referenced from process variables.

    ``store_id`` picks a store other than the cluster's default one.
    """

    __slots__ = ()

    @endpoint(_UPLOAD)
    def upload(
        self,
        *,
        file: FileValue,
        metadata: DocumentMetadata | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        store_id: str | NotGiven = NOT_GIVEN,
        document_id: str | NotGiven = NOT_GIVEN,
    ) -> DocumentReference:
        """Upload one document; ``document_id`` chooses its id (else the store picks one).

        ``POST /documents`` (createDocument)

        Sent as ``multipart/form-data``: a ``file`` part and, if given, a JSON ``metadata``
        part; ``store_id`` and ``document_id`` go into the query string.

        Args:
            file: the document to upload.
            metadata: the document's metadata (content type, file name, expiry, custom properties).
            store_id: the document store (default: the cluster's default store).
            document_id: the document's id in its store.
        """
        return self._transport.request(_UPLOAD, locals())

    @endpoint(_UPLOAD_MANY)
    def upload_many(
        self,
        *,
        files: Sequence[FileValue],
        metadata_list: Sequence[DocumentMetadata | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        store_id: str | NotGiven = NOT_GIVEN,
    ) -> DocumentBatch:
        """Upload several documents in one request.

        ``POST /documents/batch`` (createDocuments)

        Each file is a ``files`` part; ``metadata_list``, if given, is one JSON
        ``metadataList`` part whose entries match ``files`` by position. Files that could not
        be stored are listed in ``failed_documents`` (the cluster then answers 207).

        Args:
            files: the documents to upload.
            metadata_list: metadata for each file, in the same order as the files.
            store_id: the document store (default: the cluster's default store).
        """
        return self._transport.request(_UPLOAD_MANY, locals())

    @endpoint(_DOWNLOAD)
    def download(
        self,
        document_id: str,
        *,
        store_id: str | NotGiven = NOT_GIVEN,
        content_hash: str | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """Download a document's content into memory (see :meth:`open_download` for large ones).

        ``GET /documents/{documentId}`` (getDocument)

        ``content_hash`` (from the :class:`DocumentReference`) makes the store check that the
        content is still the one referenced.

        Args:
            document_id: the document's id in its store.
            store_id: the document store (default: the cluster's default store).
            content_hash: the content hash from the document reference; the store checks the content
                still matches.
        """
        return self._transport.request(_DOWNLOAD, locals())

    @contextmanager
    def open_download(
        self,
        document_id: str,
        *,
        store_id: str | NotGiven = NOT_GIVEN,
        content_hash: str | NotGiven = NOT_GIVEN,
    ) -> Generator[httpx.Response, None]:
        """Stream a document's content without loading it into memory.

        ``GET /documents/{documentId}`` (getDocument)

        A context manager yielding the unread ``httpx.Response``; read it in chunks with
        ``response.iter_bytes()`` (``response.aiter_bytes()`` with the async client). The
        connection is released when the block exits. An error status raises (as from every
        other call) before the block is entered.
        """
        with self._transport.stream(_DOWNLOAD, locals()) as response:
            yield response

    @endpoint(_CREATE_LINK)
    def create_link(
        self,
        document_id: str,
        *,
        time_to_live: int | NotGiven = NOT_GIVEN,
        store_id: str | NotGiven = NOT_GIVEN,
        content_hash: str | NotGiven = NOT_GIVEN,
    ) -> DocumentLink:
        """Create a URL that downloads the document without credentials until it expires.

        ``POST /documents/{documentId}/links`` (createDocumentLink)

        ``time_to_live`` is in milliseconds (the cluster's default: one hour). Not every
        store supports links.

        Args:
            document_id: the document's id in its store.
            time_to_live: how long the link stays valid, in milliseconds (default: one hour).
            store_id: the document store (default: the cluster's default store).
            content_hash: the content hash from the document reference; the store checks the content
                still matches.
        """
        return self._transport.request(_CREATE_LINK, locals())

    @endpoint(_DELETE)
    def delete(
        self,
        document_id: str,
        *,
        store_id: str | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a document from its store.

        ``DELETE /documents/{documentId}`` (deleteDocument)

        Args:
            document_id: the document's id in its store.
            store_id: the document store (default: the cluster's default store).
        """
        return self._transport.request(_DELETE, locals())
