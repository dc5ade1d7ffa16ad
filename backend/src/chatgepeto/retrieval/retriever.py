"""Hybrid retrieval: BM25 and nearest-neighbour cosines from the store, fused."""

from __future__ import annotations

from enum import StrEnum

from chatgepeto.embeddings.base import Embedder
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.fusion import convex_fusion
from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.storage.base import DocumentStore


class RetrieverMode(StrEnum):
    """Which ranking answers a query."""

    HYBRID = "hybrid"
    BM25 = "bm25"
    DENSE = "dense"

    @classmethod
    def from_str(cls, value: str) -> RetrieverMode:
        """Parse a mode name, listing the valid ones when it is unknown."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise ValueError(f"unknown retriever {value!r}; valid: {valid}") from None


# Tuned on faquad/dev (see README, "Retrieval"): lexical evidence leads, dense breaks ties
# and rescues paraphrases.
LEXICAL_WEIGHT = 0.5
CANDIDATES = 50


class Retriever:
    """Ranks chunks for a question; `retrieve` is the one public verb."""

    def __init__(
        self,
        store: DocumentStore,
        embedder: Embedder,
        analyzer: Analyzer | None = None,
        lexical_weight: float = LEXICAL_WEIGHT,
        candidates: int = CANDIDATES,
    ) -> None:
        if candidates <= 0:
            raise ValueError(f"candidates must be > 0, got {candidates}")
        self._store = store
        self._embedder = embedder
        self._analyzer = analyzer or Analyzer()
        self._lexical_weight = lexical_weight
        self._candidates = candidates

    def retrieve(
        self,
        query: str,
        collection_id: str | None = None,
        k: int = 10,
        mode: RetrieverMode = RetrieverMode.HYBRID,
    ) -> list[RetrievedChunk]:
        """The k best chunks for `query`, optionally within one collection."""
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        if not query.strip():
            return []
        n = max(k, self._candidates)
        lexical: dict[int, float] = {}
        if mode is not RetrieverMode.DENSE:
            lexical = dict(
                self._store.lexical_search(self._analyzer.terms(query), collection_id, n)
            )
        dense: dict[int, float] = {}
        if mode is not RetrieverMode.BM25:
            dense = self._dense_scores(query, collection_id, n, list(lexical))
        if mode is RetrieverMode.BM25:
            ranked = sorted(lexical.items(), key=lambda p: (-p[1], p[0]))
        elif mode is RetrieverMode.DENSE:
            top = sorted(dense.items(), key=lambda p: (-p[1], p[0]))
            ranked = top[:n]
        else:
            # A chunk indexed after the vectors were loaded waits for the next generation.
            lexical = {rowid: score for rowid, score in lexical.items() if rowid in dense}
            ranked = convex_fusion(lexical, dense, self._lexical_weight)
        return self._materialise(ranked[:k], lexical, dense)

    def _dense_scores(
        self, query: str, collection_id: str | None, n: int, also: list[int]
    ) -> dict[int, float]:
        """Cosine of the n nearest chunks, plus exact cosines of the lexical candidates."""
        return self._store.dense_search(self._embedder.embed_query(query), collection_id, n, also)

    def _materialise(
        self, ranked: list[tuple[int, float]], lexical: dict[int, float], dense: dict[int, float]
    ) -> list[RetrievedChunk]:
        records = self._store.chunks_by_rowid([rowid for rowid, _ in ranked])
        results = []
        for rowid, score in ranked:
            record = records.get(rowid)
            if record is None:  # deleted between ranking and fetching
                continue
            results.append(
                RetrievedChunk(
                    chunk_id=record.id,
                    document_id=record.document_id,
                    title=record.title,
                    page=record.page,
                    heading_path=record.heading_path,
                    text=record.text,
                    score=score,
                    collection_id=record.collection_id,
                    lexical=lexical.get(rowid),
                    dense=dense.get(rowid),
                )
            )
        return results
