"""Latency figures of issue 15, each beside its "before" measured in the same run.

- Course-scoped BM25: the course's own FTS5 table (now) against filtering the library-wide
  FTS5 matches to the course and scoring them in Python (before, re-enacted here with the
  old statement), and against library-wide BM25 of the same library.
- The first query after an upload: the in-memory vectors follow the change log (now)
  against a whole reload of the vectors (before: what every change cost the next query).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from sqlalchemy import text

from chatgepeto.evaluation.metrics import percentile
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.dialects import with_variants
from chatgepeto.retrieval.index import bm25
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.index.sqlite_lexical import match_expression
from chatgepeto.retrieval.retriever import CANDIDATES, Retriever
from chatgepeto.services.chat import PASSAGES
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.storage.types import NewChunk

from bench.synthetic import COURSE

# The course statement before issue 15: every library-wide match, filtered to the course.
_BEFORE = text(
    "SELECT rowid, terms, (SELECT chunks FROM lexical_collections WHERE collection_id = :c) "
    "AS chunks, (SELECT tokens FROM lexical_collections WHERE collection_id = :c) AS tokens "
    "FROM chunks_fts WHERE chunks_fts MATCH :q AND "
    "+rowid IN (SELECT rowid FROM chunks WHERE collection_id = :c)"
)
UPLOAD_CHUNKS = 50
ROUNDS = 12


def _p50(values: list[float]) -> float:
    return round(percentile(values, 50), 2)


def course_search_before(store: SqliteStore, terms: list[str], k: int) -> list[tuple[int, float]]:
    """Course-scoped BM25 as SQLite computed it before issue 15."""
    expression = match_expression(terms)
    with store.engine.connect() as conn:
        rows = conn.execute(_BEFORE, {"q": expression, "c": COURSE}).all()
    if not rows:
        return []
    matches = [(int(r.rowid), str(r.terms)) for r in rows]
    return bm25.rank_matches(matches, terms, int(rows[0].chunks), int(rows[0].tokens or 0), k)


def bm25_scopes(stores: dict[int, SqliteStore], questions: list[str]) -> dict[str, Any]:
    """p50 ms of library BM25, course BM25 now and course BM25 before, per size; the share
    of questions whose course top 50 is the same both ways (scores within 1e-9)."""
    analyzer = Analyzer()
    out: dict[str, Any] = {}
    for size, store in stores.items():
        ms: dict[str, list[float]] = {"library": [], "course": [], "course_before": []}
        same = 0
        for question in questions:
            terms = with_variants(analyzer.terms(question))
            found = {}
            for name in ("library", "course_before", "course"):
                started = time.perf_counter()
                if name == "library":
                    found[name] = open_index(store).lexical.search(terms, None, CANDIDATES)
                elif name == "course":
                    found[name] = open_index(store).lexical.search(terms, COURSE, CANDIDATES)
                else:
                    found[name] = course_search_before(store, terms, CANDIDATES)
                ms[name].append((time.perf_counter() - started) * 1000)
            now, before = found["course"], found["course_before"]
            same += [r for r, _ in now] == [r for r, _ in before] and all(
                abs(a - b) <= 1e-9 * max(1.0, abs(b))
                for (_, a), (_, b) in zip(now, before, strict=False)
            )
        out[str(size)] = {name: _p50(values) for name, values in ms.items()}
        out[str(size)]["course_over_library"] = round(
            out[str(size)]["course"] / out[str(size)]["library"], 3
        )
        out[str(size)]["same_results"] = round(same / len(questions), 4)
    return out


def _upload(store: SqliteStore, number: int) -> str:
    """A document of UPLOAD_CHUNKS chunks copied from the library (text, terms, vector)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT text, terms, embedding FROM chunks ORDER BY rowid LIMIT :n OFFSET :o"),
            {"n": UPLOAD_CHUNKS, "o": number * UPLOAD_CHUNKS},
        ).all()
    data = f"bench upload {number} {time.time()}".encode()
    document = store.documents.add_document(
        COURSE, f"upload-{number}.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
    )
    claimed = store.jobs.claim_job("bench", 300.0)
    assert claimed is not None and claimed.document_id == document.id
    chunks = [
        NewChunk(i, 1, (), r.text, r.terms.split(), bytes(r.embedding)) for i, r in enumerate(rows)
    ]
    store.jobs.complete_job(document.id, chunks, None, 0, 0.0)
    return document.id


def after_upload(
    store: SqliteStore, clock: Any, retriever: Retriever, questions: list[str]
) -> dict[str, Any]:
    """p50 ms of a normal query, of the first query after an upload (now), of the first query
    after an upload with the vectors reloaded whole (before) and after a delete (now). Each
    round asks one question four times (normal first), so the question's own cost (its
    embedding) is the same in every pair; `*_store` is the store's part alone (BM25, vectors,
    passages), read from `clock`, the bench's TimedIndex over the retriever's index."""
    names = ("normal", "after_upload", "after_upload_reload", "after_delete")
    ms: dict[str, list[float]] = {n: [] for n in (*names, *(f"{n}_store" for n in names))}
    ms["upload_write"] = []
    parts = ("lexical_search", "dense_search", "chunks_by_rowid")

    def timed(name: str, question: str) -> None:
        before = sum(clock.seconds[p] for p in parts)
        started = time.perf_counter()
        retriever.retrieve(question, COURSE, PASSAGES)
        ms[name].append((time.perf_counter() - started) * 1000)
        ms[f"{name}_store"].append((sum(clock.seconds[p] for p in parts) - before) * 1000)

    retriever.retrieve(questions[0], COURSE, PASSAGES)
    uploaded = []
    for round_ in range(ROUNDS):
        question = questions[round_]
        timed("normal", question)
        started = time.perf_counter()
        uploaded.append(_upload(store, 2 * round_))
        ms["upload_write"].append((time.perf_counter() - started) * 1000)
        timed("after_upload", question)
        uploaded.append(_upload(store, 2 * round_ + 1))
        open_index(store).vectors.reload()
        timed("after_upload_reload", question)
        store.documents.delete_document(uploaded.pop(0))
        timed("after_delete", question)
    for document_id in uploaded:
        store.documents.delete_document(document_id)
    result: dict[str, Any] = {name: _p50(values) for name, values in ms.items()}
    result["rounds"] = ROUNDS
    result["upload_chunks"] = UPLOAD_CHUNKS
    result["after_upload_over_normal"] = round(result["after_upload"] / result["normal"], 3)
    result["before_over_normal"] = round(result["after_upload_reload"] / result["normal"], 3)
    return result
