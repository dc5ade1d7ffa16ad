"""Answers in progress at once: per client (2) and per address (64), then 429; a stream
holds its place until it ends or the server closes it; its first bytes are a comment."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.api.streams import StreamCaps
from chatgepeto.generation.sse import parse_sse
from chatgepeto.services.container import Services

from .client_ids import issued_id
from .course import HISTORY_MD, index_all, upload

SSE = {"Accept": "text/event-stream"}
QUESTION = {"message": "Quando foi proclamada a independência?"}


def _app(services: Services, **settings: Any) -> Flask:
    return create_app(services.settings.model_copy(update=settings), services)


@pytest.fixture
def course(services: Services) -> Services:
    upload(create_app(services.settings, services).test_client(), "h.md", HISTORY_MD.encode())
    assert index_all(services) == 1
    return services


def _caps(app: Flask) -> StreamCaps:
    return app.extensions["chatgepeto.streams"]


class HeldStream:
    """An answer stream opened (its first bytes received) on a thread of its own, as a real
    server runs each one, and left open until `finish` reads it to the end or closes it."""

    def __init__(self, app: Flask, headers: dict[str, str]) -> None:
        self.status, self.text = 0, ""
        self._opened, self._go = threading.Event(), threading.Event()
        self._read = True
        self._thread = threading.Thread(target=self._run, args=(app, headers), daemon=True)
        self._thread.start()
        assert self._opened.wait(30), "the stream did not open"

    def _run(self, app: Flask, headers: dict[str, str]) -> None:
        response = app.test_client().post("/api/chat", json=QUESTION, headers=SSE | headers)
        self.status = response.status_code
        self._opened.set()
        self._go.wait(30)
        if self._read:
            self.text = response.get_data(as_text=True)
        response.close()

    def finish(self, read: bool = True) -> None:
        """Read the rest (or, `read=False`, close it unread like a client gone)."""
        self._read = read
        self._go.set()
        self._thread.join(30)


def test_a_client_has_two_answers_in_progress_at_most(course: Services) -> None:
    app = _app(course)
    client: FlaskClient = app.test_client()
    student = issued_id(client)
    held = [HeldStream(app, student) for _ in range(2)]
    assert [h.status for h in held] == [200, 200]
    for headers in (SSE | student, student):  # a stream or a JSON answer: both wait
        refused = client.post("/api/chat", json=QUESTION, headers=headers)
        assert refused.status_code == 429 and refused.json["code"] == "rate_limited:streams"
        assert refused.json["error"] == (
            "Você já tem 2 respostas em andamento. Espere uma terminar e pergunte de novo."
        )
    other = client.post("/api/chat", json=QUESTION, headers=issued_id(client))
    assert other.status_code == 200 and "1822" in other.json["answer"]
    # One read to its end gives its place back; one closed unread (a client gone) too.
    held[0].finish()
    assert list(parse_sse(held[0].text.splitlines()))[-1][0] == "done"
    assert _caps(app).open_count("client", student["X-Client-Id"]) == 1
    held[1].finish(read=False)
    assert _caps(app).open_count("client", student["X-Client-Id"]) == 0
    again = client.post("/api/chat", json=QUESTION, headers=student)
    assert again.status_code == 200 and again.json["mode"] == "extractive"


def test_an_address_has_its_own_cap_across_clients(course: Services) -> None:
    app = _app(course, chat_streams_per_address=3)
    client = app.test_client()
    held = [HeldStream(app, issued_id(client)) for _ in range(3)]
    assert [h.status for h in held] == [200, 200, 200]
    refused = client.post("/api/chat", json=QUESTION, headers=SSE | issued_id(client))
    assert refused.status_code == 429 and refused.json["code"] == "rate_limited:streams"
    assert "desta rede" in refused.json["error"]
    for stream in held:
        stream.finish(read=False)
    assert _caps(app).open_count("address", "127.0.0.1") == 0
    assert client.post("/api/chat", json=QUESTION, headers=SSE).status_code == 200


def test_a_failure_after_the_first_bytes_is_an_error_event(course: Services) -> None:
    client = _app(course).test_client()
    student = issued_id(client)
    body = QUESTION | {"conversation_id": "nao-existe"}
    as_json = client.post("/api/chat", json=body, headers=student)
    assert as_json.status_code == 404 and as_json.json["code"] == "not_found:conversation"
    stream = client.post("/api/chat", json=body, headers=SSE | student)
    text = stream.get_data(as_text=True)
    assert stream.status_code == 200 and text.startswith(": ok\n\n")
    assert list(parse_sse(text.splitlines())) == [("error", as_json.json)]
    assert _caps(client.application).open_count("client", student["X-Client-Id"]) == 0


def test_caps_must_be_positive() -> None:
    with pytest.raises(ValueError, match="must be > 0"):
        StreamCaps(0, 64)
