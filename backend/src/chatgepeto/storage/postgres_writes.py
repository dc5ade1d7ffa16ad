"""PostgreSQL's chunk writes: the rows with their pgvector column and postings, the BM25
statistics beside them, and the HNSW index of each vector dimension."""

from __future__ import annotations

import json
import zlib
from collections import Counter
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import text
from sqlalchemy.engine import Connection

from chatgepeto.storage import postgres_lexicon
from chatgepeto.storage.chunk_writes import chunk_id

# The HNSW graph (migration 0004 rebuilt older indexes with these). On a million chunks
# (bench/scale), ef_construction 128 reaches recall@10 0.996 at ef_search 200 where 64
# reached 0.911, for 1.4x the build time (391 s against 270 s on 2 cores) and the same size.
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 128
# An application-chosen advisory lock key (any bigint).
_INDEX_LOCK = zlib.crc32(b"chatgepeto:vector-index")

_INSERT_CHUNK = text(
    "INSERT INTO chunks (id, document_id, collection_id, position, page, heading_path, text, "
    "terms, embedding, embedding_vec, lex_terms, lex_tfs, lex_len, char_start, char_end) VALUES "
    "(:id, :document_id, :collection_id, :position, :page, :heading_path, :text, :terms, "
    ":embedding, CAST(:vec AS vector), CAST(:lex_terms AS text[]), CAST(:lex_tfs AS integer[]), "
    ":lex_len, :char_start, :char_end)"
)


def vector_index_sql(dim: int) -> str:
    """The HNSW cosine index over the vectors of one dimension (a partial expression index:
    the column takes any dimension, the planner uses it when a query repeats the predicate)."""
    return (
        f"CREATE INDEX IF NOT EXISTS ix_chunks_vec_hnsw_{dim} ON chunks USING hnsw "
        f"((embedding_vec::vector({dim})) vector_cosine_ops) WITH (m = {HNSW_M}, "
        f"ef_construction = {HNSW_EF_CONSTRUCTION}) WHERE vector_dims(embedding_vec) = {dim}"
    )


def vector_literal(vector: npt.NDArray[np.float32]) -> str:
    """pgvector's text form; float32 values survive the round trip exactly."""
    return "[" + ",".join(map(repr, np.asarray(vector, dtype=np.float32).tolist())) + "]"


def _postings(terms: list[str]) -> tuple[list[str], list[int]]:
    counts = Counter(terms)
    ordered = sorted(counts)
    return ordered, [counts[t] for t in ordered]


def lock_statistics(conn: Connection) -> None:
    """Every writer of chunks takes this row first: writers serialise here, the statistics
    stay exact, and row locks on terms cannot deadlock."""
    conn.execute(text("SELECT 1 FROM lexical_totals WHERE id = 1 FOR UPDATE"))


class PostgresChunkWriter:
    """Chunks, their postings and the statistics in one transaction."""

    def __init__(self) -> None:
        self._indexed_dims: set[int] = set()

    def ensure_vector_index(self, conn: Connection, dim: int) -> None:
        """An HNSW index for vectors of `dim` (the bundled model's comes with the migrations)."""
        if dim in self._indexed_dims:
            return
        name = f"ix_chunks_vec_hnsw_{dim}"
        exists = text("SELECT 1 FROM pg_indexes WHERE tablename = 'chunks' AND indexname = :n")
        if conn.execute(exists, {"n": name}).first() is None:
            # CREATE INDEX waits for running writers: once per dimension, never per write.
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _INDEX_LOCK})
            conn.execute(text(vector_index_sql(dim)))
        self._indexed_dims.add(dim)

    def insert(
        self, conn: Connection, document_id: str, collection_id: str, chunks: list[dict[str, Any]]
    ) -> None:
        if not chunks:
            return
        lock_statistics(conn)
        rows, df, tokens = [], Counter[str](), 0
        for c in chunks:
            vector = np.frombuffer(c["embedding"], dtype=np.float32)
            self.ensure_vector_index(conn, len(vector))
            lex_terms, lex_tfs = _postings(c["terms"])
            df.update(lex_terms)
            tokens += len(c["terms"])
            rows.append(
                {
                    "id": chunk_id(document_id, c["position"]),
                    "document_id": document_id,
                    "collection_id": collection_id,
                    "position": c["position"],
                    "page": c["page"],
                    "heading_path": json.dumps(list(c["heading_path"]), ensure_ascii=False),
                    "text": c["text"],
                    "terms": " ".join(c["terms"]),
                    "embedding": c["embedding"],
                    "vec": vector_literal(vector),
                    "lex_terms": lex_terms,
                    "lex_tfs": lex_tfs,
                    "lex_len": len(c["terms"]),
                    "char_start": c.get("char_start"),
                    "char_end": c.get("char_end"),
                }
            )
        conn.execute(_INSERT_CHUNK, rows)
        postgres_lexicon.record_insert(conn, collection_id, df, len(rows), tokens)

    def delete(self, conn: Connection, document_id: str) -> None:
        lock_statistics(conn)
        postgres_lexicon.delete_chunks(conn, document_id)
