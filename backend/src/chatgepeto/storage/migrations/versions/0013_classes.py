"""Classes (issue 16): a course's visibility (`turma`: a pass is needed; `aberto`: anyone) and
retention, its owners (teachers), its student invitations (a join code, an optional expiry, a
revocation) and the passes they issued, keyed on the browser's signed client id.

Existing courses become `aberto` with no teacher owner: the admin owns every course, so no
student loses access and no teacher gains any on upgrade.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "collections",
        sa.Column("visibility", sa.String(8), nullable=False, server_default="aberto"),
    )
    op.add_column("collections", sa.Column("retention_days", sa.Integer))
    op.create_table(
        "course_owners",
        sa.Column(
            "course_id",
            sa.String(80),
            sa.ForeignKey("collections.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "teacher_id",
            sa.String(32),
            sa.ForeignKey("teachers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_course_owners_teacher", "course_owners", ["teacher_id"])
    op.create_table(
        "course_invitations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "course_id",
            sa.String(80),
            sa.ForeignKey("collections.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_course_invitations_course", "course_invitations", ["course_id"])
    op.create_table(
        "course_passes",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column(
            "invitation_id",
            sa.String(32),
            sa.ForeignKey("course_invitations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "course_id",
            sa.String(80),
            sa.ForeignKey("collections.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_course_passes_course", "course_passes", ["course_id"])


def downgrade() -> None:
    op.drop_table("course_passes")
    op.drop_table("course_invitations")
    op.drop_table("course_owners")
    op.drop_column("collections", "retention_days")
    op.drop_column("collections", "visibility")
