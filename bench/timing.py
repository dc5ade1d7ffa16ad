"""Proxies that time what the product spends in its embedder and its store."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from chatgepeto.embeddings.base import Embedder, Vectors


class TimedEmbedder:
    """An Embedder that adds the seconds of every call to `seconds[method]`."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner
        self.seconds: dict[str, float] = defaultdict(float)

    @property
    def name(self) -> str:
        return self._inner.name

    @property
    def dim(self) -> int:
        return self._inner.dim

    def _timed(self, method: str, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return getattr(self._inner, method)(*args)
        finally:
            self.seconds[method] += time.perf_counter() - started

    def embed_passages(self, texts: list[str]) -> Vectors:
        return self._timed("embed_passages", texts)  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> Vectors:
        return self._timed("embed_query", text)  # type: ignore[no-any-return]

    def count_tokens(self, text: str) -> int:
        return self._timed("count_tokens", text)  # type: ignore[no-any-return]


class TimedStore:
    """Delegates everything to a store; the methods named in `timed` add to `seconds`."""

    def __init__(self, inner: Any, timed: tuple[str, ...]) -> None:
        self._inner = inner
        self._timed = frozenset(timed)
        self.seconds: dict[str, float] = defaultdict(float)

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name not in self._timed:
            return attribute

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return attribute(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started

        return timed
