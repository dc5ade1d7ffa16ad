"""The BM25 statistics PostgreSQL keeps beside the chunks, library-wide and per collection.

Callers hold the `lexical_totals` row lock (postgres_writes.lock_statistics) first, so writers
serialise and the counts stay exact.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import text
from sqlalchemy.engine import Connection

from chatgepeto.storage import course_stats

# Deletes a document's chunks and takes their terms out of the statistics (the library's and
# their collection's) in one statement, so the statistics always describe the rows that exist.
_DELETE_CHUNKS = text(
    "WITH gone AS (DELETE FROM chunks WHERE document_id = :d RETURNING collection_id, "
    "lex_terms, lex_len), totals AS (UPDATE lexical_totals SET chunks = chunks - (SELECT "
    "count(*) FROM gone), tokens = tokens - (SELECT coalesce(sum(lex_len), 0) FROM gone) "
    "WHERE id = 1), course AS (UPDATE lexical_collections l SET chunks = l.chunks - g.n, "
    "tokens = l.tokens - g.t FROM (SELECT collection_id, count(*) AS n, sum(lex_len) AS t "
    "FROM gone GROUP BY collection_id) g WHERE l.collection_id = g.collection_id), "
    "course_terms AS (INSERT INTO lexical_collection_terms (collection_id, term, df) SELECT "
    "collection_id, t, -count(*) FROM gone, unnest(gone.lex_terms) AS t GROUP BY 1, 2 "
    "ORDER BY 1, 2 ON CONFLICT (collection_id, term) DO UPDATE SET df = "
    "lexical_collection_terms.df + excluded.df) "
    "INSERT INTO lexical_terms (term, df) SELECT t, -count(*) FROM gone, unnest(gone.lex_terms) "
    "AS t GROUP BY t ORDER BY t ON CONFLICT (term) DO UPDATE SET df = lexical_terms.df + "
    "excluded.df"
)
# Terms in sorted order, so concurrent writers lock rows in the same order.
_ADD_TERMS = text(
    "INSERT INTO lexical_terms (term, df) SELECT * FROM unnest(CAST(:terms AS text[]), "
    "CAST(:dfs AS integer[])) ORDER BY 1 ON CONFLICT (term) DO UPDATE SET df = "
    "lexical_terms.df + excluded.df"
)
_ADD_COURSE_TERMS = text(
    "INSERT INTO lexical_collection_terms (collection_id, term, df) SELECT CAST(:c AS "
    "varchar), * FROM unnest(CAST(:terms AS text[]), CAST(:dfs AS integer[])) ORDER BY 2 "
    "ON CONFLICT (collection_id, term) DO UPDATE SET df = lexical_collection_terms.df + "
    "excluded.df"
)

_ADD_TOTALS = text(
    "UPDATE lexical_totals SET chunks = chunks + :n, tokens = tokens + :t WHERE id = 1"
)


def record_insert(
    conn: Connection, collection_id: str, df: Counter[str], chunks: int, tokens: int
) -> None:
    """Count new chunks of one collection: their document frequencies, number and length."""
    terms = sorted(df)
    postings = {"terms": terms, "dfs": [df[t] for t in terms], "c": collection_id}
    conn.execute(_ADD_TERMS, postings)
    conn.execute(_ADD_COURSE_TERMS, postings)
    course_stats.add(conn, collection_id, chunks, tokens)
    conn.execute(_ADD_TOTALS, {"n": chunks, "t": tokens})


def delete_chunks(conn: Connection, document_id: str) -> None:
    """Delete a document's chunks and take them out of every statistic."""
    conn.execute(_DELETE_CHUNKS, {"d": document_id})
    # A collection left without chunks keeps no statistics (a deleted course, say); looked
    # up first so the term rows are deleted by key, never by scanning the whole table.
    empty = list(
        conn.execute(
            text("SELECT collection_id FROM lexical_collections WHERE chunks <= 0")
        ).scalars()
    )
    if empty:
        params = {"c": empty}
        conn.execute(
            text("DELETE FROM lexical_collection_terms WHERE collection_id = ANY(:c)"), params
        )
        conn.execute(text("DELETE FROM lexical_collections WHERE collection_id = ANY(:c)"), params)
