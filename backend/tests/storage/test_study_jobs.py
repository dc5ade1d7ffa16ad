"""Study jobs in the shared job queue, on SQLite and PostgreSQL (migration 0011): leased like
ingest jobs, kept when they end, never mixed up with ingestion."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from chatgepeto.storage import schema
from chatgepeto.storage.clock import now
from chatgepeto.storage.factory import build_store
from chatgepeto.storage.jobs import MAX_ATTEMPTS
from chatgepeto.storage.migrate import alembic_config
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.study_jobs import INTERRUPTED
from chatgepeto.storage.types import DocumentStatus, StudyProgress


@pytest.fixture
def store(database_url: str | None, tmp_path: Path) -> Iterator[SqlStore]:
    built = build_store(database_url or f"sqlite:///{tmp_path / 'jobs.db'}")
    built.migrate()
    yield built  # type: ignore[misc]
    built.engine.dispose()  # type: ignore[attr-defined]


def _add(store: SqlStore, data: bytes, collection: str = "default"):
    return store.documents.add_document(
        collection, "aula.md", "text/markdown", data, hashlib.sha256(data).hexdigest()
    )


def _expire_leases(store: SqlStore) -> None:
    with store.engine.begin() as conn:  # the worker died: its lease runs out
        conn.execute(update(schema.jobs).values(lease_until=now() - timedelta(seconds=1)))


def test_a_study_job_is_queued_claimed_moved_and_kept_done(store: SqlStore) -> None:
    job = store.study_jobs.enqueue("default", None, None, None, 7)
    assert (job.state, job.done, job.total, job.created, job.mode) == ("queued", 0, 7, None, None)
    assert store.jobs.claim_job("w", 60) is None  # ingestion never takes it
    claimed = store.study_jobs.claim("w", 60)
    assert claimed is not None and claimed.id == job.id
    assert (claimed.state, claimed.attempts) == ("running", 1)
    assert store.study_jobs.claim("w2", 60) is None  # leased
    store.study_jobs.progress(job.id, StudyProgress(3, 7, 2, 4, "llm"), 60)
    moved = store.study_jobs.get(job.id)
    assert moved is not None
    assert (moved.state, moved.done, moved.created, moved.generated, moved.mode) == (
        "running",
        3,
        2,
        4,
        "llm",
    )
    store.study_jobs.complete(job.id, StudyProgress(7, 7, 5, 9, "llm"))
    done = store.study_jobs.get(job.id)
    assert done is not None and (done.state, done.done, done.created, done.generated) == (
        "done",
        7,
        5,
        9,
    )
    assert store.study_jobs.claim("w", 60) is None  # a done job stays done
    failed = store.study_jobs.enqueue("default", None, None, None, 1)
    store.study_jobs.fail(failed.id, "O curso mudou.")
    found = store.study_jobs.get(failed.id)
    assert found is not None and (found.state, found.error) == ("failed", "O curso mudou.")
    assert store.study_jobs.get(10_000) is None


def test_ingestion_never_takes_or_ends_a_study_job(store: SqlStore) -> None:
    document = _add(store, b"texto")
    study = store.study_jobs.enqueue("default", document.id, 1, 2, 3)
    assert store.study_jobs.claim("w", 60) is not None  # the study job, not the ingest one
    ingest = store.jobs.claim_job("w", 60)
    assert ingest is not None and ingest.document_id == document.id
    assert store.jobs.claim_job("w", 60) is None
    store.jobs.complete_job(document.id, [], None, 0, 0.1)
    kept = store.study_jobs.get(study.id)
    assert (
        kept is not None
        and kept.state == "running"
        and (kept.first_page, kept.last_page)
        == (
            1,
            2,
        )
    )
    assert store.documents.get_document(document.id).status is DocumentStatus.READY  # type: ignore[union-attr]


def test_an_abandoned_study_job_is_taken_again_with_its_progress_then_fails(
    store: SqlStore,
) -> None:
    job = store.study_jobs.enqueue("default", None, None, None, 10)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        claimed = store.study_jobs.claim(f"w{attempt}", 60)
        assert claimed is not None and claimed.attempts == attempt
        assert claimed.done == (0 if attempt == 1 else 4)  # resumes where the last one got
        store.study_jobs.progress(job.id, StudyProgress(4, 10, 1, 2, "offline"), 60)
        _expire_leases(store)
    assert store.study_jobs.claim("w-last", 60) is None
    failed = store.study_jobs.get(job.id)
    assert failed is not None and (failed.state, failed.error) == ("failed", INTERRUPTED)


def test_deleting_a_course_or_document_takes_its_study_jobs(store: SqlStore) -> None:
    store.courses.create_collection("bio", "Bio")
    document = _add(store, b"bio", "bio")
    whole = store.study_jobs.enqueue("bio", None, None, None, 1)
    one = store.study_jobs.enqueue("bio", document.id, None, None, 1)
    other = store.study_jobs.enqueue("default", None, None, None, 1)
    store.documents.delete_document(document.id)
    assert store.study_jobs.get(one.id) is None and store.study_jobs.get(whole.id) is not None
    store.courses.delete_collection("bio")
    assert store.study_jobs.get(whole.id) is None and store.study_jobs.get(other.id) is not None


def _job_rows(store: SqlStore, document_id: str) -> int:
    with store.engine.connect() as conn:
        return len(
            conn.execute(
                select(schema.jobs.c.id).where(schema.jobs.c.document_id == document_id)
            ).all()
        )


def test_migration_0011_keeps_one_ingest_job_per_document_and_goes_back(store: SqlStore) -> None:
    document = _add(store, b"antes")
    store.study_jobs.enqueue("default", document.id, None, None, 1)
    config = alembic_config(store.engine)
    command.downgrade(config, "0010")
    assert _job_rows(store, document.id) == 1  # the study job went, the ingest job stayed
    with store.engine.connect() as conn, pytest.raises(DBAPIError):
        conn.execute(text("SELECT kind FROM jobs"))
    stamp = now()
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO jobs (document_id, state, attempts, created_at) "
                "VALUES (:d, 'queued', 0, :t)"
            ),
            {"d": document.id, "t": stamp},
        )
    command.upgrade(config, "head")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT kind FROM jobs")).scalars().all() == ["ingest"]
    # Several study jobs may name a document; a second ingest job of it may not.
    store.study_jobs.enqueue("default", document.id, None, None, 1)
    store.study_jobs.enqueue("default", document.id, None, None, 1)
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            insert(schema.jobs).values(
                kind="ingest", document_id=document.id, state="queued", created_at=stamp
            )
        )
    assert _job_rows(store, document.id) == 3
    claimed = store.jobs.claim_job("w", 60)
    assert claimed is not None and claimed.document_id == document.id
