"""SQLite: one file, WAL for concurrent readers, FTS5 BM25 for the lexical side."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import Connection

from chatgepeto.storage import course_fts, course_stats
from chatgepeto.storage import schema as s
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.vector_table import VectorTable


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
    """A compact copy of the searchable vectors (tests and benchmarks inspect it)."""

    chunk_rowids: npt.NDArray[np.int64]
    collection_ids: npt.NDArray[np.object_]
    matrix: npt.NDArray[np.float32]


def _match_expression(terms: list[str]) -> str:
    # Quoted terms OR-ed: every analysed term contributes, none is an FTS operator.
    unique = dict.fromkeys(t.replace('"', "") for t in terms if t)
    return " OR ".join(f'"{t}"' for t in unique)


# Every chunk inserted or deleted leaves its rowid here (migration 0007); each process's
# in-memory vectors follow the log. Old entries go: a process that far behind reloads.
_LOG_CHANGES = text(
    "INSERT INTO dense_log (chunk_rowid) SELECT rowid FROM chunks WHERE document_id = :d"
)
LOG_KEPT = 200_000
_LOG_PRUNE = text("DELETE FROM dense_log WHERE seq <= (SELECT max(seq) FROM dense_log) - :kept")
_LOG_SINCE = text("SELECT seq, chunk_rowid FROM dense_log WHERE seq > :s ORDER BY seq")
# Two subqueries: SQLite answers min() or max() alone from the key, both at once by a scan.
_LOG_BOUNDS = text(
    "SELECT coalesce((SELECT min(seq) FROM dense_log), 0), "
    "coalesce((SELECT max(seq) FROM dense_log), 0)"
)
# SQLite's limit on bound parameters is 32,766 (3.32+); a margin.
_BATCH = 10_000
_LIBRARY_CHUNKS = text("SELECT coalesce(sum(chunks), 0) FROM lexical_collections")


class SqliteStore(SqlStore):
    """The embedded default store; vectors are searched exactly, in memory."""

    def __init__(self, url: str) -> None:
        super().__init__(sqlite_engine(url))
        self._vectors: VectorTable | None = None
        self._log_seq = 0  # the last dense_log entry the vectors reflect
        self._refresh_lock = threading.Lock()

    def _index_terms(self, conn: Connection, rowid: int, terms: list[str]) -> None:
        conn.execute(
            text("INSERT INTO chunks_fts(rowid, terms) VALUES (:r, :t)"),
            {"r": rowid, "t": " ".join(terms)},
        )

    def _insert_chunks(
        self, conn: Connection, document_id: str, collection_id: str, chunks: list[dict[str, Any]]
    ) -> list[int]:
        rowids = super()._insert_chunks(conn, document_id, collection_id, chunks)
        if rowids:
            course_fts.index_document(conn, collection_id, document_id)
            conn.execute(_LOG_CHANGES, {"d": document_id})
            conn.execute(_LOG_PRUNE, {"kept": LOG_KEPT})
        return rowids

    def _delete_chunks(self, conn: Connection, document_id: str) -> None:
        conn.execute(
            text(
                "DELETE FROM chunks_fts WHERE rowid IN "
                "(SELECT rowid FROM chunks WHERE document_id = :d)"
            ),
            {"d": document_id},
        )
        courses = course_fts.unindex_document(conn, document_id)
        conn.execute(_LOG_CHANGES, {"d": document_id})
        super()._delete_chunks(conn, document_id)
        for collection_id in courses:
            if course_stats.totals(conn, collection_id) == (0, 0):
                course_fts.drop(conn, collection_id)

    def read_original(self, document_id: str, offset: int, length: int) -> bytes | None:
        # substr would load the whole blob for every slice (SQLite reads a value whole);
        # incremental blob I/O reads only the pages of the slice.
        if offset < 0 or length <= 0:
            raise ValueError(f"need offset >= 0 and length > 0, got {offset} and {length}")
        with self.engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT blobs.rowid FROM blobs JOIN documents "
                    "ON documents.sha256 = blobs.sha256 WHERE documents.id = :d"
                ),
                {"d": document_id},
            ).first()
            if row is None:
                return None
            raw = conn.connection.dbapi_connection
            assert raw is not None
            try:
                with raw.blobopen("blobs", "data", row[0], readonly=True) as blob:
                    if offset >= len(blob):
                        return b""
                    blob.seek(offset)
                    return bytes(blob.read(length))
            except sqlite3.OperationalError:  # deleted since the select
                return None

    def lexical_search(
        self, terms: list[str], collection_id: str | None, k: int
    ) -> list[tuple[int, float]]:
        expression = _match_expression(terms)
        if not expression or k <= 0:
            return []
        with self.engine.connect() as conn:
            if collection_id is not None:
                # The course's own FTS5 table: its bm25() has the course's statistics.
                return course_fts.search(conn, expression, collection_id, k)
            sql = (
                "SELECT rowid, bm25(chunks_fts) AS s FROM chunks_fts WHERE chunks_fts MATCH :q "
                "ORDER BY s LIMIT :k"
            )
            rows = conn.execute(text(sql), {"q": expression, "k": k}).all()
        # FTS5 returns BM25 negated (smaller is better); flip it so higher is better.
        return [(int(r.rowid), -float(r.s)) for r in rows]

    def term_statistics(
        self, terms: list[str], collection_id: str | None
    ) -> tuple[int, dict[str, int]]:
        wanted = sorted({t for t in terms if t})
        count = text("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH :q")
        df: dict[str, int] = {}
        with self.engine.connect() as conn:
            if collection_id is not None:
                chunks, _ = course_stats.totals(conn, collection_id)
            else:  # every chunk is in one collection: the small table has the total
                chunks = int(conn.execute(_LIBRARY_CHUNKS).scalar_one())
            for term in wanted:
                if not (q := _match_expression([term])):
                    continue
                if collection_id is None:
                    df[term] = int(conn.execute(count, {"q": q}).scalar_one())
                else:
                    df[term] = course_fts.count(conn, q, collection_id)
        return chunks, {t: df.get(t, 0) for t in wanted}

    def dense_index(self) -> LoadedDenseIndex:
        """A compact copy of the current vectors (for inspection: searches use them in place)."""
        rowids, collections, matrix = self._current_vectors().snapshot()
        return LoadedDenseIndex(rowids, collections, matrix)

    def dense_search(
        self,
        query_vector: npt.NDArray[np.float32],
        collection_id: str | None,
        k: int,
        also_rowids: list[int] | None = None,
    ) -> dict[int, float]:
        """Cosine of the k nearest chunks (exact, in memory), plus those of `also_rowids`."""
        return self._current_vectors().search(query_vector, collection_id, k, also_rowids)

    def reload_vectors(self) -> None:
        """Drop the in-memory vectors; the next search loads them whole (benchmarks time it)."""
        with self._refresh_lock:
            self._vectors = None

    def _current_vectors(self) -> VectorTable:
        # One thread at a time reads the changes; the others wait, then find none left.
        with self._refresh_lock:
            with self.engine.connect() as conn:
                if self._vectors is None:
                    self._load_vectors(conn)
                else:
                    self._follow_log(conn)
            assert self._vectors is not None
            return self._vectors

    def _load_vectors(self, conn: Connection) -> None:
        # The log's end is read first: changes made during the load are applied again
        # after it, which leaves the same rows (each change re-reads its chunk).
        self._log_seq = int(conn.execute(_LOG_BOUNDS).one()[1])
        query = select(s.chunks.c.rowid, s.chunks.c.collection_id, s.chunks.c.embedding)
        rows = conn.execute(query.order_by(s.chunks.c.rowid)).all()
        matrix = (
            np.vstack([np.frombuffer(r.embedding, dtype=np.float32) for r in rows])
            if rows
            else np.zeros((0, 0), dtype=np.float32)
        )
        self._vectors = VectorTable.of(
            [int(r.rowid) for r in rows], [str(r.collection_id) for r in rows], matrix
        )

    def _follow_log(self, conn: Connection) -> None:
        changes = conn.execute(_LOG_SINCE, {"s": self._log_seq}).all()
        if not changes:
            return
        first = int(conn.execute(_LOG_BOUNDS).one()[0])
        if first > self._log_seq + 1:  # entries this process never saw were pruned
            self._load_vectors(conn)
            return
        touched = list(dict.fromkeys(int(r.chunk_rowid) for r in changes))
        current: dict[int, tuple[str, bytes]] = {}
        columns = select(s.chunks.c.rowid, s.chunks.c.collection_id, s.chunks.c.embedding)
        for start in range(0, len(touched), _BATCH):
            part = touched[start : start + _BATCH]
            for row in conn.execute(columns.where(s.chunks.c.rowid.in_(part))):
                current[int(row.rowid)] = (str(row.collection_id), bytes(row.embedding))
        vectors = self._vectors
        assert vectors is not None
        with vectors.lock.exclusive():
            for rowid in touched:
                if rowid in current:
                    collection_id, blob = current[rowid]
                    vectors.put(rowid, collection_id, np.frombuffer(blob, dtype=np.float32))
                else:
                    vectors.remove(rowid)
        self._log_seq = int(changes[-1].seq)
