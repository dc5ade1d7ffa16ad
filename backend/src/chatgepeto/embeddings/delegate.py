"""An Embedder that hands everything to another one; wrappers override what they change."""

from __future__ import annotations

from chatgepeto.embeddings.base import Embedder, Vectors


class EmbedderDelegate:
    """Passes every call through to `inner`."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner

    @property
    def name(self) -> str:
        return self._inner.name

    @property
    def dim(self) -> int:
        return self._inner.dim

    def embed_passages(self, texts: list[str]) -> Vectors:
        return self._inner.embed_passages(texts)

    def embed_query(self, text: str) -> Vectors:
        return self._inner.embed_query(text)

    def count_tokens(self, text: str) -> int:
        return self._inner.count_tokens(text)
