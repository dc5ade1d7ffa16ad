"""PostgreSQL: shared by many processes; pgvector HNSW, exact BM25, SKIP LOCKED job claims."""

from __future__ import annotations

import json
import weakref
import zlib
from collections import Counter
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import Connection, make_url

from chatgepeto.storage import postgres_bm25, postgres_lexicon
from chatgepeto.storage.sql_store import SqlStore

# Sized for `serve`: gunicorn's gthread workers run 32 threads each, and a thread holds a
# connection only for one short statement batch, so 5 stay open and bursts borrow up to 32.
POOL_SIZE = 5
MAX_OVERFLOW = 27
# The HNSW graph (migration 0004 rebuilt older indexes with these). On a million chunks
# (bench/scale), ef_construction 128 reaches recall@10 0.996 at ef_search 200 where 64
# reached 0.911, for 1.4x the build time (391 s against 270 s on 2 cores) and the same size.
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 128
# Recall@10 against exact search on a million chunks: 0.84 at 40, 0.976 at 100, 0.996 at
# 200 (bench/scale); 200 keeps >= 0.95 with room as the library grows, for about 3 ms.
EF_SEARCH = 200
# Collections under this many chunks are searched exactly. HNSW with a filter (even with
# pgvector's iterative scan) plateaus near 0.90 recall for a collection holding 1% of a
# million chunks, whatever ef_search; exact search of its 10k vectors takes about 13 ms.
EXACT_BELOW = 20_000
# Application-chosen advisory lock keys (any bigint): one per purpose.
_MIGRATE_LOCK = zlib.crc32(b"chatgepeto:migrate")
_INDEX_LOCK = zlib.crc32(b"chatgepeto:vector-index")

_INSERT_CHUNK = text(
    "INSERT INTO chunks (id, document_id, collection_id, position, page, heading_path, text, "
    "terms, embedding, embedding_vec, lex_terms, lex_tfs, lex_len, char_start, char_end) VALUES "
    "(:id, :document_id, :collection_id, :position, :page, :heading_path, :text, :terms, "
    ":embedding, CAST(:vec AS vector), CAST(:lex_terms AS text[]), CAST(:lex_tfs AS integer[]), "
    ":lex_len, :char_start, :char_end)"
)


def postgres_engine(
    url: str,
    pool_size: int = POOL_SIZE,
    max_overflow: int = MAX_OVERFLOW,
    pool_timeout_s: float = 10.0,
    connect_timeout_s: int = 5,
) -> Engine:
    """A pooled engine that tests each connection before use, so a restarted server is
    picked up again, and that fails fast (not after minutes) while the server is away."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):  # a bare URL means psycopg 3 here
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(
        parsed,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout_s,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args={"connect_timeout": connect_timeout_s, "application_name": "chatgepeto"},
    )


def vector_index_sql(dim: int) -> str:
    """The HNSW cosine index over the vectors of one dimension (a partial expression index:
    the column takes any dimension, the planner uses it when a query repeats the predicate)."""
    return (
        f"CREATE INDEX IF NOT EXISTS ix_chunks_vec_hnsw_{dim} ON chunks USING hnsw "
        f"((embedding_vec::vector({dim})) vector_cosine_ops) WITH (m = {HNSW_M}, "
        f"ef_construction = {HNSW_EF_CONSTRUCTION}) WHERE vector_dims(embedding_vec) = {dim}"
    )


def vector_literal(vector: npt.NDArray[np.float32]) -> str:
    """pgvector's text form; float32 values survive the round trip exactly."""
    return "[" + ",".join(map(repr, np.asarray(vector, dtype=np.float32).tolist())) + "]"


def _postings(terms: list[str]) -> tuple[list[str], list[int]]:
    counts = Counter(terms)
    ordered = sorted(counts)
    return ordered, [counts[t] for t in ordered]


