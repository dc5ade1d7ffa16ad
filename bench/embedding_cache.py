"""The bench's embedding cache is the evaluation's (`chatgepeto.evaluation.embedding_cache`).

The quality and latency sections use it; the ingestion section never does (it times the model).
"""

from chatgepeto.evaluation.embedding_cache import CachingEmbedder

__all__ = ["CachingEmbedder"]
