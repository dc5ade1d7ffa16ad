"""SQLite: BM25 from FTS5, on the library's table or on a course's own (storage/course_fts.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import OperationalError

from chatgepeto.storage import course_fts, course_stats

_LIBRARY_CHUNKS = text("SELECT coalesce(sum(chunks), 0) FROM lexical_collections")
_LIBRARY_SEARCH = text(
    "SELECT rowid, bm25(chunks_fts) AS s FROM chunks_fts WHERE chunks_fts MATCH :q "
    "ORDER BY s LIMIT :k"
)
_LIBRARY_COUNT = text("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH :q")


def match_expression(terms: list[str]) -> str:
    """Quoted terms OR-ed: every analysed term contributes, none is an FTS operator."""
    unique = dict.fromkeys(t.replace('"', "") for t in terms if t)
    return " OR ".join(f'"{t}"' for t in unique)


def _absent_is_empty(conn: Connection, sql: str, params: dict[str, object]) -> list[Row[Any]]:
    # A course without chunks has no table (never filled, or just emptied by another process).
    try:
        return list(conn.execute(text(sql), params).all())
    except OperationalError as error:
        if "no such table" in str(error):
            return []
        raise


def course_search(
    conn: Connection, expression: str, collection_id: str, k: int
) -> list[tuple[int, float]]:
    """BM25 top k of the course for an FTS5 expression, higher first; ties by rowid."""
    name = course_fts.table(collection_id)
    sql = (
        f"SELECT rowid, bm25({name}) AS s FROM {name} WHERE {name} MATCH :q "
        "ORDER BY s, rowid LIMIT :k"
    )
    rows = _absent_is_empty(conn, sql, {"q": expression, "k": k})
    # FTS5 returns BM25 negated (smaller is better); flip it so higher is better.
    return [(int(r.rowid), -float(r.s)) for r in rows]


def course_count(conn: Connection, expression: str, collection_id: str) -> int:
    """How many of the course's chunks match the FTS5 expression."""
    name = course_fts.table(collection_id)
    rows = _absent_is_empty(
        conn, f"SELECT count(*) AS n FROM {name} WHERE {name} MATCH :q", {"q": expression}
    )
    return int(rows[0].n) if rows else 0


class SqliteLexicalIndex:
    """FTS5's bm25() over the chunks' analysed terms."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def search(
        self, terms: list[str], collection_id: str | None, k: int
    ) -> list[tuple[int, float]]:
        expression = match_expression(terms)
        if not expression or k <= 0:
            return []
        with self.engine.connect() as conn:
            if collection_id is not None:
                # The course's own FTS5 table: its bm25() has the course's statistics.
                return course_search(conn, expression, collection_id, k)
            rows = conn.execute(_LIBRARY_SEARCH, {"q": expression, "k": k}).all()
        # FTS5 returns BM25 negated (smaller is better); flip it so higher is better.
        return [(int(r.rowid), -float(r.s)) for r in rows]

    def term_statistics(
        self, terms: list[str], collection_id: str | None
    ) -> tuple[int, dict[str, int]]:
        wanted = sorted({t for t in terms if t})
        df: dict[str, int] = {}
        with self.engine.connect() as conn:
            if collection_id is not None:
                chunks, _ = course_stats.totals(conn, collection_id)
            else:  # every chunk is in one collection: the small table has the total
                chunks = int(conn.execute(_LIBRARY_CHUNKS).scalar_one())
            for term in wanted:
                if not (q := match_expression([term])):
                    continue
                if collection_id is None:
                    df[term] = int(conn.execute(_LIBRARY_COUNT, {"q": q}).scalar_one())
                else:
                    df[term] = course_count(conn, q, collection_id)
        return chunks, {t: df.get(t, 0) for t in wanted}
