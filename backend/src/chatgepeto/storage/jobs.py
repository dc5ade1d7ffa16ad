"""Ingestion jobs over SQLAlchemy Core: leased claims, heartbeats, atomic completion."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.engine import Connection

from chatgepeto.storage import schema as s
from chatgepeto.storage.clock import now
from chatgepeto.storage.types import ClaimedJob, DocumentStatus, NewChunk

# A job whose lease ran out this many times (its worker died each time) ends as failed.
MAX_ATTEMPTS = 3


class JobsMixin:
    """Mixed into SqlStore: the durable job queue. A job is claimed under a lease; a worker
    that dies lets the lease run out and the job is claimed again, at most MAX_ATTEMPTS times.
    """

    engine: Engine

    def _insert_chunks(
        self, conn: Connection, document_id: str, collection_id: str, chunks: list[dict[str, Any]]
    ) -> list[int]:
        raise NotImplementedError

    def _delete_chunks(self, conn: Connection, document_id: str) -> None:
        raise NotImplementedError

    def _bump(self, conn: Connection) -> None:
        raise NotImplementedError

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