class PostgresStore(SqlStore):
    """The store for several processes on one database (`DATABASE_URL=postgresql+psycopg://`)."""

    def __init__(
        self,
        url: str,
        pool_size: int = POOL_SIZE,
        max_overflow: int = MAX_OVERFLOW,
        ef_search: int = EF_SEARCH,
        exact_below: int = EXACT_BELOW,
    ) -> None:
        if ef_search <= 0:
            raise ValueError(f"ef_search must be > 0, got {ef_search}")
        super().__init__(postgres_engine(url, pool_size, max_overflow))
        self.ef_search = ef_search
        self.exact_below = exact_below
        self._indexed_dims: set[int] = set()
        # A dropped store closes its pooled connections instead of leaving them to the GC.
        self._finalizer = weakref.finalize(self, self.engine.dispose)

    def close(self) -> None:
        """Close every pooled connection (a later call opens new ones)."""
        self.engine.dispose()

    # --- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        """Migrate under an advisory lock: several processes may start at once."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATE_LOCK})
            try:
                super().migrate()
                conn.execute(
                    text(
                        "INSERT INTO lexical_totals (id, chunks, tokens) VALUES (1, 0, 0) "
                        "ON CONFLICT (id) DO NOTHING"
                    )
                )
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATE_LOCK})

    def ensure_vector_index(self, conn: Connection, dim: int) -> None:
        """An HNSW index for vectors of `dim` (the bundled model's comes with the migrations)."""
        if dim in self._indexed_dims:
            return
        name = f"ix_chunks_vec_hnsw_{dim}"
        exists = text("SELECT 1 FROM pg_indexes WHERE tablename = 'chunks' AND indexname = :n")
        if conn.execute(exists, {"n": name}).first() is None:
            # CREATE INDEX waits for running writers: once per dimension, never per write.
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _INDEX_LOCK})
            conn.execute(text(vector_index_sql(dim)))
        self._indexed_dims.add(dim)

    # --- chunks and statistics ---------------------------------------------------------------
    def _lock_statistics(self, conn: Connection) -> None:
        # Every writer of chunks takes this row first: writers serialise here, the
        # statistics stay exact, and row locks on terms cannot deadlock.
        conn.execute(text("SELECT 1 FROM lexical_totals WHERE id = 1 FOR UPDATE"))

    def _insert_chunks(
        self, conn: Connection, document_id: str, collection_id: str, chunks: list[dict[str, Any]]
    ) -> list[int]:
        if not chunks:
            return []
        self._lock_statistics(conn)
        rows, df, tokens = [], Counter[str](), 0
        for c in chunks:
            vector = np.frombuffer(c["embedding"], dtype=np.float32)
            self.ensure_vector_index(conn, len(vector))
            lex_terms, lex_tfs = _postings(c["terms"])
            df.update(lex_terms)
            tokens += len(c["terms"])
            rows.append(
                {
                    "id": f"{document_id}-{c['position']}",
                    "document_id": document_id,
                    "collection_id": collection_id,
                    "position": c["position"],
                    "page": c["page"],
                    "heading_path": _json_list(c["heading_path"]),
                    "text": c["text"],
                    "terms": " ".join(c["terms"]),
                    "embedding": c["embedding"],
                    "vec": vector_literal(vector),
                    "lex_terms": lex_terms,
                    "lex_tfs": lex_tfs,
                    "lex_len": len(c["terms"]),
                    "char_start": c.get("char_start"),
                    "char_end": c.get("char_end"),
                }
            )
        conn.execute(_INSERT_CHUNK, rows)
        postgres_lexicon.record_insert(conn, collection_id, df, len(rows), tokens)
        return []

    def _delete_chunks(self, conn: Connection, document_id: str) -> None:
        self._lock_statistics(conn)
        postgres_lexicon.delete_chunks(conn, document_id)

    def count_chunks(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(text("SELECT chunks FROM lexical_totals WHERE id = 1")).scalar_one()
            )

    # --- search -----------------------------------------------------------------------------
    def lexical_search(
        self, terms: list[str], collection_id: str | None, k: int
    ) -> list[tuple[int, float]]:
        terms = [t for t in terms if t]
        if not terms or k <= 0:
            return []
        with self.engine.connect() as conn:
            return postgres_bm25.search(conn, terms, collection_id, k)

    def term_statistics(
        self, terms: list[str], collection_id: str | None
    ) -> tuple[int, dict[str, int]]:
        wanted = sorted({t for t in terms if t})
        with self.engine.connect() as conn:
            chunks, _, df = postgres_bm25.load_counts(conn, wanted, collection_id)
        return chunks, {t: df.get(t, 0) for t in wanted}

    def dense_search(
        self,
        query_vector: npt.NDArray[np.float32],
        collection_id: str | None,
        k: int,
        also_rowids: list[int] | None = None,
    ) -> dict[int, float]:
        if k <= 0:
            return {}
        q = {"q": vector_literal(query_vector), "dim": len(query_vector)}
        with self.engine.begin() as conn:
            exact = collection_id is not None and self._collection_size(conn, collection_id) < max(
                self.exact_below, k
            )
            found = {} if exact else self._approximate(conn, q, collection_id, k)
            if len(found) < k:  # never fewer than k while the scope holds k
                found = self._exact(conn, q, collection_id, k)
            if also_rowids:
                rows = conn.execute(
                    text(
                        "SELECT rowid, 1 - (embedding_vec <=> CAST(:q AS vector)) AS cos "
                        "FROM chunks WHERE rowid = ANY(:ids) AND vector_dims(embedding_vec) = :dim"
                    ),
                    {**q, "ids": list(also_rowids)},
                ).all()
                found.update({int(r.rowid): float(r.cos) for r in rows})
        return found

    def _collection_size(self, conn: Connection, collection_id: str) -> int:
        return int(
            conn.execute(
                text(
                    "SELECT coalesce(sum(chunk_count), 0) FROM documents WHERE collection_id = :c "
                    "AND status = 'ready'"
                ),
                {"c": collection_id},
            ).scalar_one()
        )

    def _approximate(
        self, conn: Connection, q: dict[str, Any], collection_id: str | None, k: int
    ) -> dict[int, float]:
        # Iterative scan keeps walking the graph until k rows pass the collection filter.
        conn.execute(
            text(
                "SELECT set_config('hnsw.ef_search', :ef, true), "
                "set_config('hnsw.iterative_scan', 'relaxed_order', true)"
            ),
            {"ef": str(max(self.ef_search, k))},
        )
        dim = int(q["dim"])
        distance = f"embedding_vec::vector({dim}) <=> CAST(:q AS vector({dim}))"
        where = f"vector_dims(embedding_vec) = {dim}"
        if collection_id is not None:
            where += " AND collection_id = :c"
        rows = conn.execute(
            text(
                f"SELECT rowid, 1 - ({distance}) AS cos FROM chunks WHERE {where} "
                f"ORDER BY {distance} LIMIT :k"
            ),
            {**q, "c": collection_id, "k": k},
        ).all()
        return {int(r.rowid): float(r.cos) for r in rows}

    def _exact(
        self, conn: Connection, q: dict[str, Any], collection_id: str | None, k: int
    ) -> dict[int, float]:
        # The uncast column matches no HNSW index: this is a sequential, exact ranking.
        where = "vector_dims(embedding_vec) = :dim"
        if collection_id is not None:
            where += " AND collection_id = :c"
        rows = conn.execute(
            text(
                "SELECT rowid, 1 - (embedding_vec <=> CAST(:q AS vector)) AS cos FROM chunks "
                f"WHERE {where} ORDER BY embedding_vec <=> CAST(:q AS vector), rowid LIMIT :k"
            ),
            {**q, "c": collection_id, "k": k},
        ).all()
        return {int(r.rowid): float(r.cos) for r in rows}

    # --- jobs -------------------------------------------------------------------------------
    def _candidate(self, stamp: datetime) -> Any:
        # Concurrent workers skip a job another is claiming instead of queueing behind it.
        return super()._candidate(stamp).with_for_update(skip_locked=True)


def _json_list(values: Any) -> str:
    return json.dumps(list(values), ensure_ascii=False)
