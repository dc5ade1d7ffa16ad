"""PostgreSQL specifics: BM25 equal to FTS5's, exact pruning, HNSW use and filtered search,
the HNSW graph migration."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from alembic import command
from pg_server import EmbeddedPostgres
from sqlalchemy import event, text

from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.index import postgres_bm25
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.index.postgres_vectors import PostgresVectorIndex
from chatgepeto.storage.migrate import alembic_config
from chatgepeto.storage.postgres_store import PostgresStore
from chatgepeto.storage.postgres_writes import vector_literal
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.storage.types import NewChunk

WORDS = [
    "célula",
    "energia",
    "luz",
    "fotossíntese",
    "clorofila",
    "planta",
    "água",
    "oxigênio",
    "carbono",
    "glicose",
    "respiração",
    "mitocôndria",
    "núcleo",
    "membrana",
    "proteína",
    "enzima",
    "genética",
    "herança",
    "ecologia",
    "população",
    "cadeia",
    "alimentar",
    "decompositor",
    "produtor",
    "consumidor",
    "bioma",
    "floresta",
    "cerrado",
    "caatinga",
    "pampa",
    "mangue",
    "rio",
    "lago",
    "oceano",
    "chuva",
    "solo",
    "raiz",
    "folha",
    "caule",
    "flor",
    "fruto",
    "semente",
]


@pytest.fixture
def pg(pg_server: EmbeddedPostgres) -> Iterator[PostgresStore]:
    store = PostgresStore(pg_server.empty_database())
    yield store
    store.close()


def _corpus(n: int, seed: int = 3) -> list[str]:
    """Zipf-like Portuguese passages: common words repeat, rare ones discriminate."""
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, len(WORDS) + 1)
    weights /= weights.sum()
    return [" ".join(rng.choice(WORDS, size=int(rng.integers(3, 40)), p=weights)) for _ in range(n)]


def _fill(
    store: Any,
    passages: list[str],
    collection: str = "default",
    dim: int = 8,
    per_document: int = 25,
    seed: int = 0,
) -> None:
    analyzer = Analyzer()
    rng = np.random.default_rng(seed)
    for start in range(0, len(passages), per_document):
        batch = passages[start : start + per_document]
        data = f"{collection}:{seed}:{start}".encode()
        document = store.documents.add_document(
            collection, f"{start}.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
        )
        assert store.jobs.claim_job("w", 60) is not None
        vectors = rng.standard_normal((len(batch), dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.jobs.complete_job(
            document.id,
            [
                NewChunk(i, None, (), p, analyzer.terms(p), v.tobytes())
                for i, (p, v) in enumerate(zip(batch, vectors, strict=True))
            ],
            None,
            1,
            0.1,
        )


def _by_chunk_id(store: Any, hits: list[tuple[int, float]]) -> dict[str, float]:
    records = store.passages.chunks_by_rowid([r for r, _ in hits])
    return {records[r].id.split("-", 1)[1] + records[r].text: s for r, s in hits}


QUERIES = [
    "energia luz",
    "fotossíntese na folha",
    "mangue caatinga cerrado",
    "semente",
    "água água oxigênio carbono glicose",
    "célula",
    "inexistente palavra",
]


def test_bm25_scores_equal_sqlite_fts5(pg: PostgresStore, tmp_path: Path) -> None:
    sqlite = SqliteStore(f"sqlite:///{tmp_path / 'fts5.db'}")
    sqlite.migrate()
    passages = _corpus(300)
    _fill(sqlite, passages)
    _fill(pg, passages)
    analyzer = Analyzer()
    for query in QUERIES:
        terms = analyzer.terms(query)
        expected = _by_chunk_id(sqlite, open_index(sqlite).lexical.search(terms, None, 1000))
        got = _by_chunk_id(pg, open_index(pg).lexical.search(terms, None, 1000))
        assert got.keys() == expected.keys(), query
        for key, score in expected.items():
            assert got[key] == pytest.approx(score, rel=1e-9), (query, key)
        top = [s for _, s in open_index(pg).lexical.search(terms, None, 10)]
        assert top == pytest.approx(sorted(expected.values(), reverse=True)[:10], rel=1e-9)
    sqlite.engine.dispose()


def test_course_scoped_bm25_equals_sqlite_on_the_same_courses(
    pg: PostgresStore, tmp_path: Path
) -> None:
    sqlite = SqliteStore(f"sqlite:///{tmp_path / 'courses.db'}")
    sqlite.migrate()
    for store in (sqlite, pg):
        store.courses.create_collection("c2", "C2")
        _fill(store, _corpus(200))
        _fill(store, _corpus(80, seed=5), "c2", seed=5)
    analyzer = Analyzer()
    for query in QUERIES:
        terms = analyzer.terms(query)
        for collection in ("default", "c2"):
            expected = _by_chunk_id(
                sqlite, open_index(sqlite).lexical.search(terms, collection, 1000)
            )
            got = _by_chunk_id(pg, open_index(pg).lexical.search(terms, collection, 1000))
            assert got.keys() == expected.keys(), (query, collection)
            assert [got[key] for key in expected] == pytest.approx(
                list(expected.values()), rel=1e-9
            )
            assert open_index(pg).lexical.term_statistics(terms, collection) == open_index(
                sqlite
            ).lexical.term_statistics(terms, collection)
    sqlite.engine.dispose()


def test_maxscore_pruning_returns_the_exact_top_k(
    pg: PostgresStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    pg.courses.create_collection("c2", "C2")
    _fill(pg, _corpus(400))
    _fill(pg, _corpus(200, seed=6), "c2", seed=6)
    analyzer = Analyzer()
    scopes = (None, "default", "c2")
    exact = {
        (q, c): open_index(pg).lexical.search(analyzer.terms(q), c, 10)
        for q in QUERIES
        for c in scopes
    }
    monkeypatch.setattr(postgres_bm25, "DIRECT_LIMIT", 8)  # every query takes the pruned path
    for (query, scope), expected in exact.items():
        got = open_index(pg).lexical.search(analyzer.terms(query), scope, 10)
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-12)


def test_essential_terms_against_brute_force() -> None:
    bounds = {"a": 0.5, "b": 1.0, "c": 2.0, "d": 4.0}
    for threshold in (0.0, 0.4, 0.6, 1.5, 3.6, 7.4, 10.0):
        # brute force: the largest set of cheapest terms whose bounds sum below the threshold
        skipped: set[str] = set()
        for term in sorted(bounds, key=bounds.get):  # type: ignore[arg-type]
            if sum(bounds[t] for t in skipped) + bounds[term] < threshold:
                skipped.add(term)
            else:
                break
        assert postgres_bm25.essential_terms(bounds, threshold) == set(bounds) - skipped


def test_statistics_follow_copies_and_deletes(pg: PostgresStore) -> None:
    pg.courses.create_collection("c2", "C2")
    _fill(pg, _corpus(60), per_document=20)
    first = pg.documents.list_documents()[-1]
    pg.documents.copy_document(first.id, "c2", "copia.txt")
    pg.documents.delete_document(first.id)
    pg.courses.delete_collection("c2")
    with pg.engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT term, df FROM lexical_terms WHERE df > 0")).all())
        recount = dict(
            conn.execute(
                text("SELECT t, count(*) FROM chunks, unnest(lex_terms) t GROUP BY t")
            ).all()
        )
        totals = conn.execute(text("SELECT chunks, tokens FROM lexical_totals")).one()
        actual = conn.execute(text("SELECT count(*), sum(lex_len) FROM chunks")).one()
    assert stored == recount and tuple(totals) == tuple(actual) and actual[0] == 40


def test_concurrent_writers_keep_statistics_exact(pg: PostgresStore) -> None:
    threads = [
        threading.Thread(
            target=_fill, args=(pg, _corpus(50, seed=s)), kwargs={"seed": s, "per_document": 5}
        )
        for s in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with pg.engine.connect() as conn:
        totals = conn.execute(text("SELECT chunks FROM lexical_totals")).scalar_one()
        bad = conn.execute(
            text(
                "SELECT count(*) FROM lexical_terms s FULL JOIN (SELECT t, count(*) n FROM chunks, "
                "unnest(lex_terms) t GROUP BY t) c ON c.t = s.term WHERE s.df IS DISTINCT FROM c.n"
            )
        ).scalar_one()
    assert totals == 150 and bad == 0


def _plan(store: PostgresStore, sql: str, params: dict[str, Any]) -> str:
    with store.engine.begin() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        conn.execute(text("SET LOCAL enable_sort = off"))
        return "\n".join(r[0] for r in conn.execute(text("EXPLAIN " + sql), params))


def test_dense_search_uses_the_hnsw_index_of_the_bundled_dimension(pg: PostgresStore) -> None:
    _fill(pg, _corpus(50), dim=384)
    query = vector_literal(np.ones(384, dtype=np.float32) / np.sqrt(384))
    distance = "embedding_vec::vector(384) <=> CAST(:q AS vector(384))"
    plan = _plan(
        pg,
        f"SELECT rowid FROM chunks WHERE vector_dims(embedding_vec) = 384 "
        f"ORDER BY {distance} LIMIT 5",
        {"q": query},
    )
    assert "ix_chunks_vec_hnsw_384" in plan
    with pg.engine.connect() as conn:  # other dimensions get their own index on first write
        _fill(pg, _corpus(5), dim=8, seed=1)
        names = conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'chunks'"))
        assert {"ix_chunks_vec_hnsw_384", "ix_chunks_vec_hnsw_8"} <= set(names.scalars())


def _force_index_scans(store: PostgresStore) -> None:
    @event.listens_for(store.engine, "connect")
    def _settings(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
        dbapi_conn.commit()


@pytest.mark.parametrize("exact_below", [0, 5_000])
def test_filtered_search_returns_k_from_a_small_collection(
    pg_server: EmbeddedPostgres, exact_below: int
) -> None:
    store = PostgresStore(pg_server.empty_database())
    vectors = PostgresVectorIndex(store.engine, ef_search=10, exact_below=exact_below)
    _force_index_scans(store)  # the planner must take HNSW, where a filter drops rows
    store.courses.create_collection("small", "Pequena")
    _fill(store, _corpus(1500), dim=384, per_document=100)
    _fill(store, _corpus(12, seed=9), "small", dim=384, seed=9)
    query = np.random.default_rng(5).standard_normal(384).astype(np.float32)
    query /= np.linalg.norm(query)
    with store.engine.begin() as conn:  # without iterative scans, HNSW + filter comes up short
        conn.execute(text("SET LOCAL hnsw.ef_search = 10"))
        naive = conn.execute(
            text(
                "SELECT rowid FROM chunks WHERE vector_dims(embedding_vec) = 384 AND collection_id "
                "= 'small' ORDER BY embedding_vec::vector(384) <=> CAST(:q AS vector(384)) LIMIT 12"
            ),
            {"q": vector_literal(query)},
        ).all()
    assert len(naive) < 12
    found = vectors.search(query, "small", 12)
    assert len(found) == 12
    assert {r.collection_id for r in store.passages.chunks_by_rowid(list(found)).values()} == {
        "small"
    }
    assert len(vectors.search(query, "small", 50)) == 12  # the whole collection
    assert len(vectors.search(query, None, 50)) == 50
    store.close()


def test_concurrent_migrations_on_a_new_database(pg_server: EmbeddedPostgres) -> None:
    url = pg_server.new_database(template=False)
    stores = [PostgresStore(url) for _ in range(3)]
    errors: list[BaseException] = []

    def migrate(store: PostgresStore) -> None:
        try:
            store.migrate()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=migrate, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and [c.id for c in stores[0].courses.list_collections()] == ["default"]
    for store in stores:
        store.close()
    pg_server.drop_database(url)


def _graph_options(store: PostgresStore) -> dict[str, set[str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT relname, reloptions FROM pg_class "
                "WHERE relname LIKE 'ix\\_chunks\\_vec\\_hnsw\\_%'"
            )
        )
        return {r.relname: set(r.reloptions or ()) for r in rows}


def test_migration_0004_rebuilds_the_vector_indexes_with_a_denser_graph(
    pg_server: EmbeddedPostgres,
) -> None:
    url = pg_server.new_database(template=False)
    store = PostgresStore(url)
    store.migrate()
    assert _graph_options(store) == {"ix_chunks_vec_hnsw_384": {"m=16", "ef_construction=128"}}
    # A library with a second embedder's dimension beside the bundled one, taken back to
    # 0003 (the store writes through the newest schema, so it is filled first).
    _fill(store, _corpus(60), dim=384)
    _fill(store, _corpus(30, seed=4), dim=8, seed=4)
    config = alembic_config(store.engine)
    command.downgrade(config, "0003")
    assert _graph_options(store)["ix_chunks_vec_hnsw_384"] == {"m=16", "ef_construction=64"}
    with store.engine.begin() as conn:
        conn.execute(text("ALTER INDEX ix_chunks_vec_hnsw_8 SET (ef_construction = 64)"))
    query = np.random.default_rng(8).standard_normal(384).astype(np.float32)
    query /= np.linalg.norm(query)
    before = open_index(store).vectors.search(query, None, 5)

    command.upgrade(config, "head")
    assert _graph_options(store) == {
        "ix_chunks_vec_hnsw_384": {"m=16", "ef_construction=128"},
        "ix_chunks_vec_hnsw_8": {"m=16", "ef_construction=128"},
    }
    assert open_index(store).vectors.search(query, None, 5) == pytest.approx(
        before
    )  # same rows, rebuilt
    assert store.passages.count_chunks() == 90
    store.close()
    pg_server.drop_database(url)
