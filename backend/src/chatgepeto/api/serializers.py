"""Storage records as the JSON the API promises."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.storage.types import ChunkRecord, Collection, Document


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC (SQLite hands datetimes back without their zone)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def collection_json(collection: Collection) -> dict[str, Any]:
    """A collection with its document count."""
    return {"id": collection.id, "name": collection.name, "documents": collection.documents}


def document_json(document: Document) -> dict[str, Any]:
    """A document with its indexing state."""
    return {
        "id": document.id,
        "title": document.title,
        "filename": document.filename,
        "collection": document.collection_id,
        "status": document.status.value,
        "error": document.error,
        "error_code": document.error_code,
        "pages": document.pages,
        # Pages whose text layer looked corrupted: the teacher may want to check them.
        "suspect_pages": list(document.suspect_pages),
        "chunks": document.chunk_count,
        "progress": round(document.progress, 3),
        "content_type": document.content_type,
        "size_bytes": document.size_bytes,
        "created_at": iso(document.created_at),
        "updated_at": iso(document.updated_at),
    }


def chunk_json(chunk: ChunkRecord) -> dict[str, Any]:
    """A passage with its document and page."""
    return {
        "id": chunk.id,
        "document_id": chunk.document_id,
        "title": chunk.title,
        "page": chunk.page,
        "heading_path": list(chunk.heading_path),
        "text": chunk.text,
        "collection": chunk.collection_id,
    }


def result_json(result: RetrievedChunk) -> dict[str, Any]:
    """A ranked passage."""
    return {
        "chunk_id": result.chunk_id,
        "document_id": result.document_id,
        "title": result.title,
        "page": result.page,
        "heading_path": list(result.heading_path),
        "text": result.text,
        "score": round(result.score, 6),
        "collection": result.collection_id,
    }
