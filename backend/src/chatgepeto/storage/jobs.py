"""Ingestion jobs over SQLAlchemy Core: leased claims, heartbeats, atomic completion.

The `jobs` table also holds study jobs (storage/study_jobs.py): every statement here is
about `kind = 'ingest'` rows only."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, case, delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from chatgepeto.errors import Conflict, NotFound
from chatgepeto.ingest.types import PageText
from chatgepeto.storage import page_texts as stored_pages
from chatgepeto.storage import schema as s
from chatgepeto.storage.chunk_writes import ChunkWriter, bump_generation
from chatgepeto.storage.clock import now
from chatgepeto.storage.documents import read_document
from chatgepeto.storage.types import ClaimedJob, Document, DocumentStatus, NewChunk

# Prefixed to the reason when a re-index fails and the previous passages stay in use.
REINDEX_FAILED = "A reindexação falhou e o texto anterior continua em uso: "
# A job whose lease ran out this many times (its worker died each time) ends as failed.
MAX_ATTEMPTS = 3
_INGEST = s.jobs.c.kind == "ingest"


def take_next(
    conn: Connection, kind: str, worker: str, lease_s: float, stamp: datetime, skip_locked: bool
) -> Row[Any] | None:
    """Claim the oldest queued (or abandoned: lease run out) job of `kind` for `worker`, in
    the caller's transaction; its id, document id and attempts, or None. With `skip_locked`
    (PostgreSQL) concurrent workers skip a job another is claiming."""
    query = (
        select(s.jobs.c.id)
        .where(
            s.jobs.c.kind == kind,
            (s.jobs.c.state == "queued")
            | ((s.jobs.c.state == "running") & (s.jobs.c.lease_until < stamp)),
        )
        .order_by(s.jobs.c.id)
        .limit(1)
    )
    if skip_locked:
        query = query.with_for_update(skip_locked=True)
    candidate = query.scalar_subquery()
    return conn.execute(
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


class SqlJobQueue:
    """The durable job queue. A job is claimed under a lease; a worker that dies lets the
    lease run out and the job is claimed again, at most MAX_ATTEMPTS times.

    With `skip_locked` (PostgreSQL) concurrent workers skip a job another is claiming
    instead of queueing behind it.
    """

    def __init__(self, engine: Engine, writer: ChunkWriter, skip_locked: bool = False) -> None:
        self.engine = engine
        self._writer = writer
        self._skip_locked = skip_locked

    def claim_job(self, worker: str, lease_s: float) -> ClaimedJob | None:
        stamp = now()
        with self.engine.begin() as conn:
            # Jobs abandoned by a dead worker too many times end as failed, never stuck.
            for row in conn.execute(
                select(s.jobs.c.document_id).where(
                    _INGEST,
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
            result = take_next(conn, "ingest", worker, lease_s, stamp, self._skip_locked)
            if result is None:
                return None
            conn.execute(
                update(s.documents)
                .where(s.documents.c.id == result.document_id)
                .values(status=DocumentStatus.PROCESSING.value, progress=0.0, updated_at=stamp)
            )
        return ClaimedJob(result.id, result.document_id, result.attempts)

    def extend_lease(self, document_id: str, lease_s: float) -> None:
        """Push the running job's lease forward."""
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(_INGEST, s.jobs.c.document_id == document_id, s.jobs.c.state == "running")
                .values(lease_until=now() + timedelta(seconds=lease_s))
            )

    def heartbeat(self, document_id: str, progress: float, lease_s: float) -> None:
        stamp = now()
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(_INGEST, s.jobs.c.document_id == document_id)
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
        suspect_pages: list[int] | None = None,
        page_texts: Sequence[PageText] = (),
    ) -> None:
        # The old chunks (a re-index) go and the new ones come in one transaction: readers
        # see one version or the other, never a document without passages.
        with self.engine.begin() as conn:
            row = conn.execute(
                select(s.documents.c.collection_id).where(s.documents.c.id == document_id)
            ).first()
            if row is None:  # deleted while it was being indexed
                return
            self._writer.delete(conn, document_id)
            self._writer.insert(conn, document_id, row.collection_id, [c.__dict__ for c in chunks])
            stored_pages.write(conn, document_id, page_texts)
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
                    suspect_pages=json.dumps(sorted(set(suspect_pages or []))),
                    updated_at=now(),
                )
            )
            conn.execute(delete(s.jobs).where(_INGEST, s.jobs.c.document_id == document_id))
            bump_generation(conn)

    def fail_job(self, document_id: str, message: str, code: str) -> None:
        with self.engine.begin() as conn:
            self._fail(conn, document_id, message, code)

    def _fail(self, conn: Connection, document_id: str, message: str, code: str) -> None:
        # A failed re-index keeps the passages of the previous indexing: the document stays
        # ready and searchable, with the reason of the failure beside it.
        indexed = s.documents.c.chunk_count > 0
        conn.execute(
            update(s.documents)
            .where(s.documents.c.id == document_id)
            .values(
                status=case(
                    (indexed, DocumentStatus.READY.value), else_=DocumentStatus.FAILED.value
                ),
                error=case((indexed, REINDEX_FAILED + message), else_=message),
                error_code=code,
                progress=case((indexed, 1.0), else_=s.documents.c.progress),
                updated_at=now(),
            )
        )
        conn.execute(delete(s.jobs).where(_INGEST, s.jobs.c.document_id == document_id))

    def requeue_document(self, document_id: str) -> Document:
        """Queue an indexed (or failed) document to be parsed again from its original; its
        current passages stay searchable until the new ones replace them."""
        stamp = now()
        busy = (DocumentStatus.QUEUED.value, DocumentStatus.PROCESSING.value)
        with self.engine.begin() as conn:
            # One conditional UPDATE: of two concurrent requests only one finds it idle.
            result = conn.execute(
                update(s.documents)
                .where(s.documents.c.id == document_id, s.documents.c.status.not_in(busy))
                .values(status=DocumentStatus.QUEUED.value, progress=0.0, updated_at=stamp)
            )
            if result.rowcount == 0:
                found = conn.execute(
                    select(s.documents.c.status).where(s.documents.c.id == document_id)
                ).first()
                if found is None:
                    raise NotFound("O documento não existe.", "not_found:document")
                raise Conflict(
                    "Este documento já está na fila de indexação; aguarde o fim antes de "
                    "reindexá-lo.",
                    "conflict:indexing",
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
        # What this request did, not what a worker may already have made of it since the
        # commit (a fast one claims the job before the answer is written).
        with self.engine.connect() as conn:
            document = read_document(conn, document_id)
        if document is None:  # deleted right after the commit
            raise NotFound("O documento não existe.", "not_found:document")
        return replace(document, status=DocumentStatus.QUEUED, progress=0.0, updated_at=stamp)
