"""The SSE contract: the bytes of a real answer stream are the web app's fixture files.

frontend/tests/fixtures/sse/chat-answer.sse and chat-unknown-conversation.sse are what this
backend sends (ids replaced by fixed ones); the web app's jest tests parse the same files
(tests/lib/sse-contract.test.ts). After a deliberate change to the stream:
CHATGEPETO_WRITE_FIXTURES=1 pytest tests/api/test_sse_contract.py, and commit both sides.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from generation.fake_llm_server import FakeLLMServer, reply_stream

from chatgepeto.api import create_app
from chatgepeto.services.container import Services

from .course import BIOLOGY_MD, index_all, upload

FIXTURES = Path(__file__).resolve().parents[3] / "frontend" / "tests" / "fixtures" / "sse"
SSE = {"Accept": "text/event-stream"}
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def client(
    services: Services, with_llm: Callable[..., Services], monkeypatch: pytest.MonkeyPatch
) -> FlaskClient:
    upload(
        create_app(services.settings, services).test_client(), "biologia.md", BIOLOGY_MD.encode()
    )
    assert index_all(services) == 1
    ids: Iterator[str] = iter(["conv-1", "msg-1"])
    monkeypatch.setattr("chatgepeto.services.chat.new_id", lambda: next(ids))
    llm = with_llm(services)
    return create_app(llm.settings, llm).test_client()


def _same_as_fixture(name: str, sent: str) -> None:
    path = FIXTURES / name
    if os.environ.get("CHATGEPETO_WRITE_FIXTURES") == "1":
        path.write_bytes(sent.encode("utf-8"))
    assert path.read_bytes() == sent.encode("utf-8"), f"{name} differs from what the backend sends"


def test_an_answer_stream_is_the_chat_answer_fixture(
    client: FlaskClient, services: Services, llm_server: FakeLLMServer
) -> None:
    llm_server.script = [reply_stream(["A fotossíntese ", "ocorre nos **cloroplastos** [1]."])]
    response = client.post(
        "/api/chat", json={"message": "Onde ocorre a fotossíntese?"}, headers=SSE
    )
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    sent = response.get_data(as_text=True)
    (document,) = services.store.documents.list_documents(None)
    assert sent.count(document.id) == 2  # the citation's document and chunk (`<document>-0`)
    _same_as_fixture("chat-answer.sse", sent.replace(document.id, "doc-1"))


def test_an_unknown_conversation_is_the_error_fixture(client: FlaskClient) -> None:
    response = client.post(
        "/api/chat", json={"message": "E a fase clara?", "conversation_id": "gone"}, headers=SSE
    )
    assert response.status_code == 200  # the stream is open before the conversation is read
    _same_as_fixture("chat-unknown-conversation.sse", response.get_data(as_text=True))
