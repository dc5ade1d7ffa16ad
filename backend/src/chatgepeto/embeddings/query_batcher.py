"""Questions that arrive together go to the model in one call.

The first question to find the model idle waits `window_s` for company, then embeds
everything queued (up to `max_batch`); questions arriving meanwhile queue, and the first
of them leads the next call as soon as this one ends, without waiting again. Each caller
gets its own row back, or the model's error for its own question.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from chatgepeto.embeddings.base import QueryBatchEmbedder, Vectors
from chatgepeto.embeddings.delegate import EmbedderDelegate


@dataclass
class _Question:
    text: str
    wake: threading.Event = field(default_factory=threading.Event)
    vector: Vectors | None = None
    error: BaseException | None = None


class BatchedQueries(EmbedderDelegate):
    """An Embedder whose concurrent `embed_query` calls share model calls."""

    def __init__(
        self,
        inner: QueryBatchEmbedder,
        window_s: float = 0.002,
        max_batch: int = 16,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if window_s < 0:
            raise ValueError(f"window_s must be >= 0, got {window_s}")
        if max_batch <= 0:
            raise ValueError(f"max_batch must be > 0, got {max_batch}")
        super().__init__(inner)
        self._model = inner
        self._window_s = window_s
        self._max_batch = max_batch
        self._sleep = sleep
        self._queue: list[_Question] = []
        self._leading = False
        self._lock = threading.Lock()
        self.calls = 0
        self.questions = 0

    def embed_query(self, text: str) -> Vectors:
        question = _Question(text)
        with self._lock:
            self._queue.append(question)
            lead, self._leading = not self._leading, True
        if lead:
            if self._window_s:
                self._sleep(self._window_s)
            self._run()
        else:
            question.wake.wait()
            if question.vector is None and question.error is None:  # promoted to lead
                self._run()
        if question.error is not None:
            raise question.error
        assert question.vector is not None
        return question.vector

    def _run(self) -> None:
        # The leader's own question is first in the queue, so it is in this batch.
        with self._lock:
            batch = self._queue[: self._max_batch]
            del self._queue[: self._max_batch]
        try:
            vectors = self._model.embed_queries([q.text for q in batch])
        except Exception:
            # One question the model refuses must not fail the others: each alone again.
            for question in batch:
                try:
                    question.vector = self._inner.embed_query(question.text)
                except Exception as error:
                    question.error = error
        else:
            for question, vector in zip(batch, vectors, strict=True):
                question.vector = vector
        with self._lock:
            self.calls += 1
            self.questions += len(batch)
            if self._queue:
                self._queue[0].wake.set()  # the next one leads
            else:
                self._leading = False
        for question in batch:
            question.wake.set()
