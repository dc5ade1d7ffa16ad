"""The SQLite store: collections, documents, jobs, atomic indexing, BM25."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text, update

from chatgepeto.errors import Conflict, NotFound
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.storage import schema
from chatgepeto.storage.clock import now
from chatgepeto.storage.jobs import MAX_ATTEMPTS
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.storage.types import DocumentStatus, NewChunk


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    built = SqliteStore(f"sqlite:///{tmp_path / 'db' / 'test.db'}")
    built.migrate()
    return built


def _add(store: SqliteStore, data: bytes, collection: str = "default"):
    return store.documents.add_document(
        collection, "aula.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
    )


def _chunk(position: int, text_: str, terms: list[str]) -> NewChunk:
    vector = np.zeros(4, dtype=np.float32)
    vector[position % 4] = 1.0
    return NewChunk(position, position + 1, ("H",), text_, terms, vector.tobytes())


def test_migrate_is_idempotent_and_creates_default(store: SqliteStore) -> None:
    store.migrate()
    assert [c.id for c in store.courses.list_collections()] == ["default"]


def test_collections_lifecycle(store: SqliteStore) -> None:
    store.courses.create_collection("bio", "Biologia")
    with pytest.raises(Conflict):
        store.courses.create_collection("bio", "Outra")
    assert store.courses.rename_collection("bio", "Biologia II").name == "Biologia II"
    _add(store, b"x", "bio")
    assert store.courses.get_collection("bio").documents == 1
    store.courses.delete_collection("bio")
    assert store.courses.get_collection("bio") is None
    assert store.documents.list_documents() == []
    with pytest.raises(NotFound):
        store.courses.delete_collection("bio")


def test_upload_is_queued_with_a_job_and_the_original(store: SqliteStore) -> None:
    document = _add(store, b"conteudo")
    assert document.status is DocumentStatus.QUEUED
    assert store.documents.get_original(document.id) == b"conteudo"
    job = store.jobs.claim_job("w1", 60)
    assert job is not None and job.document_id == document.id
    assert store.documents.get_document(document.id).status is DocumentStatus.PROCESSING
    assert store.jobs.claim_job("w2", 60) is None  # exactly one worker holds it


def test_complete_makes_chunks_searchable_at_once(store: SqliteStore) -> None:
    document = _add(store, b"a")
    store.jobs.claim_job("w", 60)
    assert open_index(store).lexical.search(["fotossintes"], None, 5) == []
    store.jobs.complete_job(
        document.id,
        [_chunk(0, "Fotossíntese", ["fotossintes"]), _chunk(1, "Respiração", ["respirac"])],
        2,
        10,
        0.5,
    )
    ready = store.documents.get_document(document.id)
    assert (ready.status, ready.chunk_count, ready.pages, ready.progress) == (
        DocumentStatus.READY,
        2,
        2,
        1.0,
    )
    hits = open_index(store).lexical.search(["fotossintes"], None, 5)
    assert len(hits) == 1 and hits[0][1] > 0
    assert store.passages.chunks_by_rowid([hits[0][0]])[hits[0][0]].text == "Fotossíntese"
    assert open_index(store).vectors.snapshot().matrix.shape == (2, 4)
    assert store.passages.get_chunk(f"{document.id}-1").page == 2


def test_lexical_search_filters_by_collection_and_ranks_by_bm25(store: SqliteStore) -> None:
    store.courses.create_collection("fis", "Física")
    for collection, texts in (("default", ["energia energia luz", "luz"]), ("fis", ["energia"])):
        document = _add(store, collection.encode() + b"!", collection)
        store.jobs.claim_job("w", 60)
        store.jobs.complete_job(
            document.id, [_chunk(i, t, t.split()) for i, t in enumerate(texts)], None, 1, 0.1
        )
    everywhere = open_index(store).lexical.search(["energia"], None, 10)
    assert len(everywhere) == 2
    only_default = store.passages.chunks_by_rowid(
        [r for r, _ in open_index(store).lexical.search(["energia"], "default", 10)]
    )
    assert [c.text for c in only_default.values()] == ["energia energia luz"]
    assert open_index(store).lexical.search([], None, 10) == []
    assert (
        open_index(store).lexical.search(['"OR'], None, 10) == []
    )  # quotes cannot inject FTS syntax


def test_delete_removes_chunks_index_and_unshared_original(store: SqliteStore) -> None:
    document = _add(store, b"b")
    store.jobs.claim_job("w", 60)
    store.jobs.complete_job(document.id, [_chunk(0, "luz", ["luz"])], None, 1, 0.1)
    store.documents.delete_document(document.id)
    assert open_index(store).lexical.search(["luz"], None, 5) == []
    assert store.passages.count_chunks() == 0
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from blobs")).scalar_one() == 0
    with pytest.raises(NotFound):
        store.documents.delete_document(document.id)


def test_copy_to_another_collection_reuses_chunks(store: SqliteStore) -> None:
    store.courses.create_collection("c2", "C2")
    document = _add(store, b"shared")
    store.jobs.claim_job("w", 60)
    store.jobs.complete_job(document.id, [_chunk(0, "luz", ["luz"])], None, 1, 0.1)
    copy = store.documents.copy_document(document.id, "c2", "copia.txt")
    assert copy.status is DocumentStatus.READY and copy.chunk_count == 1
    assert len(open_index(store).lexical.search(["luz"], "c2", 5)) == 1
    store.documents.delete_document(document.id)
    assert store.documents.get_original(copy.id) == b"shared"  # still referenced by the copy


def test_abandoned_job_is_taken_again_then_fails_after_max_attempts(store: SqliteStore) -> None:
    document = _add(store, b"c")
    for attempt in range(1, MAX_ATTEMPTS + 1):
        job = store.jobs.claim_job(f"w{attempt}", 60)
        assert job is not None and job.attempts == attempt
        with store.engine.begin() as conn:  # the worker died: its lease runs out
            conn.execute(update(schema.jobs).values(lease_until=now() - timedelta(seconds=1)))
    assert store.jobs.claim_job("w-last", 60) is None
    failed = store.documents.get_document(document.id)
    assert failed.status is DocumentStatus.FAILED and "interrompida" in failed.error


def test_fail_keeps_a_readable_reason(store: SqliteStore) -> None:
    document = _add(store, b"d")
    store.jobs.claim_job("w", 60)
    store.jobs.fail_job(document.id, "Este PDF precisa de OCR.", "needs_ocr")
    failed = store.documents.get_document(document.id)
    assert (failed.status, failed.error_code) == (DocumentStatus.FAILED, "needs_ocr")
    assert store.jobs.claim_job("w", 60) is None


def test_extend_lease_keeps_a_running_job_from_being_taken(store: SqliteStore) -> None:
    document = _add(store, b"e")
    store.jobs.claim_job("w1", 0.01)
    store.jobs.extend_lease(document.id, 60)
    assert store.jobs.claim_job("w2", 60) is None
