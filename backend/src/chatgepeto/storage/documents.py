"""Uploaded files over SQLAlchemy Core: their records, their original bytes, their copies."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Engine, LargeBinary, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from chatgepeto.errors import NotFound
from chatgepeto.storage import page_texts
from chatgepeto.storage import schema as s
from chatgepeto.storage.chunk_writes import ChunkWriter, bump_generation
from chatgepeto.storage.clock import now
from chatgepeto.storage.study import delete_document_items
from chatgepeto.storage.types import Document, DocumentStatus, NewChunk


def _document(row: Row[Any]) -> Document:
    m = row._mapping
    return Document(
        id=m["id"],
        collection_id=m["collection_id"],
        title=m["title"],
        filename=m["filename"],
        content_type=m["content_type"],
        sha256=m["sha256"],
        size_bytes=m["size_bytes"],
        status=DocumentStatus(m["status"]),
        error=m["error"],
        error_code=m["error_code"],
        pages=m["pages"],
        chunk_count=m["chunk_count"] or 0,
        progress=m["progress"] or 0.0,
        tokens=m["tokens"] or 0,
        ingest_seconds=m["ingest_seconds"],
        created_at=m["created_at"],
        updated_at=m["updated_at"],
        suspect_pages=tuple(json.loads(m["suspect_pages"] or "[]")),
    )


def read_document(conn: Connection, document_id: str) -> Document | None:
    """One document, read in the caller's connection."""
    row = conn.execute(select(s.documents).where(s.documents.c.id == document_id)).first()
    return _document(row) if row else None


def delete_rows(conn: Connection, writer: ChunkWriter, document_id: str) -> bool:
    """Delete a document with its chunks, page texts, job and (if unshared) original; False
    when there is no such document."""
    row = conn.execute(select(s.documents.c.sha256).where(s.documents.c.id == document_id)).first()
    if row is None:
        return False
    delete_document_items(conn, document_id)
    writer.delete(conn, document_id)
    page_texts.remove(conn, document_id)
    conn.execute(delete(s.jobs).where(s.jobs.c.document_id == document_id))
    conn.execute(delete(s.documents).where(s.documents.c.id == document_id))
    shared = conn.execute(
        select(func.count()).select_from(s.documents).where(s.documents.c.sha256 == row.sha256)
    ).scalar_one()
    if not shared:
        conn.execute(delete(s.blobs).where(s.blobs.c.sha256 == row.sha256))
    return True


def _not_found() -> NotFound:
    return NotFound("O documento não existe.", "not_found:document")


class SqlDocuments:
    """Documents and their originals (blobs shared by content hash)."""

    def __init__(self, engine: Engine, writer: ChunkWriter) -> None:
        self.engine = engine
        self._writer = writer

    def add_document(
        self, collection_id: str, filename: str, content_type: str, data: bytes, sha256: str
    ) -> Document:
        document_id = uuid.uuid4().hex[:16]
        stamp = now()
        with self.engine.begin() as conn:
            found = conn.execute(select(s.blobs.c.sha256).where(s.blobs.c.sha256 == sha256))
            if found.first() is None:
                conn.execute(insert(s.blobs).values(sha256=sha256, data=data, size_bytes=len(data)))
            conn.execute(
                insert(s.documents).values(
                    id=document_id,
                    collection_id=collection_id,
                    title=filename,
                    filename=filename,
                    content_type=content_type,
                    sha256=sha256,
                    size_bytes=len(data),
                    status=DocumentStatus.QUEUED.value,
                    chunk_count=0,
                    progress=0.0,
                    tokens=0,
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
            conn.execute(
                insert(s.jobs).values(
                    kind="ingest",
                    document_id=document_id,
                    state="queued",
                    attempts=0,
                    created_at=stamp,
                )
            )
        return self._existing(document_id)

    def _existing(self, document_id: str) -> Document:
        document = self.get_document(document_id)
        assert document is not None
        return document

    def find_document(self, collection_id: str, sha256: str) -> Document | None:
        query = select(s.documents).where(
            s.documents.c.collection_id == collection_id, s.documents.c.sha256 == sha256
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _document(row) if row else None

    def find_ready_copy(self, sha256: str) -> Document | None:
        query = select(s.documents).where(
            s.documents.c.sha256 == sha256, s.documents.c.status == DocumentStatus.READY.value
        )
        with self.engine.connect() as conn:
            row = conn.execute(query.limit(1)).first()
        return _document(row) if row else None

    def copy_document(self, source_id: str, collection_id: str, filename: str) -> Document:
        source = self.get_document(source_id)
        if source is None:
            raise _not_found()
        document_id = uuid.uuid4().hex[:16]
        stamp = now()
        with self.engine.begin() as conn:
            values = {k: v for k, v in source.__dict__.items() if k in s.documents.c}
            values.update(
                suspect_pages=json.dumps(list(source.suspect_pages)),
                id=document_id,
                collection_id=collection_id,
                title=filename,
                filename=filename,
                status=source.status.value,
                created_at=stamp,
                updated_at=stamp,
            )
            conn.execute(insert(s.documents).values(**values))
            rows = conn.execute(select(s.chunks).where(s.chunks.c.document_id == source_id))
            new = [
                dict(
                    NewChunk(
                        r["position"],
                        r["page"],
                        tuple(json.loads(r["heading_path"])),
                        r["text"],
                        r["terms"].split(),
                        r["embedding"],
                        r["char_start"],
                        r["char_end"],
                    ).__dict__
                )
                for r in rows.mappings().all()
            ]
            self._writer.insert(conn, document_id, collection_id, new)
            page_texts.copy(conn, source_id, document_id)
            bump_generation(conn)
        return self._existing(document_id)

    def get_document(self, document_id: str) -> Document | None:
        with self.engine.connect() as conn:
            return read_document(conn, document_id)

    def list_documents(self, collection_id: str | None = None) -> list[Document]:
        query = select(s.documents).order_by(s.documents.c.created_at.desc(), s.documents.c.id)
        if collection_id is not None:
            query = query.where(s.documents.c.collection_id == collection_id)
        with self.engine.connect() as conn:
            return [_document(r) for r in conn.execute(query)]

    def rename_document(self, document_id: str, title: str) -> Document:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s.documents)
                .where(s.documents.c.id == document_id)
                .values(title=title, updated_at=now())
            )
        if result.rowcount == 0:
            raise _not_found()
        return self._existing(document_id)

    def delete_document(self, document_id: str) -> None:
        with self.engine.begin() as conn:
            if not delete_rows(conn, self._writer, document_id):
                raise _not_found()
            bump_generation(conn)

    def get_original(self, document_id: str) -> bytes | None:
        query = (
            select(s.blobs.c.data)
            .join(s.documents, s.documents.c.sha256 == s.blobs.c.sha256)
            .where(s.documents.c.id == document_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return bytes(row.data) if row else None

    def read_original(self, document_id: str, offset: int, length: int) -> bytes | None:
        if offset < 0 or length <= 0:
            raise ValueError(f"need offset >= 0 and length > 0, got {offset} and {length}")
        # substr (substring on PostgreSQL) is 1-based and cut in the database.
        part = func.substr(s.blobs.c.data, offset + 1, length, type_=LargeBinary)
        query = (
            select(part.label("part"))
            .join(s.documents, s.documents.c.sha256 == s.blobs.c.sha256)
            .where(s.documents.c.id == document_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return bytes(row.part) if row else None
