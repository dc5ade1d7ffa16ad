"""Fixtures for generation tests: a scripted chat-completions server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .fake_llm_server import FakeLLMServer


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()
