"""Vectors of sentences already embedded, kept for the next question.

The refusal gate and the extractive answerer compare the question with the sentences of its
best passages; a class asks about the same pages, so the same sentences come back question
after question. Embedding them again costs more than the question itself.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from chatgepeto.embeddings.base import Embedder, Vectors

# 384 floats a sentence: 20,000 sentences are about 30 MiB.
DEFAULT_SIZE = 20_000


class VectorMemo:
    """A bounded, thread-safe LRU of passage vectors by text, filled from `embedder`."""

    def __init__(self, embedder: Embedder, size: int = DEFAULT_SIZE) -> None:
        if size <= 0:
            raise ValueError(f"size must be > 0, got {size}")
        self._embedder = embedder
        self._size = size
        self._vectors: OrderedDict[str, Vectors] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def vectors(self, texts: list[str]) -> Vectors:
        """One row per text, in order; only the texts not seen recently reach the model."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            fresh = self._embedder.embed_passages(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._vectors[text] = vector
                    self._vectors.move_to_end(text)
                while len(self._vectors) > self._size:
                    self._vectors.popitem(last=False)
        with self._lock:
            rows = [self._vectors.get(text) for text in texts]
            for text, row in zip(texts, rows, strict=True):
                if row is not None:
                    self._vectors.move_to_end(text)
        lost = [i for i, row in enumerate(rows) if row is None]  # pushed out meanwhile
        if lost:
            again = self._embedder.embed_passages([texts[i] for i in lost])
            for i, vector in zip(lost, again, strict=True):
                rows[i] = vector
        if not rows:
            return np.zeros((0, self._embedder.dim), dtype=np.float32)
        return np.vstack([row for row in rows if row is not None]).astype(np.float32)
