"""SQLite: the chunk vectors in memory, searched exactly, kept current from `dense_log`.

Every chunk write leaves its rowid in the log (storage/sqlite_writes.py); before a search the
index reads the entries it has not seen and re-reads only those chunks, so an upload costs
its own rows, not a reload of the library.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import Connection

from chatgepeto.retrieval.index.vector_table import VectorTable
from chatgepeto.storage import schema as s

_LOG_SINCE = text("SELECT seq, chunk_rowid FROM dense_log WHERE seq > :s ORDER BY seq")
# Two subqueries: SQLite answers min() or max() alone from the key, both at once by a scan.
_LOG_BOUNDS = text(
    "SELECT coalesce((SELECT min(seq) FROM dense_log), 0), "
    "coalesce((SELECT max(seq) FROM dense_log), 0)"
)
# SQLite's limit on bound parameters is 32,766 (3.32+); a margin.
_BATCH = 10_000


@dataclass
class LoadedDenseIndex:
    """A compact copy of the searchable vectors (tests and benchmarks inspect it)."""

    chunk_rowids: npt.NDArray[np.int64]
    collection_ids: npt.NDArray[np.object_]
    matrix: npt.NDArray[np.float32]


class SqliteVectorIndex:
    """Exact cosine search over an in-memory copy of the vectors (one per process)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._vectors: VectorTable | None = None
        self._log_seq = 0  # the last dense_log entry the vectors reflect
        self._refresh_lock = threading.Lock()

    def search(
        self,
        query_vector: npt.NDArray[np.float32],
        collection_id: str | None,
        k: int,
        also_rowids: list[int] | None = None,
    ) -> dict[int, float]:
        return self._current().search(query_vector, collection_id, k, also_rowids)

    def snapshot(self) -> LoadedDenseIndex:
        """A compact copy of the current vectors (for inspection: searches use them in place)."""
        rowids, collections, matrix = self._current().snapshot()
        return LoadedDenseIndex(rowids, collections, matrix)

    def reload(self) -> None:
        """Drop the in-memory vectors; the next search loads them whole (benchmarks time it)."""
        with self._refresh_lock:
            self._vectors = None

    def _current(self) -> VectorTable:
        # One thread at a time reads the changes; the others wait, then find none left.
        with self._refresh_lock:
            with self.engine.connect() as conn:
                if self._vectors is None:
                    self._load(conn)
                else:
                    self._follow_log(conn)
            assert self._vectors is not None
            return self._vectors

    def _load(self, conn: Connection) -> None:
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
            self._load(conn)
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
