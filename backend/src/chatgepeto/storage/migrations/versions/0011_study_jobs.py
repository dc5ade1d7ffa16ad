"""Study generation jobs (issue 18): the job queue gains a kind (both databases).

Revision ID: 0011
Revises: 0010

`jobs.kind` is `ingest` (every existing row: today's jobs) or `study`. A study job names its
course (`collection_id`), optionally a document and a page range of it, and keeps its progress
in passages (`done` of `total`), its result (`items_created`, `items_generated`, `mode`:
offline or llm) or the reason it failed (`error`), and when it last moved (`updated_at`).

`jobs.document_id` becomes nullable (a course-wide study job has none) and is no longer unique
in general: the partial unique index `uq_jobs_ingest_document` keeps what the ingestion code
relies on, at most one ingest job per document (an ingest job is deleted when it ends, so every
one is queued or running).

SQLite cannot drop the inline UNIQUE of 0001 in place: the batch copy recreates `jobs` (no
table references it), naming the reflected constraint so it can be dropped; PostgreSQL named it
`jobs_document_id_key` and alters the table in place.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_INGEST_ONLY = sa.text("kind = 'ingest'")


def _unique_name() -> str:
    return (
        "uq_jobs_document_id" if op.get_bind().dialect.name == "sqlite" else "jobs_document_id_key"
    )


def upgrade() -> None:
    unique = _unique_name()
    with op.batch_alter_table("jobs", naming_convention=_NAMES) as batch:
        batch.add_column(sa.Column("kind", sa.String(12), nullable=False, server_default="ingest"))
        batch.alter_column("document_id", existing_type=sa.String(32), nullable=True)
        batch.drop_constraint(unique, type_="unique")
        batch.add_column(sa.Column("collection_id", sa.String(80)))
        batch.add_column(sa.Column("first_page", sa.Integer))
        batch.add_column(sa.Column("last_page", sa.Integer))
        batch.add_column(sa.Column("done", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("total", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("items_created", sa.Integer))
        batch.add_column(sa.Column("items_generated", sa.Integer))
        batch.add_column(sa.Column("mode", sa.String(12)))
        batch.add_column(sa.Column("error", sa.Text))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True)))
        batch.create_foreign_key("fk_jobs_collection", "collections", ["collection_id"], ["id"])
    op.create_index(
        "uq_jobs_ingest_document",
        "jobs",
        ["document_id"],
        unique=True,
        sqlite_where=_INGEST_ONLY,
        postgresql_where=_INGEST_ONLY,
    )
    op.create_index("ix_jobs_collection", "jobs", ["collection_id"])


def downgrade() -> None:
    # Study jobs have no place in the old queue: they go (their items stay in the bank).
    op.execute("DELETE FROM jobs WHERE kind <> 'ingest'")
    op.drop_index("ix_jobs_collection", "jobs")
    op.drop_index("uq_jobs_ingest_document", "jobs")
    unique = _unique_name()
    with op.batch_alter_table("jobs", naming_convention=_NAMES) as batch:
        batch.drop_constraint("fk_jobs_collection", type_="foreignkey")
        for column in (
            "updated_at",
            "error",
            "mode",
            "items_generated",
            "items_created",
            "total",
            "done",
            "last_page",
            "first_page",
            "collection_id",
            "kind",
        ):
            batch.drop_column(column)
        batch.alter_column("document_id", existing_type=sa.String(32), nullable=False)
        batch.create_unique_constraint(unique, ["document_id"])
