"""Service secrets (the client id signing key) and LLM token usage per account and day.

Revision ID: 0006
Revises: 0005

`service_secrets` holds values the service generates once and every process must share, such
as the key that signs client ids when none is configured. `token_usage` counts the LLM
tokens each account (a client, a network address, everyone) spent on one UTC day, in the
database that every process and task already shares, so a limit is not multiplied by the
number of processes nor reset by a deploy.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "token_usage",
        sa.Column("account", sa.String(100), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("tokens", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_token_usage_day", "token_usage", ["day"])


def downgrade() -> None:
    op.drop_table("token_usage")
    op.drop_table("service_secrets")
