"""SQLite: one FTS5 index per course and a log of changed chunks (PostgreSQL: nothing).

Revision ID: 0007
Revises: 0006

A course-scoped search filtered the library-wide FTS5 matches after ranking them, so its cost
grew with the library. Each collection now also has its own FTS5 table over the chunks'
terms (external content: the terms are stored once, in `chunks`), named `course_fts_` and
the first 16 hex digits of the SHA-256 of the collection id (the same name
`storage/course_fts.py` computes). FTS5's bm25() on it uses the course's own statistics, the
scale PostgreSQL's course search already has.

`dense_log` lists the rowid of every chunk inserted or deleted, in order, so each process
updates its in-memory vectors by the chunks that changed instead of reloading them all.
Both are filled from the existing chunks here; the log starts empty (a process's first load
is whole anyway).
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _table(collection_id: str) -> str:
    return "course_fts_" + hashlib.sha256(collection_id.encode()).hexdigest()[:16]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    op.execute(
        "CREATE TABLE dense_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "chunk_rowid INTEGER NOT NULL)"
    )
    courses = bind.execute(sa.text("SELECT DISTINCT collection_id FROM chunks")).scalars().all()
    for collection_id in courses:
        name = _table(collection_id)
        op.execute(
            f"CREATE VIRTUAL TABLE {name} USING fts5(terms, content='chunks', "
            "content_rowid='rowid', tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
        )
        bind.execute(
            sa.text(
                f"INSERT INTO {name} (rowid, terms) SELECT rowid, terms FROM chunks "
                "WHERE collection_id = :c"
            ),
            {"c": collection_id},
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    names = bind.execute(
        sa.text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'course\\_fts\\_%' "
            "ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ).scalars()
    for name in list(names):
        op.execute(f"DROP TABLE {name}")
    op.execute("DROP TABLE dense_log")
