"""What retrieval hands to generation and to the API."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetrievedChunk:
    """One ranked passage with where it comes from.

    `score` is the fused score (higher is better); `lexical` and `dense` are the
    single-method scores when that method saw the chunk (BM25 score, cosine similarity).
    """

    chunk_id: str
    document_id: str
    title: str
    page: int | None
    heading_path: tuple[str, ...]
    text: str
    score: float
    collection_id: str = "default"
    lexical: float | None = None
    dense: float | None = None
