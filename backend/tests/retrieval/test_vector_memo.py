"""Sentence vectors are embedded once, then served from memory, within a bound."""

from __future__ import annotations

import numpy as np
import pytest

from chatgepeto.retrieval.vector_memo import VectorMemo


class Counting:
    """The real embedder, counting the texts that reach it."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.embedded: list[str] = []
        self.dim = inner.dim  # type: ignore[attr-defined]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return self.inner.embed_passages(texts)  # type: ignore[attr-defined, no-any-return]


@pytest.mark.slow
def test_sentences_seen_recently_do_not_reach_the_model_again(real_embedder: object) -> None:
    counting = Counting(real_embedder)
    memo = VectorMemo(counting, size=2)  # type: ignore[arg-type]
    a, b, c = "A mitose gera duas células.", "A meiose gera gametas.", "O DNA se duplica."

    first = memo.vectors([a, b])
    again = memo.vectors([b, a])
    memo.vectors([c])  # pushes out the least recently used: b, since a was read after it
    memo.vectors([b])

    np.testing.assert_allclose(again, first[::-1], rtol=1e-6)
    np.testing.assert_allclose(first, real_embedder.embed_passages([a, b]), rtol=1e-5)  # type: ignore[attr-defined]
    assert counting.embedded == [a, b, c, b]
    assert len(memo) == 2
    assert memo.vectors([]).shape == (0, counting.dim)


def test_a_memo_needs_room():
    with pytest.raises(ValueError, match="size must be > 0"):
        VectorMemo(object(), size=0)  # type: ignore[arg-type]
