"""Course-scoped BM25 uses the course's own statistics, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from sqlalchemy import text

from chatgepeto.retrieval.index import bm25
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.storage.factory import build_store
from chatgepeto.storage.migrate import alembic_config
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.types import NewChunk

COURSE_WORDS = [f"bio{i}" for i in range(40)] + ["energia", "luz", "celula", "agua"]
OTHER_WORDS = [f"hist{i}" for i in range(60)] + ["energia", "energia", "agua", "guerra"]
QUERIES = [["energia", "luz"], ["celula"], ["agua", "bio3", "bio7"], ["guerra"], ["energia"]]
VECTOR = (np.ones(4, dtype=np.float32) / 2).tobytes()  # lexical search ignores vectors


def _passages(words: list[str], count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    # Zipf-like draws: a few words are everywhere, most are rare, lengths vary.
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return [rng.choices(words, weights, k=rng.randint(3, 30)) for _ in range(count)]


def _index(store: SqlStore, collection: str, passages: list[list[str]], per_doc: int = 50):
    for start in range(0, len(passages), per_doc):
        batch = passages[start : start + per_doc]
        data = f"{collection}:{start}:{batch}".encode()
        document = store.documents.add_document(
            collection, f"{start}.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
        )
        assert store.jobs.claim_job("w", 60) is not None
        chunks = [
            NewChunk(i, 1, (), " ".join(terms), terms, VECTOR) for i, terms in enumerate(batch)
        ]
        store.jobs.complete_job(document.id, chunks, None, 0, 0.0)


@pytest.fixture
def stores(
    database_url: str | None, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[list[SqlStore]]:
    """Two empty stores of the parametrised kind: the course alone, the course in a library."""
    server = None if database_url is None else request.getfixturevalue("pg_server")
    if server is None:
        urls = [f"sqlite:///{tmp_path / name}.db" for name in ("alone", "library")]
    else:
        urls = [database_url, server.new_database()]
    built = [build_store(url) for url in urls]
    for store in built:
        store.migrate()
        store.courses.create_collection("bio", "Biologia")
    yield built  # type: ignore[misc]
    for store in built:
        store.engine.dispose()  # type: ignore[attr-defined]
    if server is not None:
        server.drop_database(urls[1])


def test_a_course_ranks_and_scores_alike_alone_and_inside_a_library_20x_larger(
    stores: list[SqlStore],
) -> None:
    alone, library = stores
    course = _passages(COURSE_WORDS, 200, seed=1)
    _index(alone, "bio", course)
    _index(library, "bio", course)  # first, so both give the course the same rowids
    for i in range(19):
        library.courses.create_collection(f"other{i}", f"Outro {i}")
        _index(library, f"other{i}", _passages(OTHER_WORDS, 200, seed=10 + i), per_doc=100)
    assert library.passages.count_chunks() == 20 * alone.passages.count_chunks()
    for terms in QUERIES:
        expected = open_index(alone).lexical.search(terms, "bio", 50)
        got = open_index(library).lexical.search(terms, "bio", 50)
        assert [r for r, _ in got] == [r for r, _ in expected], terms
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-9)
        # The course alone, searched library-wide, is the reference scale (FTS5's bm25()).
        reference = open_index(alone).lexical.search(terms, None, 50)
        assert [s for _, s in got] == pytest.approx([s for _, s in reference], rel=1e-9)
    # Library-wide search keeps the library's statistics: "energia" is common there.
    wide = dict(open_index(library).lexical.search(["energia"], None, 10_000))
    scoped = dict(open_index(library).lexical.search(["energia"], "bio", 10_000))
    assert all(wide[r] < s for r, s in scoped.items())
    assert (
        open_index(library).lexical.search(["guerra"], "bio", 10) == []
    )  # only in the other courses


def _brute_force(passages: list[list[str]], terms: list[str]) -> tuple[int, dict[str, int]]:
    df = Counter(t for p in passages for t in set(p))
    return len(passages), {t: df.get(t, 0) for t in sorted(set(terms))}


def test_term_statistics_count_the_scope(stores: list[SqlStore]) -> None:
    _, library = stores
    course, other = _passages(COURSE_WORDS, 120, seed=2), _passages(OTHER_WORDS, 80, seed=3)
    library.courses.create_collection("hist", "História")
    _index(library, "bio", course)
    _index(library, "hist", other)
    terms = ["energia", "agua", "bio0", "guerra", "inexistente", "energia"]
    assert open_index(library).lexical.term_statistics(terms, "bio") == _brute_force(course, terms)
    assert open_index(library).lexical.term_statistics(terms, "hist") == _brute_force(other, terms)
    assert open_index(library).lexical.term_statistics(terms, None) == _brute_force(
        course + other, terms
    )
    assert open_index(library).lexical.term_statistics([], "bio") == (120, {})
    assert open_index(library).lexical.term_statistics(["agua"], "nenhuma") == (0, {"agua": 0})


def _recount(store: SqlStore) -> dict[str, tuple[int, int]]:
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT collection_id, chunks, tokens FROM lexical_collections"))
        return {r.collection_id: (int(r.chunks), int(r.tokens)) for r in stored}


def _expected(store: SqlStore) -> dict[str, tuple[int, int]]:
    totals: dict[str, list[int]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(text("SELECT collection_id, terms FROM chunks")):
            entry = totals.setdefault(row.collection_id, [0, 0])
            entry[0] += 1
            entry[1] += len(row.terms.split())
    return {c: (n, t) for c, (n, t) in totals.items()}


def test_course_totals_follow_copies_deletes_and_migration_0005(stores: list[SqlStore]) -> None:
    _, store = stores
    store.courses.create_collection("c2", "C2")
    _index(store, "bio", _passages(COURSE_WORDS, 60, seed=4), per_doc=20)
    first = store.documents.list_documents("bio")[-1]
    copy = store.documents.copy_document(first.id, "c2", "copia.txt")
    assert _recount(store) == _expected(store) and _recount(store)["c2"][0] == 20
    store.documents.delete_document(first.id)
    assert _recount(store) == _expected(store)
    store.documents.delete_document(copy.id)  # c2 is empty again: it keeps no statistics
    assert "c2" not in _recount(store) and _recount(store) == _expected(store)
    before = {tuple(q): open_index(store).lexical.search(q, "bio", 20) for q in QUERIES}
    config = alembic_config(store.engine)
    command.downgrade(config, "0004")
    command.upgrade(config, "head")  # rebuilt from the chunks that exist
    assert _recount(store) == _expected(store)
    assert {tuple(q): open_index(store).lexical.search(q, "bio", 20) for q in QUERIES} == before
    store.courses.delete_collection("bio")
    assert _recount(store) == {}


def test_rank_matches_against_the_formula() -> None:
    matches = [(1, "a b b"), (2, "b c"), (3, "a")]
    ranked = bm25.rank_matches(matches, ["a", "b", "zz"], chunks=5, tokens=10, k=10)
    avgdl = 10 / 5

    def term(tf: int, length: int, df: int) -> float:
        norm = bm25.K1 * (1 - bm25.B + bm25.B * length / avgdl)
        return bm25.fts5_idf(5, df) * tf * (bm25.K1 + 1) / (tf + norm)

    expected = {1: term(1, 3, 2) + term(2, 3, 2), 2: term(1, 2, 2), 3: term(1, 1, 2)}
    assert dict(ranked) == pytest.approx(expected)
    assert [r for r, _ in ranked] == sorted(expected, key=lambda r: -expected[r])
    assert bm25.rank_matches([], ["a"], 5, 10, 10) == []
    assert bm25.rank_matches(matches, ["a"], 5, 10, 0) == []
