"""Suspect pages on documents; per-collection lexical statistics (both databases).

Revision ID: 0005
Revises: 0004

`documents.suspect_pages` holds the JSON list of 1-based pages whose text layer looked
corrupted when the document was last indexed ('[]' for every existing one until re-indexed).

BM25 of a course must not move when other courses are added, so each collection keeps its
own chunk count and token total (`lexical_collections`, both databases); PostgreSQL also
keeps per-collection document frequencies (`lexical_collection_terms`), where SQLite reads
them from the matching rows themselves. Both are filled from the existing chunks here: one
pass over `chunks` (PostgreSQL unnests every posting: minutes on a million chunks).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Number of analysed terms of a chunk: they are stored joined by single spaces.
_SQLITE_LENGTH = (
    "CASE WHEN terms = '' THEN 0 ELSE length(terms) - length(replace(terms, ' ', '')) + 1 END"
)


def upgrade() -> None:
    op.add_column(
        "documents", sa.Column("suspect_pages", sa.Text, nullable=False, server_default="[]")
    )
    op.create_table(
        "lexical_collections",
        sa.Column("collection_id", sa.String(80), primary_key=True),
        sa.Column("chunks", sa.BigInteger, nullable=False),
        sa.Column("tokens", sa.BigInteger, nullable=False),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    length = "lex_len" if postgres else _SQLITE_LENGTH
    op.execute(
        "INSERT INTO lexical_collections (collection_id, chunks, tokens) "
        f"SELECT collection_id, count(*), coalesce(sum({length}), 0) FROM chunks "
        "GROUP BY collection_id"
    )
    if postgres:
        op.execute(
            "CREATE TABLE lexical_collection_terms (collection_id varchar(80) NOT NULL, "
            "term text NOT NULL, df integer NOT NULL, PRIMARY KEY (collection_id, term))"
        )
        op.execute(
            "INSERT INTO lexical_collection_terms (collection_id, term, df) SELECT collection_id, "
            "t, count(*) FROM chunks, unnest(lex_terms) AS t GROUP BY collection_id, t"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS lexical_collection_terms")
    op.drop_table("lexical_collections")
    # Plain ALTER TABLE DROP COLUMN (SQLite >= 3.35): a batch copy of `documents` would
    # have to drop a table the chunks still reference.
    op.drop_column("documents", "suspect_pages")
