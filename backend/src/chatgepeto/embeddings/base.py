"""The embedder interface every backend implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns passages and questions into L2-normalised vectors of a fixed dimension."""

    @property
    def name(self) -> str:
        """Identifies the model, so vectors of different models are never mixed."""
        ...

    @property
    def dim(self) -> int:
        """Vector dimension."""
        ...

    def embed_passages(self, texts: list[str]) -> Vectors:
        """Vectors of document passages, shape (len(texts), dim)."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """Vector of one question, shape (dim,)."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for `text` (for throughput figures)."""
        ...


@runtime_checkable
class QueryBatchEmbedder(Embedder, Protocol):
    """An embedder that can embed several questions in one model call."""

    def embed_queries(self, texts: list[str]) -> Vectors:
        """Vectors of questions, shape (len(texts), dim), each as `embed_query` gives it."""
        ...
