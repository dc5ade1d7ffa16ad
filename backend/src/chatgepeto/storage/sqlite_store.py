"""SQLite: one file, WAL for concurrent readers; FTS5 tables and a vector log beside the chunks."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text

from chatgepeto.storage.documents import SqlDocuments
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.sqlite_writes import SqliteChunkWriter


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


class SqliteDocuments(SqlDocuments):
    """Originals read in slices through SQLite's incremental blob I/O."""

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


class SqliteStore(SqlStore):
    """The embedded default store (its vectors are searched in memory, see
    retrieval/index/sqlite_vectors.py)."""

    def __init__(self, url: str) -> None:
        engine = sqlite_engine(url)
        writer = SqliteChunkWriter()
        super().__init__(engine, writer, documents=SqliteDocuments(engine, writer))
