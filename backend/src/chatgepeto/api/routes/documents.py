"""Documents: upload, list, inspect, rename, delete, re-index, download the original; passages."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from chatgepeto.api.auth import teacher_only
from chatgepeto.api.context import services
from chatgepeto.api.limits import rate_limited
from chatgepeto.api.originals import original_response
from chatgepeto.api.serializers import chunk_json, document_json
from chatgepeto.api.validation import TitleBody, documented, parse_body
from chatgepeto.errors import AppError, NotFound

bp = Blueprint("documents", __name__)


@bp.post("/api/documents")
@rate_limited("upload")
@teacher_only
@documented(
    multipart={
        "file": "the document (PDF, DOCX, PPTX, Markdown, HTML, text)",
        "collection": "collection id (default: default)",
    },
    responses={
        202: "Queued for indexing",
        200: "Already in this collection (duplicate)",
        413: "Too large",
        422: "Unsupported or empty file",
        429: "Too many uploads",
    },
)
def upload_document() -> tuple[Response, int]:
    """Upload a document; indexing continues in the background."""
    upload = request.files.get("file")
    if upload is None:
        raise AppError("Envie o arquivo no campo multipart 'file'.", "bad_request:upload")
    collection = request.form.get("collection") or None
    result = services().library.upload(upload.filename, upload.read(), collection)
    body = document_json(result.document) | {"duplicate": result.duplicate}
    return jsonify(body), 200 if result.duplicate else 202


@bp.get("/api/documents")
@documented(responses={200: "Documents, newest first; ?collection= filters"})
def list_documents() -> Response:
    """List documents with their status."""
    collection = request.args.get("collection") or None
    if collection is not None:
        services().library.require_collection(collection)
    documents = services().store.list_documents(collection)
    return jsonify({"documents": [document_json(d) for d in documents]})


@bp.get("/api/documents/<document_id>")
@documented(responses={200: "The document", 404: "Unknown document"})
def get_document(document_id: str) -> Response:
    """One document: status, pages, chunks, error."""
    return jsonify(document_json(services().library.require_document(document_id)))


@bp.patch("/api/documents/<document_id>")
@teacher_only
@documented(body=TitleBody, responses={200: "Renamed", 404: "Unknown document"})
def rename_document(document_id: str) -> Response:
    """Change a document's title."""
    body = parse_body(TitleBody)
    return jsonify(document_json(services().store.rename_document(document_id, body.title)))


@bp.delete("/api/documents/<document_id>")
@teacher_only
@documented(responses={204: "Deleted", 404: "Unknown document"})
def delete_document(document_id: str) -> tuple[str, int]:
    """Delete a document, its passages and its original."""
    services().store.delete_document(document_id)
    return "", 204


@bp.post("/api/documents/<document_id>/reindex")
@rate_limited("upload")
@teacher_only
@documented(
    responses={
        202: "Queued to be parsed again from the stored original",
        404: "Unknown document",
        409: "Already queued or processing",
        429: "Too many uploads",
    }
)
def reindex_document(document_id: str) -> tuple[Response, int]:
    """Parse a document again; its passages stay searchable until the new ones replace them."""
    return jsonify(document_json(services().library.reindex(document_id))), 202


@bp.get("/api/documents/<document_id>/file")
@documented(
    responses={
        200: "The uploaded bytes, inline, streamed in slices (ETag, Accept-Ranges)",
        206: "The one byte range asked for (Range: bytes=start-end)",
        304: "Not modified (If-None-Match)",
        404: "Unknown document",
        416: "Range past the end of the file",
    }
)
def document_file(document_id: str) -> Response:
    """The original file, inline with its detected type (citations add #page=N)."""
    library = services().library
    document = library.require_document(document_id)
    return original_response(
        document, lambda start, stop: library.original_slices(document_id, start, stop)
    )


@bp.get("/api/chunks/<chunk_id>")
@documented(responses={200: "The passage", 404: "Unknown passage"})
def get_chunk(chunk_id: str) -> Response:
    """A passage with its page, heading path, document id and title."""
    chunk = services().store.get_chunk(chunk_id)
    if chunk is None:
        raise NotFound(
            "Trecho não encontrado (o documento pode ter sido excluído).", "not_found:chunk"
        )
    return jsonify(chunk_json(chunk))
