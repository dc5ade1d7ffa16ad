"""The storage interface over SQLAlchemy Core; dialects add lexical search and pooling."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Engine, LargeBinary, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from chatgepeto.errors import NotFound
from chatgepeto.storage import course_stats
from chatgepeto.storage import schema as s
from chatgepeto.storage.catalog import CollectionsMixin
from chatgepeto.storage.clock import now
from chatgepeto.storage.conversations import ConversationsMixin
from chatgepeto.storage.jobs import JobsMixin
from chatgepeto.storage.migrate import upgrade
from chatgepeto.storage.page_texts import PageTextsMixin
from chatgepeto.storage.types import (
    ChunkRecord,
    Document,
    DocumentStatus,
    NewChunk,
)
from chatgepeto.storage.usage import UsageMixin


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


def _chunk(row: Row[Any]) -> ChunkRecord:
    m = row._mapping
    return ChunkRecord(
        id=m["id"],
        document_id=m["document_id"],
        collection_id=m["collection_id"],
        title=m["title"],
        position=m["position"],
        page=m["page"],
        heading_path=tuple(json.loads(m["heading_path"] or "[]")),
        text=m["text"],
    )


_CHUNK_COLUMNS = (
    s.chunks.c.rowid,
    s.chunks.c.id,
    s.chunks.c.document_id,
    s.chunks.c.collection_id,
    s.documents.c.title,
    s.chunks.c.position,
    s.chunks.c.page,
    s.chunks.c.heading_path,
    s.chunks.c.text,
)


class SqlStore(PageTextsMixin, CollectionsMixin, JobsMixin, ConversationsMixin, UsageMixin):
    """Shared implementation; subclasses provide the lexical index of their database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        upgrade(self.engine)
        with self.engine.begin() as conn:
            if conn.execute(select(s.index_state.c.id)).first() is None:
                conn.execute(insert(s.index_state).values(id=1, generation=0))
            exists = conn.execute(select(s.collections.c.id).where(s.collections.c.id == "default"))
            if exists.first() is None:
                conn.execute(
                    insert(s.collections).values(id="default", name="default", created_at=now())
                )

    # --- documents --------------------------------------------------------------------------
    def add_document(
        self, collection_id: str, filename: str, content_type: str, data: bytes, sha256: str
    ) -> Document:
        document_id = uuid.uuid4().hex[:16]
        stamp = now()
        with self.engine.begin() as conn:
            self._store_blob(conn, sha256, data)
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
                    document_id=document_id, state="queued", attempts=0, created_at=stamp
                )
            )
        document = self.get_document(document_id)
        assert document is not None
        return document

    def _store_blob(self, conn: Connection, sha256: str, data: bytes) -> None:
        found = conn.execute(select(s.blobs.c.sha256).where(s.blobs.c.sha256 == sha256)).first()
        if found is None:
            conn.execute(insert(s.blobs).values(sha256=sha256, data=data, size_bytes=len(data)))

    def find_document(self, collection_id: str, sha256: str) -> Document | None:
        query = select(s.documents).where(
            s.documents.c.collection_id == collection_id, s.documents.c.sha256 == sha256
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _document(row) if row else None

    def find_ready_copy(self, sha256: str) -> Document | None:
        """A ready document with these bytes in any collection, if one exists."""
        query = select(s.documents).where(
            s.documents.c.sha256 == sha256, s.documents.c.status == DocumentStatus.READY.value
        )
        with self.engine.connect() as conn:
            row = conn.execute(query.limit(1)).first()
        return _document(row) if row else None

    def copy_document(self, source_id: str, collection_id: str, filename: str) -> Document:
        source = self.get_document(source_id)
        if source is None:
            raise NotFound("O documento não existe.", "not_found:document")
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
            rows = (
                conn.execute(select(s.chunks).where(s.chunks.c.document_id == source_id))
                .mappings()
                .all()
            )
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
                for r in rows
            ]
            self._insert_chunks(conn, document_id, collection_id, new)
            self._copy_page_texts(conn, source_id, document_id)
            self._bump(conn)
        document = self.get_document(document_id)
        assert document is not None
        return document

    def get_document(self, document_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.documents).where(s.documents.c.id == document_id)).first()
        return _document(row) if row else None

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
            raise NotFound("O documento não existe.", "not_found:document")
        document = self.get_document(document_id)
        assert document is not None
        return document

    def delete_document(self, document_id: str) -> None:
        with self.engine.begin() as conn:
            if not self._delete_document(conn, document_id):
                raise NotFound("O documento não existe.", "not_found:document")
            self._bump(conn)

    def _delete_document(self, conn: Connection, document_id: str) -> bool:
        row = conn.execute(
            select(s.documents.c.sha256).where(s.documents.c.id == document_id)
        ).first()
        if row is None:
            return False
        self._delete_chunks(conn, document_id)
        self._delete_page_texts(conn, document_id)
        conn.execute(delete(s.jobs).where(s.jobs.c.document_id == document_id))
        conn.execute(delete(s.documents).where(s.documents.c.id == document_id))
        shared = conn.execute(
            select(func.count()).select_from(s.documents).where(s.documents.c.sha256 == row.sha256)
        ).scalar_one()
        if not shared:
            conn.execute(delete(s.blobs).where(s.blobs.c.sha256 == row.sha256))
        return True

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

    # --- chunks -----------------------------------------------------------------------------
    def _chunk_query(self) -> Any:
        return select(*_CHUNK_COLUMNS).join(s.documents, s.documents.c.id == s.chunks.c.document_id)

    def get_chunk(self, chunk_id: str) -> ChunkRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._chunk_query().where(s.chunks.c.id == chunk_id)).first()
        return _chunk(row) if row else None

    def chunks_by_rowid(self, rowids: list[int]) -> dict[int, ChunkRecord]:
        if not rowids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(self._chunk_query().where(s.chunks.c.rowid.in_(rowids))).all()
        return {r.rowid: _chunk(r) for r in rows}

    def count_chunks(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(s.chunks)).scalar_one())

    def _insert_chunks(
        self, conn: Connection, document_id: str, collection_id: str, chunks: list[dict[str, Any]]
    ) -> list[int]:
        rowids = []
        tokens = sum(len(c["terms"]) for c in chunks)
        course_stats.add(conn, collection_id, len(chunks), tokens)
        for c in chunks:
            result = conn.execute(
                insert(s.chunks)
                .values(
                    id=f"{document_id}-{c['position']}",
                    document_id=document_id,
                    collection_id=collection_id,
                    position=c["position"],
                    page=c["page"],
                    heading_path=json.dumps(list(c["heading_path"]), ensure_ascii=False),
                    text=c["text"],
                    terms=" ".join(c["terms"]),
                    embedding=c["embedding"],
                    char_start=c.get("char_start"),
                    char_end=c.get("char_end"),
                )
                .returning(s.chunks.c.rowid)
            )
            rowid = int(result.scalar_one())
            self._index_terms(conn, rowid, c["terms"])
            rowids.append(rowid)
        return rowids

    def _delete_chunks(self, conn: Connection, document_id: str) -> None:
        course_stats.remove_document(conn, document_id)
        conn.execute(delete(s.chunks).where(s.chunks.c.document_id == document_id))

    def _index_terms(self, conn: Connection, rowid: int, terms: list[str]) -> None:
        """Dialects that keep a separate lexical index write it here."""

    def _bump(self, conn: Connection) -> None:
        conn.execute(update(s.index_state).values(generation=s.index_state.c.generation + 1))

    def _generation(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(s.index_state.c.generation)).scalar_one())
