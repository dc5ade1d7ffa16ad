"""Study tools (issue 18): the question bank, students' FSRS cards and their reviews (both
databases).

Revision ID: 0010
Revises: 0009

`study_items` are a course's items with their source (document, page, passage id and the
passage's text, kept so an item outlives a re-index) and the teacher's verdict (draft,
approved, rejected); `options` is the JSON list of a multiple-choice item's wrong options.
`study_cards` hold one client's FSRS state per item and when it is due; `study_reviews` every
grade or quiz answer, for the teacher's statistics. Items go with their document; cards and
reviews with their item or their client.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "study_items",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("collection_id", sa.String(80), sa.ForeignKey("collections.id"), nullable=False),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("chunk_id", sa.String(48), nullable=False),
        sa.Column("passage", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("options", sa.Text, nullable=False, server_default="[]"),
        sa.Column("status", sa.String(12), nullable=False, server_default="draft"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_study_items_collection", "study_items", ["collection_id", "status"])
    op.create_index("ix_study_items_document", "study_items", ["document_id"])
    op.create_table(
        "study_cards",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("item_id", sa.String(32), sa.ForeignKey("study_items.id"), primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_study_cards_item", "study_cards", ["item_id"])
    op.create_table(
        "study_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("item_id", sa.String(32), sa.ForeignKey("study_items.id"), nullable=False),
        sa.Column("rating", sa.Integer),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_study_reviews_item", "study_reviews", ["item_id"])
    op.create_index("ix_study_reviews_client", "study_reviews", ["client_id"])


def downgrade() -> None:
    op.drop_table("study_reviews")
    op.drop_table("study_cards")
    op.drop_table("study_items")
