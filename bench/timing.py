"""Proxies that time what the product spends in its embedder and its store.

Each keeps wall-clock seconds (`seconds`) and this process's CPU seconds over all its threads
(`cpu_seconds`): on a shared machine the first moves with other people's load, the second
hardly does, so ratios that must hold are taken on CPU time.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from chatgepeto.embeddings.base import Embedder, Vectors
from chatgepeto.embeddings.delegate import EmbedderDelegate


class Clock:
    """Wall and CPU seconds since it was made."""

    def __init__(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds) so far."""
        return time.perf_counter() - self._wall, time.process_time() - self._cpu


class TimedEmbedder(EmbedderDelegate):
    """An Embedder that adds the seconds of every call to `seconds[method]`."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__(inner)
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu_seconds: dict[str, float] = defaultdict(float)

    def _timed(self, method: str, *args: Any) -> Any:
        clock = Clock()
        try:
            return getattr(self._inner, method)(*args)
        finally:
            wall, cpu = clock.read()
            self.seconds[method] += wall
            self.cpu_seconds[method] += cpu

    def embed_passages(self, texts: list[str]) -> Vectors:
        return self._timed("embed_passages", texts)

    def embed_query(self, text: str) -> Vectors:
        return self._timed("embed_query", text)

    def count_tokens(self, text: str) -> int:
        return self._timed("count_tokens", text)


class TimedIndex:
    """A search index whose parts are timed under the latency report's names."""

    def __init__(self, index: Any) -> None:
        self.lexical = TimedStore(index.lexical, ("search",))
        self.vectors = TimedStore(index.vectors, ("search",))
        self.passages = TimedStore(index.passages, ("chunks_by_rowid",))

    @property
    def seconds(self) -> dict[str, float]:
        """Seconds spent so far in each part."""
        return {
            "lexical_search": self.lexical.seconds["search"],
            "dense_search": self.vectors.seconds["search"],
            "chunks_by_rowid": self.passages.seconds["chunks_by_rowid"],
        }


class TimedStore:
    """Delegates everything to a store role; the methods named in `timed` add to `seconds`."""

    def __init__(self, inner: Any, timed: tuple[str, ...]) -> None:
        self._inner = inner
        self._timed = frozenset(timed)
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu_seconds: dict[str, float] = defaultdict(float)

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name not in self._timed:
            return attribute

        def timed(*args: Any, **kwargs: Any) -> Any:
            clock = Clock()
            try:
                return attribute(*args, **kwargs)
            finally:
                wall, cpu = clock.read()
                self.seconds[name] += wall
                self.cpu_seconds[name] += cpu

        return timed
