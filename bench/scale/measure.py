"""Query latency through the product's Retriever, and HNSW recall against exact search."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from dataset import Corpus

from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.index.postgres_vectors import PostgresVectorIndex
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.storage.postgres_store import PostgresStore


class PrecomputedEmbedder:
    """Hands the retriever the query vectors the generator drew (the model is not measured)."""

    name = "bench-precomputed"
    dim = 384

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self._vectors = vectors

    def embed_query(self, text: str) -> np.ndarray:
        return self._vectors[text]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._vectors[t] for t in texts])

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def query_texts(corpus: Corpus) -> list[str]:
    """Each query's words; a numbered suffix keeps them distinct keys."""
    return [
        " ".join(corpus.vocabulary[w] for w in words) + f" {i}"
        for i, words in enumerate(corpus.query_words)
    ]


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    return {
        "p50": round(float(np.percentile(samples_ms, 50)), 1),
        "p95": round(float(np.percentile(samples_ms, 95)), 1),
    }


def latencies(store: PostgresStore, corpus: Corpus, k: int = 10) -> dict[str, Any]:
    """p50/p95 of each retriever mode over every query (after a short warm-up)."""
    texts = query_texts(corpus)
    retriever = Retriever(
        open_index(store), PrecomputedEmbedder(dict(zip(texts, corpus.query_vectors, strict=True)))
    )
    report: dict[str, Any] = {}
    for mode in (RetrieverMode.HYBRID, RetrieverMode.BM25, RetrieverMode.DENSE):
        for text in texts[:10]:
            retriever.retrieve(text, None, k, mode)
        samples = []
        for text in texts:
            started = time.perf_counter()
            retriever.retrieve(text, None, k, mode)
            samples.append((time.perf_counter() - started) * 1000)
        report[mode.value] = percentiles(samples)
    return report


def exact_neighbours(
    vectors: np.ndarray, queries: np.ndarray, k: int, mask: np.ndarray | None = None
) -> list[set[int]]:
    """Exact top-k rowids (row index + 1) by cosine, within `mask` when given."""
    rows = np.arange(len(vectors)) if mask is None else np.flatnonzero(mask)
    subset = vectors[rows]
    result = []
    for start in range(0, len(queries), 16):
        scores = subset @ queries[start : start + 16].T
        for column in scores.T:
            top = np.argpartition(-column, k - 1)[:k]
            result.append({int(rows[i]) + 1 for i in top})
    return result


def recall(
    store: PostgresStore,
    corpus: Corpus,
    collection: str | None,
    mask: np.ndarray | None,
    ef_values: list[int],
    k: int = 10,
    hnsw_only: bool = False,
) -> dict[str, Any]:
    """Recall@k of `dense_search` against exact search, and its latency, for each ef_search;
    with `hnsw_only`, small collections too take the HNSW path (iterative scan)."""
    truth = exact_neighbours(corpus.vectors, corpus.query_vectors, k, mask)
    vectors = open_index(store).vectors
    assert isinstance(vectors, PostgresVectorIndex)
    exact_below = vectors.exact_below
    if hnsw_only:
        vectors.exact_below = 0
    report: dict[str, Any] = {}
    try:
        for ef in ef_values:
            vectors.ef_search = ef
            hits, samples = 0, []
            for query, expected in zip(corpus.query_vectors, truth, strict=True):
                started = time.perf_counter()
                found = vectors.search(query, collection, k)
                samples.append((time.perf_counter() - started) * 1000)
                hits += len(set(found) & expected)
            report[str(ef)] = {
                "recall": round(hits / (k * len(truth)), 4),
                "ms": percentiles(samples),
            }
    finally:
        vectors.exact_below = exact_below
    return report
