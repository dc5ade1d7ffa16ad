"""Page texts and each chunk's offsets in its page, for the source viewer (both databases).

Revision ID: 0008
Revises: 0007

`page_texts` holds every page's extracted text as the viewer shows it (page 0 for a document
without pages) with its headings' spans; `chunks.char_start` and `chunks.char_end` are the
passage's [start, end) in that text. Both are written at indexing: documents indexed before
this revision have neither (NULL offsets, no page rows) until they are re-indexed, and the
viewer rebuilds their page from the page's chunks meanwhile.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("chunks", sa.Column("char_start", sa.Integer, nullable=True))
    op.add_column("chunks", sa.Column("char_end", sa.Integer, nullable=True))
    op.create_table(
        "page_texts",
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("page", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("headings", sa.Text, nullable=False, server_default="[]"),
    )


def downgrade() -> None:
    op.drop_table("page_texts")
    # Plain ALTER TABLE DROP COLUMN (SQLite >= 3.35), as 0005 does: a batch copy of `chunks`
    # would rebuild the table the lexical index references.
    op.drop_column("chunks", "char_end")
    op.drop_column("chunks", "char_start")
