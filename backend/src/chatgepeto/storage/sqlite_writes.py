"""SQLite's chunk writes: the rows, the library's and the course's FTS5 tables, the vector log."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, text
from sqlalchemy.engine import Connection

from chatgepeto.storage import course_fts, course_stats
from chatgepeto.storage import schema as s
from chatgepeto.storage.chunk_writes import chunk_id

# Every chunk inserted or deleted leaves its rowid here (migration 0007); each process's
# in-memory vectors (retrieval/index/sqlite_vectors.py) follow the log. Old entries go: a
# process that far behind reloads.
_LOG_CHANGES = text(
    "INSERT INTO dense_log (chunk_rowid) SELECT rowid FROM chunks WHERE document_id = :d"
)
LOG_KEPT = 200_000
_LOG_PRUNE = text("DELETE FROM dense_log WHERE seq <= (SELECT max(seq) FROM dense_log) - :kept")
_INDEX_TERMS = text("INSERT INTO chunks_fts(rowid, terms) VALUES (:r, :t)")
_UNINDEX_TERMS = text(
    "DELETE FROM chunks_fts WHERE rowid IN (SELECT rowid FROM chunks WHERE document_id = :d)"
)


class SqliteChunkWriter:
    """Chunks with their terms in the library's FTS5 table and their course's own."""

    def insert(
        self, conn: Connection, document_id: str, collection_id: str, chunks: list[dict[str, Any]]
    ) -> None:
        if not chunks:
            return
        tokens = sum(len(c["terms"]) for c in chunks)
        course_stats.add(conn, collection_id, len(chunks), tokens)
        for c in chunks:
            result = conn.execute(
                insert(s.chunks)
                .values(
                    id=chunk_id(document_id, c["position"]),
                    document_id=document_id,
                    collection_id=collection_id,
                    position=c["position"],
                    page=c["page"],
                    heading_path=json.dumps(list(c["heading_path"]), ensure_ascii=False),
                    text=c["text"],
                    terms=" ".join(c["terms"]),
                    embedding=c["embedding"],
                    char_start=c.get("char_start"),
                    char_end=c.get("char_end"),
                )
                .returning(s.chunks.c.rowid)
            )
            rowid = int(result.scalar_one())
            conn.execute(_INDEX_TERMS, {"r": rowid, "t": " ".join(c["terms"])})
        course_fts.index_document(conn, collection_id, document_id)
        conn.execute(_LOG_CHANGES, {"d": document_id})
        conn.execute(_LOG_PRUNE, {"kept": LOG_KEPT})

    def delete(self, conn: Connection, document_id: str) -> None:
        conn.execute(_UNINDEX_TERMS, {"d": document_id})
        courses = course_fts.unindex_document(conn, document_id)
        conn.execute(_LOG_CHANGES, {"d": document_id})
        course_stats.remove_document(conn, document_id)
        conn.execute(delete(s.chunks).where(s.chunks.c.document_id == document_id))
        for collection_id in courses:
            if course_stats.totals(conn, collection_id) == (0, 0):
                course_fts.drop(conn, collection_id)
