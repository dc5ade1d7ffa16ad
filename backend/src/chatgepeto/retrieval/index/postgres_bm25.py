"""BM25 over PostgreSQL postings, scored exactly as SQLite FTS5's bm25() scores.

Each chunk row carries its distinct analysed terms (`lex_terms`, GIN-indexed), their
frequencies (`lex_tfs`) and its length (`lex_len`); `lexical_terms` holds document
frequencies and `lexical_totals` the chunk and token counts of the whole library;
`lexical_collection_terms` and `lexical_collections` hold the same per collection, so a
course-scoped search scores with the course's own statistics. `ts_rank` is not used: it
has no inverse document frequency, so a common word counts as much as a rare one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection

from chatgepeto.retrieval.index.bm25 import K1, B, fts5_idf

# Candidate sets up to this size (sum of document frequencies) are scored in one pass;
# larger ones go through MaxScore. Scoring costs tens of microseconds a candidate, so on
# 200k chunks 2,000 gave p95 136 ms where 20,000 gave 399 ms (bench/scale, same queries).
DIRECT_LIMIT = 2_000


@dataclass(frozen=True)
class TermStats:
    """What BM25 needs about a query: the IDF of each indexed term and the mean length."""

    idf: dict[str, float]
    df: dict[str, int]
    avgdl: float


_LIBRARY_TOTALS = text("SELECT chunks, tokens FROM lexical_totals WHERE id = 1")
_LIBRARY_DF = text("SELECT term, df FROM lexical_terms WHERE term = ANY(:t) AND df > 0")
_COURSE_TOTALS = text("SELECT chunks, tokens FROM lexical_collections WHERE collection_id = :c")
_COURSE_DF = text(
    "SELECT term, df FROM lexical_collection_terms WHERE collection_id = :c "
    "AND term = ANY(:t) AND df > 0"
)


def load_counts(
    conn: Connection, terms: list[str], collection_id: str | None
) -> tuple[int, int, dict[str, int]]:
    """(chunks, tokens, df of the indexed `terms`) of the library or of one collection."""
    params = {"t": terms, "c": collection_id}
    if collection_id is None:
        totals = conn.execute(_LIBRARY_TOTALS).one()
        rows = conn.execute(_LIBRARY_DF, params).all()
    else:
        found = conn.execute(_COURSE_TOTALS, params).first()
        if found is None:
            return 0, 0, {}
        totals, rows = found, conn.execute(_COURSE_DF, params).all()
    return int(totals.chunks), int(totals.tokens), {r.term: int(r.df) for r in rows}


def load_stats(conn: Connection, terms: list[str], collection_id: str | None = None) -> TermStats:
    """Statistics of `terms` in the scope (terms no chunk there contains are left out)."""
    chunks, tokens, df = load_counts(conn, terms, collection_id)
    if not chunks or not df:
        return TermStats({}, {}, 1.0)
    idf = {t: fts5_idf(chunks, n) for t, n in df.items()}
    return TermStats(idf, df, float(tokens) / float(chunks))


def score_sql(terms: list[str], collection: bool) -> str:
    """Exact BM25 of every chunk holding one of the `:m` terms, best first.

    Per term: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgdl)), in double
    precision as FTS5 computes it; `:a` is k1 * (1 - b) and `:bl` is k1 * b / avgdl.
    """
    tfs = ", ".join(
        f"coalesce(c.lex_tfs[array_position(c.lex_terms, CAST(:t{i} AS text))], 0) "
        f"::double precision AS f{i}"
        for i in range(len(terms))
    )
    parts = " + ".join(f":idf{i} * f.f{i} * :k1p1 / (f.f{i} + f.norm)" for i in range(len(terms)))
    where = "c.lex_terms && CAST(:m AS text[])"
    if collection:
        where += " AND c.collection_id = :c"
    return (
        f"SELECT c.rowid, {parts} AS score FROM chunks c CROSS JOIN LATERAL (SELECT {tfs}, "
        f":a + :bl * c.lex_len AS norm) f WHERE {where} ORDER BY score DESC, c.rowid LIMIT :k"
    )


def score(
    conn: Connection, stats: TermStats, match: list[str], collection_id: str | None, k: int
) -> list[tuple[int, float]]:
    """BM25 (over every query term) of the chunks holding one of `match`, top k."""
    terms = sorted(stats.idf)
    params: dict[str, Any] = {
        "m": match,
        "k": k,
        "c": collection_id,
        "k1p1": K1 + 1,
        "a": K1 * (1 - B),
        "bl": K1 * B / stats.avgdl,
    }
    for i, term in enumerate(terms):
        params[f"t{i}"] = term
        params[f"idf{i}"] = stats.idf[term]
    rows = conn.execute(text(score_sql(terms, collection_id is not None)), params).all()
    return [(int(r.rowid), float(r.score)) for r in rows]


def essential_terms(upper_bounds: dict[str, float], threshold: float) -> set[str]:
    """Terms a top-k chunk must hold at least one of (MaxScore).

    The commonest terms whose best possible contributions add up to less than the k-th
    score so far cannot, alone, lift a chunk into the top k: only the others select.
    """
    ordered = sorted(upper_bounds, key=lambda t: (upper_bounds[t], t))
    total, skipped = 0.0, 0
    for term in ordered:
        if total + upper_bounds[term] >= threshold:
            break
        total += upper_bounds[term]
        skipped += 1
    return set(ordered[skipped:])


def search(
    conn: Connection, terms: list[str], collection_id: str | None, k: int
) -> list[tuple[int, float]]:
    """Exact BM25 top k; large candidate sets are pruned with MaxScore, never approximated."""
    stats = load_stats(conn, sorted(set(terms)), collection_id)
    if not stats.idf:
        return []
    rare_first = sorted(stats.df, key=lambda t: (stats.df[t], t))
    if sum(stats.df.values()) <= DIRECT_LIMIT:
        return score(conn, stats, rare_first, collection_id, k)
    # First pass: the rarest terms give a k-th score; then only essential terms select.
    first: list[str] = []
    seen = 0
    for term in rare_first:
        if first and seen + stats.df[term] > DIRECT_LIMIT // 4:
            break
        first.append(term)
        seen += stats.df[term]
    ranked = score(conn, stats, first, collection_id, k)
    threshold = ranked[-1][1] if len(ranked) == k else 0.0
    bounds = {t: idf * (K1 + 1) for t, idf in stats.idf.items()}
    needed = essential_terms(bounds, threshold)
    if needed <= set(first):
        return ranked
    return score(conn, stats, sorted(needed), collection_id, k)


class PostgresLexicalIndex:
    """Exact BM25 over the postings and statistics PostgreSQL keeps beside the chunks."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def search(
        self, terms: list[str], collection_id: str | None, k: int
    ) -> list[tuple[int, float]]:
        terms = [t for t in terms if t]
        if not terms or k <= 0:
            return []
        with self.engine.connect() as conn:
            return search(conn, terms, collection_id, k)

    def term_statistics(
        self, terms: list[str], collection_id: str | None
    ) -> tuple[int, dict[str, int]]:
        wanted = sorted({t for t in terms if t})
        with self.engine.connect() as conn:
            chunks, _, df = load_counts(conn, wanted, collection_id)
        return chunks, {t: df.get(t, 0) for t in wanted}
