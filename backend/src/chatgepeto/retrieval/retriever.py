"""Hybrid retrieval: BM25 and nearest-neighbour cosines from the search index, fused."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chatgepeto.embeddings.base import Embedder, Vectors
from chatgepeto.ingest.sentences import statements
from chatgepeto.language.detect import detect_language
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.dialects import with_variants
from chatgepeto.retrieval.fusion import convex_fusion, sentence_rerank
from chatgepeto.retrieval.index.base import SearchIndex
from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.retrieval.vector_memo import VectorMemo
from chatgepeto.storage.types import ChunkRecord


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
# BM25's weight for a question in another language than its passages (README, "Portuguese
# questions over English material": page hit@5 0.83 at 0.5, 0.875 at 0.3, 0.83 at 0).
CROSS_LINGUAL_WEIGHT = 0.3
# The best few passages tell the material's language.
LANGUAGE_SAMPLE = 3
# How many of the nearest cosines the refusal gate sees: the best against its neighbours.
DENSE_PROFILE = 10
# The hybrid's head is ranked again by each chunk's best sentence (README, "Retrieval"):
# calibrated on faquad/dev, latex-pt and r-intro-pt at once (depth 8-10, weight 0.3-0.35
# alike; 0.4 costs faquad R@1 and r-intro page hits).
RERANK_DEPTH = 8
RERANK_WEIGHT = 0.3


# What a search reads: one course, a set of courses (a student's passes: issue 16) or, None,
# the whole library.
Scope = str | frozenset[str] | None


def scope_courses(scope: Scope) -> list[str | None]:
    """The per-course searches a scope takes: [None] the library, [] nothing at all."""
    if scope is None or isinstance(scope, str):
        return [scope]
    courses: list[str | None] = [*sorted(scope)]
    return courses


@dataclass(frozen=True)
class Retrieval:
    """Ranked passages, and the best cosines in scope (highest first) whatever their rank."""

    passages: list[RetrievedChunk]
    nearest_cosines: tuple[float, ...]
    query_vector: Vectors | None = None


class Retriever:
    """Ranks chunks for a question; `retrieve` is the one public verb."""

    def __init__(
        self,
        index: SearchIndex,
        embedder: Embedder,
        analyzer: Analyzer | None = None,
        lexical_weight: float = LEXICAL_WEIGHT,
        cross_lingual_weight: float = CROSS_LINGUAL_WEIGHT,
        candidates: int = CANDIDATES,
        rerank_depth: int = RERANK_DEPTH,
        rerank_weight: float = RERANK_WEIGHT,
    ) -> None:
        if candidates <= 0:
            raise ValueError(f"candidates must be > 0, got {candidates}")
        self._index = index
        self._embedder = embedder
        self._analyzer = analyzer or Analyzer()
        self._lexical_weight = lexical_weight
        self._cross_lingual_weight = cross_lingual_weight
        self._sentences = VectorMemo(embedder)
        self._candidates = candidates
        self._rerank_depth = rerank_depth
        self._rerank_weight = rerank_weight

    def retrieve(
        self,
        query: str,
        collection_id: Scope = None,
        k: int = 10,
        mode: RetrieverMode = RetrieverMode.HYBRID,
    ) -> list[RetrievedChunk]:
        """The k best chunks for `query`, optionally within one collection (or a set)."""
        return self.search(query, collection_id, k, mode).passages

    def search(
        self,
        query: str,
        collection_id: Scope = None,
        k: int = 10,
        mode: RetrieverMode = RetrieverMode.HYBRID,
    ) -> Retrieval:
        """The k best chunks and the cosines of the nearest ones (how much the best stands out).

        A question in another language than the material it finds (a Portuguese question over
        an English book) shares few words with it, so its BM25 side is mostly noise: such a
        question is fused again with less weight on BM25. The hybrid's first few are then
        ordered again by the cosine of each one's best sentence to the question.
        """
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        courses = scope_courses(collection_id)
        if not query.strip() or not courses:
            return Retrieval([], ())
        n = max(k, self._candidates)
        lexical: dict[int, float] = {}
        if mode is not RetrieverMode.DENSE:
            terms = with_variants(self._analyzer.terms(query))
            for course in courses:  # each course ranked with its own statistics
                lexical.update(self._index.lexical.search(terms, course, n))
        dense: dict[int, float] = {}
        vector = None
        if mode is not RetrieverMode.BM25:
            vector = self._embedder.embed_query(query)
            for course in courses:
                dense.update(self._index.vectors.search(vector, course, n, list(lexical)))
        if mode is RetrieverMode.BM25:
            ranked = sorted(lexical.items(), key=lambda p: (-p[1], p[0]))
        elif mode is RetrieverMode.DENSE:
            top = sorted(dense.items(), key=lambda p: (-p[1], p[0]))
            ranked = top[:n]
        else:
            # A chunk indexed after the vectors were loaded waits for the next generation.
            lexical = {rowid: score for rowid, score in lexical.items() if rowid in dense}
            ranked = convex_fusion(lexical, dense, self._lexical_weight)
        nearest = tuple(sorted(dense.values(), reverse=True)[:DENSE_PROFILE])
        if mode is not RetrieverMode.HYBRID:
            return Retrieval(self._materialise(ranked[:k], lexical, dense), nearest, vector)
        head = self._records(ranked, k)
        if _crosses_languages(
            query, [head[r].text for r, _ in ranked[:LANGUAGE_SAMPLE] if r in head]
        ):
            ranked = convex_fusion(lexical, dense, self._cross_lingual_weight)
            head = self._records(ranked, k)
        assert vector is not None
        ranked = self._rerank(ranked, head, vector)
        passages = self._materialise(ranked[:k], lexical, dense, head)
        return Retrieval(passages, nearest, vector)

    def term_statistics(self, terms: list[str], collection_id: Scope) -> tuple[int, dict[str, int]]:
        """(chunks in scope, document frequency of each distinct term there): how rare the
        question's words are in the material searched (summed over a set of courses)."""
        chunks, frequencies = 0, dict.fromkeys(sorted({t for t in terms if t}), 0)
        for course in scope_courses(collection_id):
            n, df = self._index.lexical.term_statistics(terms, course)
            chunks += n
            for term, count in df.items():
                frequencies[term] = frequencies.get(term, 0) + count
        return chunks, frequencies

    def similarities(self, retrieval: Retrieval, texts: list[str]) -> list[float]:
        """Cosines of `texts` (embedded as passages) to the retrieval's question."""
        if retrieval.query_vector is None or not texts:
            return [0.0] * len(texts)
        return [float(c) for c in self._sentences.vectors(texts) @ retrieval.query_vector]

    def _records(self, ranked: list[tuple[int, float]], k: int) -> dict[int, ChunkRecord]:
        """The chunks of the head of `ranked`: the k shown and the ones reranked."""
        depth = max(k, self._rerank_depth)
        return self._index.passages.chunks_by_rowid([rowid for rowid, _ in ranked[:depth]])

    def _rerank(
        self, ranked: list[tuple[int, float]], records: dict[int, ChunkRecord], vector: Vectors
    ) -> list[tuple[int, float]]:
        """The fused ranking with its head ordered again by each chunk's best sentence (the
        sentences go through the memo the refusal gate reads too, in one model call)."""
        depth = min(self._rerank_depth, len(ranked))
        if depth < 2 or self._rerank_weight == 0:
            return ranked
        owners: list[int] = []
        texts: list[str] = []
        for rowid, _ in ranked[:depth]:
            record = records.get(rowid)
            for sentence in statements(record.text) if record is not None else ():
                owners.append(rowid)
                texts.append(sentence)
        best: dict[int, float] = {}
        if texts:
            for rowid, cosine in zip(owners, self._sentences.vectors(texts) @ vector, strict=True):
                best[rowid] = max(best.get(rowid, -1.0), float(cosine))
        return sentence_rerank(ranked, best, self._rerank_weight, depth)

    def _materialise(
        self,
        ranked: list[tuple[int, float]],
        lexical: dict[int, float],
        dense: dict[int, float],
        records: dict[int, ChunkRecord] | None = None,
    ) -> list[RetrievedChunk]:
        if records is None or any(rowid not in records for rowid, _ in ranked):
            records = self._index.passages.chunks_by_rowid([rowid for rowid, _ in ranked])
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


def _crosses_languages(query: str, texts: list[str]) -> bool:
    """The best passages (`texts`) are in another language than the question."""
    if not texts:
        return False
    return detect_language(query) != detect_language(" ".join(texts[:LANGUAGE_SAMPLE]))
