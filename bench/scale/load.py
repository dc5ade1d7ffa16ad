"""Bulk-loads the synthetic corpus into the product's schema, then builds and times the indexes.

The rows are exactly what `PostgresStore.complete_job` writes (text, analysed terms, vector,
postings), written with COPY instead of one transaction per document, and the statistics
are aggregated once; the indexes are the ones the migrations and the store create (the HNSW
definition is the store's own `vector_index_sql`), built after the load.
"""

from __future__ import annotations

import hashlib
import struct
import time
from collections import Counter
from typing import Any

import numpy as np
import psycopg
from dataset import CHUNKS_PER_DOCUMENT, Corpus
from psycopg.adapt import Dumper
from psycopg.pq import Format
from psycopg.types import TypeInfo

from chatgepeto.storage.postgres_writes import vector_index_sql

ONE_PERCENT = "one-percent"
INDEXES = {
    "ix_chunks_lex_terms": "CREATE INDEX ix_chunks_lex_terms ON chunks USING gin (lex_terms)",
    "ix_chunks_vec_hnsw_384": vector_index_sql(384),
}
_COLUMNS = (
    "rowid",
    "id",
    "document_id",
    "collection_id",
    "position",
    "page",
    "heading_path",
    "text",
    "terms",
    "embedding",
    "embedding_vec",
    "lex_terms",
    "lex_tfs",
    "lex_len",
)
_TYPES = [
    "int4",
    "text",
    "text",
    "text",
    "int4",
    "int4",
    "text",
    "text",
    "text",
    "bytea",
    "vector",
    "text[]",
    "int4[]",
    "int4",
]


def collections_of(documents: int, seed: int = 11) -> np.ndarray:
    """True for the documents of the collection that holds 1% of the chunks."""
    chosen = np.random.default_rng(seed).permutation(documents)[: max(1, documents // 100)]
    mask = np.zeros(documents, dtype=bool)
    mask[chosen] = True
    return mask


def _register_vector(conn: psycopg.Connection[Any]) -> None:
    info = TypeInfo.fetch(conn, "vector")
    assert info is not None, "pgvector is not installed"
    info.register(conn)

    class VectorDumper(Dumper):
        format = Format.BINARY
        oid = info.oid

        def dump(self, obj: Any) -> bytes:
            return struct.pack(">HH", len(obj), 0) + np.asarray(obj, ">f4").tobytes()

    conn.adapters.register_dumper(np.ndarray, VectorDumper)


def _documents(conn: psycopg.Connection[Any], count: int, in_small: np.ndarray) -> None:
    stamp = "2026-01-01 00:00:00+00"
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO collections VALUES (%s, %s, now()) ON CONFLICT DO NOTHING",
            (ONE_PERCENT, "1% dos trechos"),
        )
        with cur.copy("COPY blobs (sha256, data, size_bytes) FROM STDIN") as copy:
            for d in range(count):
                copy.write_row((hashlib.sha256(str(d).encode()).hexdigest(), b"-", 1))
        with cur.copy(
            "COPY documents (id, collection_id, title, filename, content_type, sha256, size_bytes, "
            "status, chunk_count, progress, tokens, created_at, updated_at) FROM STDIN"
        ) as copy:
            for d in range(count):
                copy.write_row(
                    (
                        f"d{d:07d}",
                        ONE_PERCENT if in_small[d] else "default",
                        f"Aula {d}",
                        f"aula-{d}.txt",
                        "text/plain",
                        hashlib.sha256(str(d).encode()).hexdigest(),
                        1,
                        "ready",
                        CHUNKS_PER_DOCUMENT,
                        1.0,
                        0,
                        stamp,
                        stamp,
                    )
                )


def _chunk_row(corpus: Corpus, terms: list[str | None], i: int, in_small: np.ndarray) -> tuple:
    words = corpus.words[corpus.offsets[i] : corpus.offsets[i + 1]]
    chunk_terms = [t for t in (terms[w] for w in words) if t]
    counts = Counter(chunk_terms)
    lex = sorted(counts)
    document = i // CHUNKS_PER_DOCUMENT
    vector = corpus.vectors[i]
    return (
        i + 1,
        f"d{document:07d}-{i % CHUNKS_PER_DOCUMENT}",
        f"d{document:07d}",
        ONE_PERCENT if in_small[document] else "default",
        i % CHUNKS_PER_DOCUMENT,
        None,
        "[]",
        " ".join(corpus.vocabulary[w] for w in words),
        " ".join(chunk_terms),
        vector.tobytes(),
        vector,
        lex,
        [counts[t] for t in lex],
        len(chunk_terms),
    )


def load(dsn: str, corpus: Corpus, terms: list[str | None], log: Any = print) -> dict[str, float]:
    """Fill an empty, migrated database; returns the seconds and bytes each step took."""
    n = len(corpus.vectors)
    documents = -(-n // CHUNKS_PER_DOCUMENT)
    in_small = collections_of(documents)
    figures: dict[str, float] = {}
    with psycopg.connect(dsn, autocommit=True) as conn:
        for name in INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        started = time.monotonic()
        _documents(conn, documents, in_small)
        _register_vector(conn)
        with (
            conn.cursor() as cur,
            cur.copy(f"COPY chunks ({', '.join(_COLUMNS)}) FROM STDIN (FORMAT BINARY)") as copy,
        ):
            copy.set_types(_TYPES)
            for i in range(n):
                copy.write_row(_chunk_row(corpus, terms, i, in_small))
                if i and i % 100_000 == 0:
                    log(f"  copied {i:,} chunks ({time.monotonic() - started:.0f}s)")
        conn.execute("SELECT setval(pg_get_serial_sequence('chunks', 'rowid'), %s)", (n,))
        conn.execute(
            "INSERT INTO lexical_terms (term, df) SELECT t, count(*) FROM chunks, "
            "unnest(lex_terms) t GROUP BY t"
        )
        conn.execute(
            "UPDATE lexical_totals SET chunks = (SELECT count(*) FROM chunks), "
            "tokens = (SELECT sum(lex_len) FROM chunks) WHERE id = 1"
        )
        # Course-scoped BM25 reads each collection's own statistics (migration 0005).
        conn.execute(
            "INSERT INTO lexical_collections (collection_id, chunks, tokens) "
            "SELECT collection_id, count(*), coalesce(sum(lex_len), 0) FROM chunks "
            "GROUP BY collection_id"
        )
        conn.execute(
            "INSERT INTO lexical_collection_terms (collection_id, term, df) SELECT "
            "collection_id, t, count(*) FROM chunks, unnest(lex_terms) AS t "
            "GROUP BY collection_id, t"
        )
        conn.execute("VACUUM ANALYZE chunks")
        figures["load_s"] = time.monotonic() - started
        log(f"  loaded in {figures['load_s']:.0f}s; building indexes")
        for name, sql in INDEXES.items():
            started = time.monotonic()
            conn.execute(sql)
            figures[f"{name}_build_s"] = time.monotonic() - started
            figures[f"{name}_bytes"] = conn.execute(
                "SELECT pg_relation_size(%s)", (name,)
            ).fetchone()[0]
            log(f"  {name}: {figures[f'{name}_build_s']:.0f}s")
        figures["chunks_table_bytes"] = conn.execute(
            "SELECT pg_total_relation_size('chunks')"
        ).fetchone()[0]
    return figures
