"""SQLite: one file, WAL for concurrent readers, FTS5 BM25 for the lexical side."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import Connection

from chatgepeto.storage import schema as s
from chatgepeto.storage.sql_store import SqlStore


def sqlite_engine(url: str) -> Engine:
    """An engine with WAL, foreign keys and a generous busy timeout (web + worker processes)."""
    path = url.removeprefix("sqlite:///")
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


@dataclass
class LoadedDenseIndex:
    """Vectors of the searchable chunks at one index generation."""

    generation: int
    chunk_rowids: npt.NDArray[np.int64]
    collection_ids: npt.NDArray[np.object_]
    matrix: npt.NDArray[np.float32]


def _match_expression(terms: list[str]) -> str:
    # Quoted terms OR-ed: every analysed term contributes, none is an FTS operator.
    unique = dict.fromkeys(t.replace('"', "") for t in terms if t)
    return " OR ".join(f'"{t}"' for t in unique)


class SqliteStore(SqlStore):
    """The embedded default store; vectors are searched exactly, in memory."""

    def __init__(self, url: str) -> None:
        super().__init__(sqlite_engine(url))
        self._dense: LoadedDenseIndex | None = None
        self._dense_lock = threading.Lock()

    def _index_terms(self, conn: Connection, rowid: int, terms: list[str]) -> None:
        conn.execute(
            text("INSERT INTO chunks_fts(rowid, terms) VALUES (:r, :t)"),
            {"r": rowid, "t": " ".join(terms)},
        )

    def _delete_chunks(self, conn: Connection, document_id: str) -> None:
        conn.execute(
            text(
                "DELETE FROM chunks_fts WHERE rowid IN "
                "(SELECT rowid FROM chunks WHERE document_id = :d)"
            ),
            {"d": document_id},
        )
        super()._delete_chunks(conn, document_id)

    def lexical_search(
        self, terms: list[str], collection_id: str | None, k: int
    ) -> list[tuple[int, float]]:
        expression = _match_expression(terms)
        if not expression or k <= 0:
            return []
        where = "chunks_fts MATCH :q"
        params: dict[str, Any] = {"q": expression, "k": k}
        if collection_id is not None:
            where += " AND rowid IN (SELECT rowid FROM chunks WHERE collection_id = :c)"
            params["c"] = collection_id
        sql = (
            f"SELECT rowid, bm25(chunks_fts) AS s FROM chunks_fts WHERE {where} ORDER BY s LIMIT :k"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(text(sql), params).all()
        # FTS5 returns BM25 negated (smaller is better); flip it so higher is better.
        return [(int(r.rowid), -float(r.s)) for r in rows]

    def dense_index(self) -> LoadedDenseIndex:
        """The current vectors, reloaded when the index generation moved (any process)."""
        generation = self._generation()
        with self._dense_lock:
            if self._dense is None or self._dense.generation != generation:
                self._dense = self._load_dense(generation)
            return self._dense

    def dense_search(
        self,
        query_vector: npt.NDArray[np.float32],
        collection_id: str | None,
        k: int,
        also_rowids: list[int] | None = None,
    ) -> dict[int, float]:
        """Cosine of the k nearest chunks (exact, in memory), plus those of `also_rowids`."""
        index = self.dense_index()
        if index.matrix.shape[0] == 0 or k <= 0:
            return {}
        scores = index.matrix @ query_vector
        if collection_id is not None:
            scores = np.where(index.collection_ids == collection_id, scores, -np.inf)
        count = min(k, int(np.isfinite(scores).sum()))
        if count == 0:
            return {}
        top = np.argpartition(-scores, count - 1)[:count]
        result = {int(index.chunk_rowids[i]): float(scores[i]) for i in top}
        if also_rowids:
            positions = np.searchsorted(index.chunk_rowids, also_rowids)
            for rowid, pos in zip(also_rowids, positions, strict=True):
                if pos < len(index.chunk_rowids) and index.chunk_rowids[pos] == rowid:
                    result[rowid] = float(scores[pos])
        return result

    def _load_dense(self, generation: int) -> LoadedDenseIndex:
        query = select(s.chunks.c.rowid, s.chunks.c.collection_id, s.chunks.c.embedding)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(s.chunks.c.rowid)).all()
        if not rows:
            empty = np.zeros((0, 0), dtype=np.float32)
            return LoadedDenseIndex(generation, np.zeros(0, np.int64), np.zeros(0, object), empty)
        matrix = np.vstack([np.frombuffer(r.embedding, dtype=np.float32) for r in rows])
        return LoadedDenseIndex(
            generation,
            np.array([r.rowid for r in rows], dtype=np.int64),
            np.array([r.collection_id for r in rows], dtype=object),
            matrix,
        )
