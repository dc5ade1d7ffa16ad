"""Tutor modes (issue 19): a course's mode and prova window, a conversation's hint ladder,
and each answer's mode, action and rung (both databases).

Revision ID: 0009
Revises: 0008

`collections.tutor_mode` is what the teacher set (existing courses get `direto`, today's
behaviour); `prova_starts_at` / `prova_ends_at` an optional exam window that overrides it.
`conversations.hint_level` and `ladder_question` are the rung the conversation's open question
stands on and that question (0 and NULL: none). `messages.tutor_mode`, `tutor_action` and
`hint_level` say how each answer was given, for the teacher's insights (NULL before this
revision: a direto answer to a question).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "collections",
        sa.Column("tutor_mode", sa.String(12), nullable=False, server_default="direto"),
    )
    op.add_column("collections", sa.Column("prova_starts_at", sa.DateTime(timezone=True)))
    op.add_column("collections", sa.Column("prova_ends_at", sa.DateTime(timezone=True)))
    op.add_column(
        "conversations", sa.Column("hint_level", sa.Integer, nullable=False, server_default="0")
    )
    op.add_column("conversations", sa.Column("ladder_question", sa.Text))
    op.add_column("messages", sa.Column("tutor_mode", sa.String(12)))
    op.add_column("messages", sa.Column("tutor_action", sa.String(12)))
    op.add_column("messages", sa.Column("hint_level", sa.Integer))


def downgrade() -> None:
    # Plain ALTER TABLE DROP COLUMN (SQLite >= 3.35), as 0005 and 0008 do.
    for table, column in (
        ("messages", "hint_level"),
        ("messages", "tutor_action"),
        ("messages", "tutor_mode"),
        ("conversations", "ladder_question"),
        ("conversations", "hint_level"),
        ("collections", "prova_ends_at"),
        ("collections", "prova_starts_at"),
        ("collections", "tutor_mode"),
    ):
        op.drop_column(table, column)
