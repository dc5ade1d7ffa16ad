"""Query latency of the product's retrieval at 1k, 10k and 100k chunks on SQLite.

Each query is the product's full `Retriever.retrieve` (query embedding, FTS5 BM25, exact
dense search, fusion, fetching the passages), run against every size in turn, so a burst of
load from the shared CPU hits all sizes alike and the ratios between sizes hold. Two scopes:
the whole library, and one course (the real FaQuAD collection) inside it.
"""

from __future__ import annotations

import json
import random
import time
from collections import defaultdict
from typing import Any

import numpy as np

from chatgepeto.embeddings.factory import build_embedder
from chatgepeto.evaluation.dataset import load_queries
from chatgepeto.evaluation.metrics import percentile
from chatgepeto.retrieval.index.base import SearchIndex
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.chat import PASSAGES
from chatgepeto.settings import Settings
from chatgepeto.storage.sqlite_store import SqliteStore

from bench import incremental
from bench.embedding_cache import CachingEmbedder
from bench.layout import SCALE_RESULTS, cache_dir, eval_split
from bench.synthetic import COURSE, library, real_chunks
from bench.timing import TimedEmbedder, TimedIndex

SIZES = (1_000, 10_000, 100_000)
QUERIES = 150
WARMUP = 5
SCOPES = {"library": None, "course": COURSE}
PARTS = ("embed_query", "lexical_search", "dense_search", "chunks_by_rowid")


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(values, 50), 2),
        "p95": round(percentile(values, 95), 2),
        "mean": round(sum(values) / len(values), 2),
    }


def _libraries(log: Any) -> dict[int, Any]:
    cached = CachingEmbedder(build_embedder(Settings()), cache_dir("embeddings"))
    memo: dict[str, Any] = {}

    def seeds() -> Any:
        if "seeds" not in memo:
            memo["seeds"] = real_chunks(cached)
            cached.save()
        return memo["seeds"]

    return {size: library(size, cached, seeds, log) for size in SIZES}


def _measure(
    retrievers: dict[int, Retriever],
    clocks: dict[int, TimedIndex],
    embedder: TimedEmbedder,
    questions: list[str],
) -> Any:
    """{scope: {size: {"total": [ms], part: [ms]}}} over every question."""
    samples: dict[str, dict[int, dict[str, list[float]]]] = {
        scope: {size: defaultdict(list) for size in SIZES} for scope in SCOPES
    }

    def spent(size: int) -> dict[str, float]:
        return {
            part: (embedder if part == "embed_query" else clocks[size]).seconds[part]
            for part in PARTS
        }

    # Each question visits every (scope, size) in a fresh random order: a burst of load, or
    # the caches a 100k-vector scan leaves cold, then falls on no size in particular.
    order = random.Random(5)
    pairs = [(scope, size) for scope in SCOPES for size in SIZES]
    for question in questions:
        for scope, size in order.sample(pairs, len(pairs)):
            before = spent(size)
            started = time.perf_counter()
            retrievers[size].retrieve(question, SCOPES[scope], PASSAGES)
            ms = samples[scope][size]
            ms["total"].append((time.perf_counter() - started) * 1000)
            for part, seconds in spent(size).items():
                ms[part].append((seconds - before[part]) * 1000)
    return samples


def pg_scale() -> dict[str, Any] | None:
    """The last `make bench-scale` results (PostgreSQL), when present."""
    for path in SCALE_RESULTS:
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            return {
                "source": str(path.relative_to(path.parents[2])),
                "date": data.get("date"),
                "chunks": data.get("chunks"),
                "machine": data.get("machine"),
                "query_ms": data.get("query_ms"),
                "ef_search": data.get("ef_search"),
                "hnsw": data.get("hnsw"),
                "recall_at_10": {
                    scope: by_ef.get(str(data.get("ef_search")), {}).get("recall")
                    for scope, by_ef in (data.get("recall@10") or {}).items()
                },
            }
    return None


def run(log: Any) -> dict[str, Any]:
    """The latency section of the report."""
    paths = _libraries(log)
    embedder = TimedEmbedder(build_embedder(Settings()))
    retrievers, clocks, stores, sizes = {}, {}, {}, {}
    for size, path in paths.items():
        opened = SqliteStore(f"sqlite:///{path}")
        opened.migrate()  # a library cached by an older version gains its course tables
        index = open_index(opened)
        probe = np.zeros(embedder.dim, dtype=np.float32)
        started = time.perf_counter()
        index.vectors.search(probe, None, 1)  # the first search loads every vector
        sizes[size] = {
            "chunks": opened.passages.count_chunks(),
            "db_mib": round(path.stat().st_size / 2**20, 1),
            "dense_index_load_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        timed = TimedIndex(index)
        retrievers[size] = Retriever(
            SearchIndex(timed.lexical, timed.vectors, timed.passages), embedder
        )
        clocks[size] = timed
        stores[size] = opened
    queries = [q.question for q in load_queries(eval_split("dev")[1])]
    questions = random.Random(11).sample(queries, QUERIES + WARMUP)
    log(f"latency: {QUERIES} questions x {len(SIZES)} sizes x {len(SCOPES)} scopes")
    _measure(retrievers, clocks, embedder, questions[:WARMUP])
    samples = _measure(retrievers, clocks, embedder, questions[WARMUP:])
    log("latency: course BM25 before and after, the first query after an upload")
    bm25_scopes = incremental.bm25_scopes(stores, questions[WARMUP : WARMUP + 60])
    after_upload = {
        str(size): incremental.after_upload(stores[size], clocks[size], retrievers[size], questions)
        for size in SIZES
    }
    results = {
        scope: {
            str(size): {name: _summary(values) for name, values in by_size[size].items()}
            for size in SIZES
        }
        for scope, by_size in samples.items()
    }
    return {
        "queries": QUERIES,
        "k": PASSAGES,
        "sizes": {str(k): v for k, v in sizes.items()},
        "ms": results,
        "bm25_scopes": bm25_scopes,
        "after_upload": after_upload,
        "postgres_scale": pg_scale(),
    }
