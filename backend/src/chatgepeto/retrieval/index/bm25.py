"""BM25 as SQLite FTS5's bm25() computes it, as pure functions both stores share.

One formula everywhere keeps scores on one scale: SQLite search is FTS5's own bm25() (on the
library's table, or on a course's own table for a course: retrieval/index/sqlite_lexical.py),
PostgreSQL computes the same sum in SQL, so thresholds tuned on one apply to the others.
`rank_matches` is the plain reference the tests hold both against.
"""

from __future__ import annotations

import math

# FTS5's bm25() defaults.
K1 = 1.2
B = 0.75
# FTS5 floors the IDF of a term in more than half the rows at this value (its form,
# log((N - n + 0.5) / (n + 0.5)), goes negative there; Lucene's adds 1 inside the log
# instead, which would change every score, so FTS5's is kept).
MIN_IDF = 1e-6


def fts5_idf(chunks: int, df: int) -> float:
    """FTS5's IDF: log((N - n + 0.5) / (n + 0.5)), floored at a tiny positive value."""
    idf = math.log((chunks - df + 0.5) / (df + 0.5))
    return idf if idf > 0 else MIN_IDF


def rank_matches(
    matches: list[tuple[int, str]], terms: list[str], chunks: int, tokens: int, k: int
) -> list[tuple[int, float]]:
    """BM25 top k of `matches` (rowid, space-joined analysed terms) for the query `terms`.

    `matches` must be every chunk in scope holding one of `terms`: the document frequencies
    are counted from them, while `chunks` and `tokens` describe the whole scope. Terms are
    summed in sorted order, as PostgreSQL does, so both stores agree to the last bits.
    """
    if not matches or k <= 0 or chunks <= 0:
        return []
    query = sorted({t for t in terms if t})
    # (rowid, length, tf of each query term): list.count runs in C, a fifth quicker than
    # a Counter of every term on a 1,900-chunk course.
    postings = []
    for rowid, stored in matches:
        words = stored.split()
        postings.append((rowid, len(words), [words.count(t) for t in query]))
    df = [sum(1 for _, _, tfs in postings if tfs[i]) for i in range(len(query))]
    idf = [fts5_idf(chunks, n) for n in df]
    avgdl = tokens / chunks if tokens else 1.0
    scored = []
    for rowid, length, tfs in postings:
        norm = K1 * (1 - B + B * length / avgdl)
        score = 0.0
        for weight, tf in zip(idf, tfs, strict=True):
            if tf:
                score += weight * tf * (K1 + 1) / (tf + norm)
        scored.append((rowid, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored[:k]
