"""SQLite: one file, WAL for concurrent readers, FTS5 BM25 for the lexical side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection

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


def _match_expression(terms: list[str]) -> str:
    # Quoted terms OR-ed: every analysed term contributes, none is an FTS operator.
    unique = dict.fromkeys(t.replace('"', "") for t in terms if t)
    return " OR ".join(f'"{t}"' for t in unique)


class SqliteStore(SqlStore):
    """The embedded default store."""

    def __init__(self, url: str) -> None:
        super().__init__(sqlite_engine(url))

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
