"""Chunk count and token total per collection, kept in step with the chunks (both databases).

Course-scoped BM25 needs N and the mean length of the course alone; counting them per query
would read every chunk of the course, so each writer of chunks adjusts one small row in the
same transaction instead.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Valid on SQLite (>= 3.24) and PostgreSQL alike.
_ADD = text(
    "INSERT INTO lexical_collections (collection_id, chunks, tokens) VALUES (:c, :n, :t) "
    "ON CONFLICT (collection_id) DO UPDATE SET chunks = lexical_collections.chunks + "
    "excluded.chunks, tokens = lexical_collections.tokens + excluded.tokens"
)
# A document's terms are stored joined by single spaces: their count is one more than the
# spaces (SQLite has no length column; PostgreSQL's lex_len is used there instead).
_OF_DOCUMENT = text(
    "SELECT collection_id, count(*) AS chunks, coalesce(sum(CASE WHEN terms = '' THEN 0 ELSE "
    "length(terms) - length(replace(terms, ' ', '')) + 1 END), 0) AS tokens FROM chunks "
    "WHERE document_id = :d GROUP BY collection_id"
)
_STATS = text("SELECT chunks, tokens FROM lexical_collections WHERE collection_id = :c")


def add(conn: Connection, collection_id: str, chunks: int, tokens: int) -> None:
    """Count `chunks` more chunks (negative: fewer) of `tokens` terms in the collection."""
    if not chunks:
        return
    conn.execute(_ADD, {"c": collection_id, "n": chunks, "t": tokens})
    if chunks < 0:  # an emptied collection leaves no row behind
        conn.execute(
            text("DELETE FROM lexical_collections WHERE collection_id = :c AND chunks <= 0"),
            {"c": collection_id},
        )


def remove_document(conn: Connection, document_id: str) -> None:
    """Take a document's chunks out of its collection's counts (before deleting them)."""
    for row in conn.execute(_OF_DOCUMENT, {"d": document_id}).all():
        add(conn, row.collection_id, -int(row.chunks), -int(row.tokens))


def totals(conn: Connection, collection_id: str) -> tuple[int, int]:
    """(chunks, tokens) of one collection; (0, 0) for an empty or unknown one."""
    row = conn.execute(_STATS, {"c": collection_id}).first()
    return (int(row.chunks), int(row.tokens)) if row else (0, 0)
