"""SQLite: one FTS5 table per collection, so a course is searched at the cost of its own size.

FTS5's bm25() takes N, the mean length and the document frequencies from the table it runs
on: on a course's own table they are the course's, the statistics PostgreSQL's course search
uses (retrieval/index/postgres_bm25.py), so both stores stay on one scale. The tables index
the terms of `chunks` (external content, nothing stored twice), are created with the course's
first chunk and dropped with its last; retrieval/index/sqlite_lexical.py searches them.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Migration 0007 builds the tables of existing databases under the same names.
PREFIX = "course_fts_"


def table(collection_id: str) -> str:
    """The FTS5 table of a collection: a fixed prefix and hex digits, safe in any SQL."""
    return PREFIX + hashlib.sha256(collection_id.encode()).hexdigest()[:16]


def index_document(conn: Connection, collection_id: str, document_id: str) -> None:
    """Index every chunk of the document in its course's table (created if needed)."""
    name = table(collection_id)
    conn.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(terms, content='chunks', "
            "content_rowid='rowid', tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
        )
    )
    conn.execute(
        text(
            f"INSERT INTO {name} (rowid, terms) SELECT rowid, terms FROM chunks "
            "WHERE document_id = :d"
        ),
        {"d": document_id},
    )


def unindex_document(conn: Connection, document_id: str) -> list[str]:
    """Take the document's chunks out of their course's table (while they still exist in
    `chunks`: an external-content table reads the terms to remove there); their courses."""
    courses = (
        conn.execute(
            text("SELECT DISTINCT collection_id FROM chunks WHERE document_id = :d"),
            {"d": document_id},
        )
        .scalars()
        .all()
    )
    for collection_id in courses:
        conn.execute(
            text(
                f"DELETE FROM {table(collection_id)} WHERE rowid IN "
                "(SELECT rowid FROM chunks WHERE document_id = :d)"
            ),
            {"d": document_id},
        )
    return list(courses)


def drop(conn: Connection, collection_id: str) -> None:
    """Drop a course's table (its last chunk is gone)."""
    conn.execute(text(f"DROP TABLE IF EXISTS {table(collection_id)}"))
