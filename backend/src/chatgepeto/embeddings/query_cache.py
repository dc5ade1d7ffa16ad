"""Question vectors remembered by normalised question: a class asking the same thing pays once.

The key is the question with Unicode compatibility forms folded (NFKC) and runs of white
space made one space, ends trimmed; the vector is the model's for that key, so it depends
on the key alone, never on which spelling came first. Case is kept: e5 reads it (the
vectors of "Onde" and "onde" differ, cosine 0.992). A question already being embedded by
another thread is waited for, not embedded twice. One cache serves every course: a vector
does not depend on the course, so keying it by course would only lower the hit rate.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from concurrent.futures import Future

from chatgepeto.embeddings.base import Embedder, Vectors
from chatgepeto.embeddings.delegate import EmbedderDelegate


def normalise(question: str) -> str:
    """The cache key of a question."""
    return " ".join(unicodedata.normalize("NFKC", question).split())


class CachedQueries(EmbedderDelegate):
    """An Embedder whose question vectors come from a bounded LRU before the model."""

    def __init__(self, inner: Embedder, size: int) -> None:
        if size <= 0:
            raise ValueError(f"size must be > 0, got {size}")
        super().__init__(inner)
        self._size = size
        self._vectors: OrderedDict[str, Vectors] = OrderedDict()
        self._pending: dict[str, Future[Vectors]] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def embed_query(self, text: str) -> Vectors:
        key = normalise(text)
        with self._lock:
            found = self._vectors.get(key)
            if found is not None:
                self._vectors.move_to_end(key)
                self.hits += 1
                return found
            waiting = self._pending.get(key)
            if waiting is None:
                self.misses += 1
                owned: Future[Vectors] = Future()
                self._pending[key] = owned
        if waiting is not None:  # the same question, embedded right now by another thread
            return waiting.result()
        try:
            vector = self._inner.embed_query(key)
            vector.flags.writeable = False  # shared by every caller
        except BaseException as error:
            with self._lock:
                del self._pending[key]
            owned.set_exception(error)
            raise
        with self._lock:
            del self._pending[key]
            self._vectors[key] = vector
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        owned.set_result(vector)
        return vector
