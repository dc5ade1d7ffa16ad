"""Study generation jobs over SQLAlchemy Core: the `study` rows of the job queue.

As durable as ingestion (storage/jobs.py): a job is claimed under a lease the worker renews;
a worker that dies lets it run out and the job is claimed again, resuming from the progress
it recorded, at most MAX_ATTEMPTS times. Unlike an ingest job, a study job stays when it
ends, done or failed, for the teacher to read.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from chatgepeto.storage import schema as s
from chatgepeto.storage.clock import now
from chatgepeto.storage.jobs import MAX_ATTEMPTS, take_next
from chatgepeto.storage.types import StudyJob, StudyProgress

_STUDY = s.jobs.c.kind == "study"
INTERRUPTED = "A geração foi interrompida repetidamente; peça uma nova geração."


def _job(row: Row[Any]) -> StudyJob:
    return StudyJob(
        id=row.id,
        collection_id=row.collection_id,
        document_id=row.document_id,
        first_page=row.first_page,
        last_page=row.last_page,
        state=row.state,
        attempts=row.attempts,
        done=row.done,
        total=row.total,
        created=row.items_created,
        generated=row.items_generated,
        mode=row.mode,
        error=row.error,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def delete_course_jobs(conn: Connection, collection_id: str) -> None:
    """Remove a course's study jobs (the caller's transaction: a deleted course)."""
    conn.execute(delete(s.jobs).where(_STUDY, s.jobs.c.collection_id == collection_id))


class SqlStudyJobs:
    """Queued, running, done and failed study jobs; `skip_locked` as in SqlJobQueue."""

    def __init__(self, engine: Engine, skip_locked: bool = False) -> None:
        self.engine = engine
        self._skip_locked = skip_locked

    def enqueue(
        self,
        collection_id: str,
        document_id: str | None,
        first_page: int | None,
        last_page: int | None,
        total: int,
    ) -> StudyJob:
        stamp = now()
        with self.engine.begin() as conn:
            job_id = conn.execute(
                insert(s.jobs)
                .values(
                    kind="study",
                    collection_id=collection_id,
                    document_id=document_id,
                    first_page=first_page,
                    last_page=last_page,
                    state="queued",
                    attempts=0,
                    done=0,
                    total=total,
                    created_at=stamp,
                    updated_at=stamp,
                )
                .returning(s.jobs.c.id)
            ).scalar_one()
        found = self.get(job_id)
        assert found is not None
        return found

    def get(self, job_id: int) -> StudyJob | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.jobs).where(_STUDY, s.jobs.c.id == job_id)).first()
        return _job(row) if row else None

    def claim(self, worker: str, lease_s: float) -> StudyJob | None:
        stamp = now()
        with self.engine.begin() as conn:
            # Abandoned by dead workers too many times: failed with a reason, never stuck.
            conn.execute(
                update(s.jobs)
                .where(
                    _STUDY,
                    s.jobs.c.state == "running",
                    s.jobs.c.lease_until < stamp,
                    s.jobs.c.attempts >= MAX_ATTEMPTS,
                )
                .values(state="failed", error=INTERRUPTED, lease_until=None, updated_at=stamp)
            )
            claimed = take_next(conn, "study", worker, lease_s, stamp, self._skip_locked)
        return None if claimed is None else self.get(claimed.id)

    def extend_lease(self, job_id: int, lease_s: float) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(_STUDY, s.jobs.c.id == job_id, s.jobs.c.state == "running")
                .values(lease_until=now() + timedelta(seconds=lease_s))
            )

    def progress(self, job_id: int, step: StudyProgress, lease_s: float) -> None:
        stamp = now()
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(_STUDY, s.jobs.c.id == job_id, s.jobs.c.state == "running")
                .values(
                    done=step.done,
                    total=step.total,
                    items_created=step.created,
                    items_generated=step.generated,
                    mode=step.mode,
                    lease_until=stamp + timedelta(seconds=lease_s),
                    updated_at=stamp,
                )
            )

    def complete(self, job_id: int, result: StudyProgress) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(_STUDY, s.jobs.c.id == job_id)
                .values(
                    state="done",
                    done=result.done,
                    total=result.total,
                    items_created=result.created,
                    items_generated=result.generated,
                    mode=result.mode,
                    error=None,
                    lease_until=None,
                    updated_at=now(),
                )
            )

    def fail(self, job_id: int, message: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(s.jobs)
                .where(_STUDY, s.jobs.c.id == job_id)
                .values(state="failed", error=message, lease_until=None, updated_at=now())
            )

    def forget_finished(self, before: datetime) -> int:
        """Delete the study jobs that ended (done or failed) before `before`; how many."""
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(s.jobs).where(
                    _STUDY, s.jobs.c.state.in_(("done", "failed")), s.jobs.c.updated_at < before
                )
            )
        return int(result.rowcount)
