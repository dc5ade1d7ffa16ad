"""SQLite: each course's own FTS5 table and the in-memory vectors that follow the change log."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from sqlalchemy import text

from chatgepeto.retrieval.index import bm25
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.storage import course_fts, sqlite_writes
from chatgepeto.storage.migrate import alembic_config
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.storage.types import NewChunk

WORDS = [f"w{i}" for i in range(50)] + ["energia", "luz", "agua"]
DIM = 8


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    built = SqliteStore(f"sqlite:///{tmp_path / 'library.db'}")
    built.migrate()
    for course in ("bio", "hist"):
        built.courses.create_collection(course, course)
    return built


def _vector(rng: random.Random) -> bytes:
    vector = np.array([rng.gauss(0, 1) for _ in range(DIM)], dtype=np.float32)
    return (vector / np.linalg.norm(vector)).astype(np.float32).tobytes()


def _index(store: SqliteStore, collection: str, count: int, seed: int) -> str:
    rng = random.Random(seed)
    data = f"{collection}:{seed}".encode()
    document = store.documents.add_document(
        collection, f"{seed}.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
    )
    assert store.jobs.claim_job("w", 60) is not None
    chunks = []
    for i in range(count):
        terms = rng.choices(WORDS, [1 / (r + 1) for r in range(len(WORDS))], k=rng.randint(2, 25))
        chunks.append(NewChunk(i, 1, (), " ".join(terms), terms, _vector(rng)))
    store.jobs.complete_job(document.id, chunks, None, 0, 0.0)
    return document.id


def _course_rows(store: SqliteStore, collection: str) -> list[tuple[int, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT rowid, terms FROM chunks WHERE collection_id = :c"), {"c": collection}
        )
        return [(int(r.rowid), str(r.terms)) for r in rows]


def _tables(store: SqliteStore) -> set[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'course_fts_%'"))
        return {
            r.name for r in rows if not r.name.endswith(("_data", "_idx", "_docsize", "_config"))
        }


def test_course_search_equals_the_reference_bm25_over_the_course_alone(store: SqliteStore) -> None:
    for seed in range(3):
        _index(store, "bio", 40, seed)
        _index(store, "hist", 120, 100 + seed)
    rows = _course_rows(store, "bio")
    tokens = sum(len(t.split()) for _, t in rows)
    for terms in (["energia"], ["luz", "w3"], ["agua", "w1", "w40"], ["inexistente"]):
        matching = [(r, t) for r, t in rows if set(t.split()) & set(terms)]
        expected = bm25.rank_matches(matching, terms, len(rows), tokens, 30)
        got = open_index(store).lexical.search(terms, "bio", 30)
        assert [r for r, _ in got] == [r for r, _ in expected], terms
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-9)
    assert (
        open_index(store).lexical.search(["energia"], "nenhum", 5) == []
    )  # a course with no table


def test_a_course_table_comes_with_the_first_chunk_and_goes_with_the_last(
    store: SqliteStore,
) -> None:
    assert _tables(store) == set()
    first = _index(store, "bio", 10, 1)
    second = _index(store, "bio", 10, 2)
    assert _tables(store) == {course_fts.table("bio")}
    copy = store.documents.copy_document(first, "hist", "copia.txt")
    assert len(open_index(store).lexical.search(WORDS[:5], "hist", 100)) == len(
        [r for r in _course_rows(store, "hist") if set(r[1].split()) & set(WORDS[:5])]
    )
    store.documents.delete_document(first)
    store.documents.delete_document(second)
    assert _tables(store) == {course_fts.table("hist")}
    assert open_index(store).lexical.search(WORDS, "bio", 10) == []
    assert open_index(store).lexical.term_statistics(["energia"], "bio") == (0, {"energia": 0})
    store.documents.delete_document(copy.id)
    assert _tables(store) == set()


def test_migration_0007_builds_the_course_tables_of_an_existing_library(
    store: SqliteStore,
) -> None:
    _index(store, "bio", 30, 1)
    _index(store, "hist", 30, 2)
    before = {
        c: open_index(store).lexical.search(["energia", "w2"], c, 50) for c in ("bio", "hist")
    }
    config = alembic_config(store.engine)
    command.downgrade(config, "0006")
    assert _tables(store) == set()
    command.upgrade(config, "head")
    assert _tables(store) == {course_fts.table("bio"), course_fts.table("hist")}
    assert {
        c: open_index(store).lexical.search(["energia", "w2"], c, 50) for c in ("bio", "hist")
    } == before


def _exact(store: SqliteStore, query: np.ndarray, collection: str | None) -> dict[int, float]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT rowid, collection_id, embedding FROM chunks")).all()
    return {
        int(r.rowid): float(np.frombuffer(r.embedding, dtype=np.float32) @ query)
        for r in rows
        if collection is None or r.collection_id == collection
    }


def test_vectors_follow_uploads_and_deletes_of_another_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    writer, reader = SqliteStore(url), SqliteStore(url)
    writer.migrate()
    writer.courses.create_collection("bio", "bio")
    query = np.ones(DIM, dtype=np.float32) / np.sqrt(DIM)
    kept = _index(writer, "default", 50, 1)
    assert open_index(reader).vectors.search(query, None, 500) == pytest.approx(
        _exact(writer, query, None)
    )
    table = open_index(reader).vectors._current()  # type: ignore[attr-defined]
    gone = _index(writer, "bio", 30, 2)
    assert open_index(reader).vectors.search(query, "bio", 500) == pytest.approx(
        _exact(writer, query, "bio")
    )
    writer.documents.delete_document(gone)
    data = b"again"
    again = writer.documents.add_document(
        "bio", "b.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
    )
    assert writer.jobs.claim_job("w", 60) is not None
    rng = random.Random(9)
    writer.jobs.complete_job(
        again.id, [NewChunk(0, 1, (), "energia", ["energia"], _vector(rng))], None, 0, 0.0
    )
    for scope in (None, "bio", "default"):
        assert open_index(reader).vectors.search(query, scope, 500) == pytest.approx(
            _exact(writer, query, scope)
        )
    # changed in place, never reloaded
    assert open_index(reader).vectors._current() is table  # type: ignore[attr-defined]
    assert len(table) == 51
    writer.courses.delete_collection("bio")
    assert open_index(reader).vectors.search(query, "bio", 10) == {}
    assert set(open_index(reader).vectors.search(query, None, 500)) == set(
        _exact(writer, query, None)
    )
    assert kept


def test_a_process_behind_a_pruned_log_reloads_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'pruned.db'}"
    writer, reader = SqliteStore(url), SqliteStore(url)
    writer.migrate()
    query = np.ones(DIM, dtype=np.float32) / np.sqrt(DIM)
    first = _index(writer, "default", 20, 1)
    table = open_index(reader).vectors._current()  # type: ignore[attr-defined]
    monkeypatch.setattr(sqlite_writes, "LOG_KEPT", 5)
    writer.documents.delete_document(first)
    _index(writer, "default", 20, 2)
    assert open_index(reader).vectors.search(query, None, 100) == pytest.approx(
        _exact(writer, query, None)
    )
    assert open_index(reader).vectors._current() is not table  # type: ignore[attr-defined]
