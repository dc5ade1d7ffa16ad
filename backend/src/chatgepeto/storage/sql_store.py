"""The storage interface over SQLAlchemy Core; dialects add lexical search and pooling."""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from chatgepeto.errors import Conflict, NotFound
from chatgepeto.storage import schema as s
from chatgepeto.storage.clock import now
from chatgepeto.storage.conversations import ConversationsMixin
from chatgepeto.storage.migrate import upgrade
from chatgepeto.storage.types import (
    ChunkRecord,
    ClaimedJob,
    Collection,
    Document,
    DocumentStatus,
    NewChunk,
)

MAX_ATTEMPTS = 3


@dataclass
class LoadedDenseIndex:
    """Vectors of the searchable chunks at one index generation."""

    generation: int
    chunk_rowids: npt.NDArray[np.int64]
    collection_ids: npt.NDArray[np.object_]
    matrix: npt.NDArray[np.float32]


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


class SqlStore(ConversationsMixin):
    """Shared implementation; subclasses provide the lexical index of their database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._dense: LoadedDenseIndex | None = None
        self._dense_lock = threading.Lock()

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

    # --- collections ------------------------------------------------------------------------
    def create_collection(self, collection_id: str, name: str) -> Collection:
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(s.collections).values(id=collection_id, name=name, created_at=now())
                )
        except IntegrityError as exc:
            raise Conflict(
                f"Já existe uma coleção com o id '{collection_id}'.", "conflict:collection"
            ) from exc
        return Collection(collection_id, name, 0)

    def list_collections(self) -> list[Collection]:
        counts = (
            select(s.documents.c.collection_id, func.count().label("n"))
            .group_by(s.documents.c.collection_id)
            .subquery()
        )
        query = (
            select(s.collections.c.id, s.collections.c.name, counts.c.n)
            .outerjoin(counts, counts.c.collection_id == s.collections.c.id)
            .order_by(s.collections.c.created_at, s.collections.c.id)
        )
        with self.engine.connect() as conn:
            return [Collection(r.id, r.name, r.n or 0) for r in conn.execute(query)]

    def get_collection(self, collection_id: str) -> Collection | None:
        return next((c for c in self.list_collections() if c.id == collection_id), None)

    def rename_collection(self, collection_id: str, name: str) -> Collection:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s.collections).where(s.collections.c.id == collection_id).values(name=name)
            )
        if result.rowcount == 0:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        found = self.get_collection(collection_id)
        assert found is not None
        return found

    def delete_collection(self, collection_id: str) -> None:
        with self.engine.begin() as conn:
            ids = (
                conn.execute(
                    select(s.documents.c.id).where(s.documents.c.collection_id == collection_id)
                )
                .scalars()
                .all()
            )
            for document_id in ids:
                self._delete_document(conn, document_id)
            result = conn.execute(delete(s.collections).where(s.collections.c.id == collection_id))
            if result.rowcount == 0:
                raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
            self._bump(conn)

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
                    ).__dict__
                )
                for r in rows
            ]
            self._insert_chunks(conn, document_id, collection_id, new)
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
                )
                .returning(s.chunks.c.rowid)
            )
            rowid = int(result.scalar_one())
            self._index_terms(conn, rowid, c["terms"])
            rowids.append(rowid)
        return rowids

    def _delete_chunks(self, conn: Connection, document_id: str) -> None:
        conn.execute(delete(s.chunks).where(s.chunks.c.document_id == document_id))

    def _index_terms(self, conn: Connection, rowid: int, terms: list[str]) -> None:
        """Dialects that keep a separate lexical index write it here."""

    def _bump(self, conn: Connection) -> None:
        conn.execute(update(s.index_state).values(generation=s.index_state.c.generation + 1))

    def _generation(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(s.index_state.c.generation)).scalar_one())

    def dense_index(self) -> LoadedDenseIndex:
        generation = self._generation()
        with self._dense_lock:
            if self._dense is None or self._dense.generation != generation:
                self._dense = self._load_dense(generation)
            return self._dense

    def dense_search(
        self,
        query_vector: npt.NDArray[np.float32],
        collection_id: str | None,
        k: int,
        also_rowids: list[int] | None = None,
    ) -> dict[int, float]:
        """Cosine of the k nearest chunks (exact, in memory), plus those of `also_rowids`."""
        index = self.dense_index()
        if index.matrix.shape[0] == 0 or k <= 0:
            return {}
        scores = index.matrix @ query_vector
        if collection_id is not None:
            scores = np.where(index.collection_ids == collection_id, scores, -np.inf)
        count = min(k, int(np.isfinite(scores).sum()))
        if count == 0:
            return {}
        top = np.argpartition(-scores, count - 1)[:count]
        result = {int(index.chunk_rowids[i]): float(scores[i]) for i in top}
        if also_rowids:
            positions = np.searchsorted(index.chunk_rowids, also_rowids)
            for rowid, pos in zip(also_rowids, positions, strict=True):
                if pos < len(index.chunk_rowids) and index.chunk_rowids[pos] == rowid:
                    result[rowid] = float(scores[pos])
        return result

    def _load_dense(self, generation: int) -> LoadedDenseIndex:
        query = select(s.chunks.c.rowid, s.chunks.c.collection_id, s.chunks.c.embedding)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(s.chunks.c.rowid)).all()
        if not rows:
            empty = np.zeros((0, 0), dtype=np.float32)
            return LoadedDenseIndex(generation, np.zeros(0, np.int64), np.zeros(0, object), empty)
        matrix = np.vstack([np.frombuffer(r.embedding, dtype=np.float32) for r in rows])
        return LoadedDenseIndex(
            generation,
            np.array([r.rowid for r in rows], dtype=np.int64),
            np.array([r.collection_id for r in rows], dtype=object),
            matrix,
        )

    # --- jobs -------------------------------------------------------------------------------
    def claim_job(self, worker: str, lease_s: float) -> ClaimedJob | None:
        stamp = now()
        with self.engine.begin() as conn:
            # Jobs abandoned by a dead worker too many times end as failed, never stuck.
            for row in conn.execute(
                select(s.jobs.c.document_id).where(
                    s.jobs.c.state == "running",
                    s.jobs.c.lease_until < stamp,
                    s.jobs.c.attempts >= MAX_ATTEMPTS,
                )
            ).all():
                self._fail(
                    conn,
                    row.document_id,
                    "A indexação foi interrompida repetidamente; envie o arquivo de novo.",
                    "ingest:interrupted",
                )
            candidate = self._candidate(stamp).scalar_subquery()
            result = conn.execute(
                update(s.jobs)
                .where(s.jobs.c.id == candidate)
                .values(
                    state="running",
                    worker=worker,
                    attempts=s.jobs.c.attempts + 1,
                    lease_until=stamp + timedelta(seconds=lease_s),
                )
                .returning(s.jobs.c.id, s.jobs.c.document_id, s.jobs.c.attempts)
            ).first()
            if result is None:
                return None
            conn.execute(
                update(s.documents)
                .where(s.documents.c.id == result.document_id)
                .values(status=DocumentStatus.PROCESSING.value, progress=0.0, updated_at=stamp)
            )
        return ClaimedJob(result.id, result.document_id, result.attempts)

    def _candidate(self, stamp: datetime) -> Any:
        return (
            select(s.jobs.c.id)
            .where(
                (s.jobs.c.state == "queued")
                | ((s.jobs.c.state == "running") & (s.jobs.c.lease_until < stamp))
            )
            .order_by(s.jobs.c.id)
            .limit(1)
        )

    def extend_lease(self, document_id: str, lease_s: float) -> None:
        """Push the running job's lease forward."""
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(s.jobs.c.document_id == document_id, s.jobs.c.state == "running")
                .values(lease_until=now() + timedelta(seconds=lease_s))
            )

    def heartbeat(self, document_id: str, progress: float, lease_s: float) -> None:
        stamp = now()
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(s.jobs.c.document_id == document_id)
                .values(lease_until=stamp + timedelta(seconds=lease_s))
            )
            conn.execute(
                update(s.documents)
                .where(s.documents.c.id == document_id)
                .values(progress=progress, updated_at=stamp)
            )

    def complete_job(
        self,
        document_id: str,
        chunks: list[NewChunk],
        pages: int | None,
        tokens: int,
        seconds: float,
    ) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(
                select(s.documents.c.collection_id).where(s.documents.c.id == document_id)
            ).first()
            if row is None:  # deleted while it was being indexed
                return
            self._delete_chunks(conn, document_id)
            self._insert_chunks(conn, document_id, row.collection_id, [c.__dict__ for c in chunks])
            conn.execute(
                update(s.documents)
                .where(s.documents.c.id == document_id)
                .values(
                    status=DocumentStatus.READY.value,
                    error=None,
                    error_code=None,
                    pages=pages,
                    chunk_count=len(chunks),
                    progress=1.0,
                    tokens=tokens,
                    ingest_seconds=seconds,
                    updated_at=now(),
                )
            )
            conn.execute(delete(s.jobs).where(s.jobs.c.document_id == document_id))
            self._bump(conn)

    def fail_job(self, document_id: str, message: str, code: str) -> None:
        with self.engine.begin() as conn:
            self._fail(conn, document_id, message, code)

    def _fail(self, conn: Connection, document_id: str, message: str, code: str) -> None:
        conn.execute(
            update(s.documents)
            .where(s.documents.c.id == document_id)
            .values(
                status=DocumentStatus.FAILED.value,
                error=message,
                error_code=code,
                updated_at=now(),
            )
        )
        conn.execute(delete(s.jobs).where(s.jobs.c.document_id == document_id))
