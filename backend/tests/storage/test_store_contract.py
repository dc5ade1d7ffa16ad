"""The storage contract, run on SQLite and on PostgreSQL: same calls, same answers."""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import update

from chatgepeto.errors import Conflict, NotFound
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.storage import schema
from chatgepeto.storage.clock import now
from chatgepeto.storage.factory import build_store
from chatgepeto.storage.jobs import MAX_ATTEMPTS
from chatgepeto.storage.roles import Store
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.types import DocumentStatus, NewChunk, NewStudyItem, StudyCard

DIM = 8


@pytest.fixture
def store(database_url: str | None, tmp_path: Path) -> Iterator[SqlStore]:
    built = build_store(database_url or f"sqlite:///{tmp_path / 'contract.db'}")
    built.migrate()
    yield built  # type: ignore[misc]
    built.engine.dispose()  # type: ignore[attr-defined]


def _add(store: Store, data: bytes, collection: str = "default"):
    return store.documents.add_document(
        collection, "aula.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
    )


def _vector(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    return vector / np.linalg.norm(vector)


def _chunk(position: int, text: str, seed: int | None = None) -> NewChunk:
    vector = _vector(position if seed is None else seed)
    return NewChunk(position, 1, ("H",), text, text.split(), vector.tobytes())


def _index(store: Store, texts: list[str], collection: str = "default", tag: bytes = b""):
    document = _add(store, collection.encode() + tag + "|".join(texts).encode(), collection)
    assert store.jobs.claim_job("w", 60) is not None
    store.jobs.complete_job(
        document.id,
        [_chunk(i, t, seed=zlib.crc32(tag) % 1000 + i) for i, t in enumerate(texts)],
        None,
        1,
        0.1,
    )
    return document


def test_migrate_is_idempotent_and_creates_default(store: SqlStore) -> None:
    store.migrate()
    assert [c.id for c in store.courses.list_collections()] == ["default"]


def test_collections_lifecycle(store: SqlStore) -> None:
    store.courses.create_collection("bio", "Biologia")
    with pytest.raises(Conflict):
        store.courses.create_collection("bio", "Outra")
    assert store.courses.rename_collection("bio", "Biologia II").name == "Biologia II"
    _add(store, b"x", "bio")
    store.courses.delete_collection("bio")
    assert store.courses.get_collection("bio") is None and store.documents.list_documents() == []
    with pytest.raises(NotFound):
        store.courses.delete_collection("bio")


def test_indexing_is_atomic_and_searchable_on_both_sides(store: SqlStore) -> None:
    document = _add(store, b"a")
    assert store.jobs.claim_job("w", 60) is not None
    assert open_index(store).lexical.search(["fotossintes"], None, 5) == []
    assert open_index(store).vectors.search(_vector(0), None, 5) == {}
    store.jobs.complete_job(
        document.id, [_chunk(0, "fotossintes luz"), _chunk(1, "respirac")], 2, 10, 0.5
    )
    assert store.documents.get_document(document.id).status is DocumentStatus.READY
    hits = open_index(store).lexical.search(["fotossintes"], None, 5)
    assert len(hits) == 1 and hits[0][1] > 0
    assert store.passages.chunks_by_rowid([hits[0][0]])[hits[0][0]].text == "fotossintes luz"
    dense = open_index(store).vectors.search(_vector(0), None, 5)
    assert len(dense) == 2 and max(dense.values()) == pytest.approx(1.0, abs=1e-5)
    assert store.passages.count_chunks() == 2


def test_empty_and_degenerate_searches(store: SqlStore) -> None:
    _index(store, ["energia luz"])
    assert open_index(store).lexical.search([], None, 10) == []
    assert open_index(store).lexical.search(["energia"], None, 0) == []
    assert open_index(store).lexical.search(['"OR', "'; drop table chunks; --"], None, 10) == []
    assert open_index(store).vectors.search(_vector(1), None, 0) == {}
    assert open_index(store).vectors.search(_vector(1), "no-such-collection", 5) == {}


def test_lexical_search_filters_by_collection_and_ranks_by_bm25(store: SqlStore) -> None:
    store.courses.create_collection("fis", "Física")
    _index(store, ["energia energia luz", "luz"])
    _index(store, ["energia"], "fis")
    assert len(open_index(store).lexical.search(["energia"], None, 10)) == 2
    only = open_index(store).lexical.search(["energia"], "default", 10)
    assert [store.passages.chunks_by_rowid([r])[r].text for r, _ in only] == ["energia energia luz"]


def test_dense_search_scopes_to_a_collection_and_adds_requested_rowids(store: SqlStore) -> None:
    store.courses.create_collection("fis", "Física")
    _index(store, [f"a{i}" for i in range(6)], tag=b"d")
    _index(store, ["b0", "b1", "b2"], "fis", tag=b"f")
    query = _vector(7)
    in_fis = open_index(store).vectors.search(query, "fis", 10)
    assert len(in_fis) == 3  # all of a collection smaller than k
    assert {store.passages.chunks_by_rowid([r])[r].collection_id for r in in_fis} == {"fis"}
    outsider = next(iter(open_index(store).vectors.search(query, "default", 1)))
    both = open_index(store).vectors.search(query, "fis", 2, [outsider])
    assert len(both) == 3 and outsider in both


def test_delete_removes_chunks_and_unshared_original(store: SqlStore) -> None:
    document = _index(store, ["luz"])
    store.documents.delete_document(document.id)
    assert open_index(store).lexical.search(["luz"], None, 5) == []
    assert open_index(store).vectors.search(_vector(0), None, 5) == {}
    assert store.passages.count_chunks() == 0 and store.documents.get_original(document.id) is None
    with pytest.raises(NotFound):
        store.documents.delete_document(document.id)


def test_copy_to_another_collection_reuses_chunks(store: SqlStore) -> None:
    store.courses.create_collection("c2", "C2")
    document = _index(store, ["luz"])
    copy = store.documents.copy_document(document.id, "c2", "copia.txt")
    assert copy.status is DocumentStatus.READY and copy.chunk_count == 1
    assert len(open_index(store).lexical.search(["luz"], "c2", 5)) == 1
    assert len(open_index(store).vectors.search(_vector(0), "c2", 5)) == 1
    store.documents.delete_document(document.id)
    assert store.documents.get_original(copy.id) is not None  # still referenced by the copy


def test_each_job_is_claimed_by_exactly_one_worker(store: SqlStore) -> None:
    ids = {_add(store, f"doc {i}".encode()).id for i in range(12)}
    claimed: list[str] = []
    lock = threading.Lock()

    def work(name: str) -> None:
        while (job := store.jobs.claim_job(name, 60)) is not None:
            with lock:
                claimed.append(job.document_id)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(ids)


def test_abandoned_job_is_taken_again_then_fails_after_max_attempts(store: SqlStore) -> None:
    document = _add(store, b"c")
    for attempt in range(1, MAX_ATTEMPTS + 1):
        job = store.jobs.claim_job(f"w{attempt}", 60)
        assert job is not None and job.attempts == attempt
        with store.engine.begin() as conn:  # the worker died: its lease runs out
            conn.execute(update(schema.jobs).values(lease_until=now() - timedelta(seconds=1)))
    assert store.jobs.claim_job("w-last", 60) is None
    failed = store.documents.get_document(document.id)
    assert failed.status is DocumentStatus.FAILED and "interrompida" in failed.error


def _study_item(document, chunk_id: str, n: int) -> NewStudyItem:
    return NewStudyItem(
        f"item{n}",
        "default",
        document.id,
        1,
        chunk_id,
        "luz do sol",
        "short_answer",
        f"Pergunta {n}?",
        "luz",
        ("água", "ar") if n else (),
    )


def test_study_bank_items_cards_reviews_and_their_deletes(store: SqlStore) -> None:
    document = _index(store, ["luz do sol", "água"])
    chunks = store.passages.document_chunks(document.id)
    assert [c.text for c in chunks] == ["luz do sol", "água"]
    bank = store.study
    assert bank.add_items([_study_item(document, chunks[0].id, n) for n in range(3)]) == 3
    assert bank.add_items([_study_item(document, chunks[0].id, 0)]) == 0  # kept as it is
    item = bank.get_item("item1")
    assert item is not None and item.options == ("água", "ar") and item.title == "aula.txt"
    assert item.status == "draft" and item.created_at is not None
    edited = bank.update_item("item1", question="Outra?", status="rejected")
    assert (edited.question, edited.answer, edited.status) == ("Outra?", "luz", "rejected")
    assert bank.set_status("default", "approved") == 2  # the drafts only
    assert [i.id for i in bank.list_items("default", "approved")] == ["item0", "item2"]
    due = now()
    for client, correct in (("a", True), ("b", False), ("a", False)):
        bank.record_review(
            client, StudyCard("item0", {"due": due.isoformat()}, due), correct, 3, due
        )
    assert bank.cards("a", ["item0", "item2"])["item0"].due == due
    tally = bank.tallies("default")[0]
    assert (tally.item_id, tally.answers, tally.students, tally.correct) == ("item0", 3, 2, 1)
    bank.forget_client("a")
    assert bank.cards("a", ["item0"]) == {} and bank.tallies("default")[0].answers == 1
    with pytest.raises(NotFound):
        bank.update_item("nope", question="x")
    store.documents.delete_document(document.id)
    assert bank.list_items("default") == [] and bank.tallies("default") == []
