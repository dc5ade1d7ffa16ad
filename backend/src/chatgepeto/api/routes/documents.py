"""Documents: upload, list, inspect, rename, delete, re-index, download the original; passages."""

from __future__ import annotations

from flask import Blueprint, Response, request

from chatgepeto.api import schemas
from chatgepeto.api.context import services
from chatgepeto.api.limits import rate_limited
from chatgepeto.api.originals import original_response
from chatgepeto.api.serializers import chunk_out, document_out, send, uploaded_out
from chatgepeto.api.validation import FILE, TitleBody, documented, parse_body
from chatgepeto.api.viewer import current_viewer, guarded, teacher_only
from chatgepeto.errors import AppError
from chatgepeto.services.access import Item

bp = Blueprint("documents", __name__)


@bp.post("/api/documents")
@rate_limited("upload")
@teacher_only
@documented(
    multipart={
        "file": "the document (PDF, DOCX, PPTX, Markdown, HTML, text)",
        "collection": "collection id (default: default)",
    },
    response=schemas.UploadedDocument,
    responses={
        202: "Queued for indexing",
        200: "Already in this collection (duplicate)",
        413: "Too large",
        422: "Unsupported or empty file",
        404: "Unknown collection, or not one's own",
        429: "Too many uploads",
    },
)
def upload_document() -> tuple[Response, int]:
    """Upload a document; indexing continues in the background."""
    upload = request.files.get("file")
    if upload is None:
        raise AppError("Envie o arquivo no campo multipart 'file'.", "bad_request:upload")
    collection = request.form.get("collection") or None
    result = services().catalogue.upload(
        current_viewer(), upload.filename, upload.read(), collection
    )
    return send(uploaded_out(result.document, result.duplicate), 200 if result.duplicate else 202)


@bp.get("/api/documents")
@documented(
    response=schemas.DocumentList,
    responses={
        200: "The documents one may see, newest first; ?collection= filters",
        404: "Unknown collection, or not one to see",
    },
)
def list_documents() -> tuple[Response, int]:
    """List documents with their status."""
    collection = request.args.get("collection") or None
    documents = services().catalogue.documents(current_viewer(), collection)
    return send(schemas.DocumentList(documents=[document_out(d) for d in documents]))


@bp.get("/api/documents/<document_id>")
@guarded(Item.DOCUMENT)
@documented(response=schemas.DocumentOut, responses={200: "The document", 404: "Unknown document"})
def get_document(document_id: str) -> tuple[Response, int]:
    """One document: status, pages, chunks, error."""
    return send(document_out(services().library.require_document(document_id)))


@bp.patch("/api/documents/<document_id>")
@teacher_only
@guarded(Item.DOCUMENT, write=True)
@documented(
    body=TitleBody,
    response=schemas.DocumentOut,
    responses={200: "Renamed", 404: "Unknown document"},
)
def rename_document(document_id: str) -> tuple[Response, int]:
    """Change a document's title."""
    body = parse_body(TitleBody)
    return send(document_out(services().library.rename_document(document_id, body.title)))


@bp.delete("/api/documents/<document_id>")
@teacher_only
@guarded(Item.DOCUMENT, write=True)
@documented(responses={204: "Deleted", 404: "Unknown document"})
def delete_document(document_id: str) -> tuple[str, int]:
    """Delete a document, its passages and its original."""
    services().library.delete_document(document_id)
    return "", 204


@bp.post("/api/documents/<document_id>/reindex")
@rate_limited("upload")
@teacher_only
@guarded(Item.DOCUMENT, write=True)
@documented(
    response=schemas.DocumentOut,
    responses={
        202: "Queued to be parsed again from the stored original",
        404: "Unknown document",
        409: "Already queued or processing",
        429: "Too many uploads",
    },
)
def reindex_document(document_id: str) -> tuple[Response, int]:
    """Parse a document again; its passages stay searchable until the new ones replace them."""
    return send(document_out(services().library.reindex(document_id)), 202)


@bp.get("/api/documents/<document_id>/file")
@guarded(Item.DOCUMENT)
@documented(
    response=FILE,
    responses={
        200: "The uploaded bytes, inline, streamed in slices (ETag, Accept-Ranges)",
        206: "The one byte range asked for (Range: bytes=start-end)",
        304: "Not modified (If-None-Match)",
        404: "Unknown document",
        416: "Range past the end of the file",
    },
)
def document_file(document_id: str) -> Response:
    """The original file, inline with its detected type (citations add #page=N)."""
    library = services().library
    document = library.require_document(document_id)
    return original_response(
        document, lambda start, stop: library.original_slices(document_id, start, stop)
    )


@bp.get("/api/chunks/<chunk_id>")
@guarded(Item.CHUNK)
@documented(response=schemas.ChunkOut, responses={200: "The passage", 404: "Unknown passage"})
def get_chunk(chunk_id: str) -> tuple[Response, int]:
    """A passage with its page, heading path, document id and title."""
    return send(chunk_out(services().library.require_chunk(chunk_id)))
