"""The real openai client inside OpenAICompatibleChat, against a scripted local server."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator

import pytest

from chatgepeto.errors import AppError
from chatgepeto.generation.llm import OpenAICompatibleChat
from chatgepeto.generation.prompt import build_messages

from .fake_llm_server import FakeLLMServer, hang, reply_json, reply_status, reply_stream
from .passages import MITOSIS, passage

KEY = "gsk_test-SECRET-key-0123456789"
MESSAGES = [{"role": "user", "content": "Olá?"}]


@pytest.fixture
def make_chat(llm_server: FakeLLMServer) -> Iterator:
    made: list[OpenAICompatibleChat] = []

    def make(**kwargs) -> OpenAICompatibleChat:
        options = {"timeout_s": 5.0, "max_retries": 2, "backoff_s": 0.01, **kwargs}
        chat = OpenAICompatibleChat(KEY, llm_server.url, "test-model", **options)
        made.append(chat)
        return chat

    yield make
    for chat in made:
        chat.close()


def failure(call) -> tuple[AppError, float]:
    """Run `call`, expecting an AppError; return it and how long it took."""
    started = time.monotonic()
    with pytest.raises(AppError) as caught:
        call()
    return caught.value, time.monotonic() - started


def test_stream_sends_the_prompt_and_yields_the_deltas(llm_server, make_chat):
    llm_server.script = [reply_stream(["A mitose ", "divide a célula ", "[1]."])]
    messages = build_messages("O que é mitose?", [passage(1, MITOSIS)], "pt")

    tokens = list(make_chat().stream(messages))

    assert tokens == ["A mitose ", "divide a célula ", "[1]."]
    (seen,) = llm_server.requests
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert seen.body["model"] == "test-model"
    assert seen.body["stream"] is True
    assert "cromátides-irmãs se separam" in seen.body["messages"][-1]["content"]
    assert seen.body["messages"][0]["role"] == "system"


def test_complete_returns_the_whole_answer_without_streaming(llm_server, make_chat):
    llm_server.script = [reply_json("A mitose divide a célula [1].")]

    assert make_chat().complete(MESSAGES) == "A mitose divide a célula [1]."
    assert make_chat(max_tokens=50).complete(MESSAGES) == "A mitose divide a célula [1]."
    unlimited, limited = llm_server.requests
    assert not unlimited.body.get("stream")
    assert unlimited.body["messages"] == MESSAGES
    assert "max_tokens" not in unlimited.body and limited.body["max_tokens"] == 50


def test_rate_limit_waits_for_retry_after_then_succeeds(llm_server, make_chat):
    llm_server.script = [reply_status(429, {"Retry-After": "1"}), reply_stream(["ok"])]

    started = time.monotonic()
    tokens = list(make_chat().stream(MESSAGES))

    assert tokens == ["ok"]
    assert len(llm_server.requests) == 2
    waited = llm_server.requests[1].at - llm_server.requests[0].at
    assert 0.95 <= waited < 2.0
    assert time.monotonic() - started < 3.0


def test_rate_limit_forever_gives_a_clear_error_within_the_deadline(llm_server, make_chat):
    llm_server.script = [reply_status(429, {"Retry-After": "1"})]

    error, took = failure(lambda: list(make_chat(timeout_s=5.0, max_retries=2).stream(MESSAGES)))

    assert error.code == "upstream:llm_rate_limited"
    assert error.status == 503
    assert "muitas perguntas" in error.message
    assert len(llm_server.requests) == 3  # one call and max_retries retries, no more
    assert 1.9 <= took < 5.0


def test_retry_after_beyond_the_deadline_fails_at_once(llm_server, make_chat):
    llm_server.script = [reply_status(429, {"Retry-After": "30"})]

    error, took = failure(lambda: make_chat(timeout_s=3.0).complete(MESSAGES))

    assert error.code == "upstream:llm_rate_limited"
    assert len(llm_server.requests) == 1
    assert took < 1.0


def test_server_errors_are_retried_a_bounded_number_of_times(llm_server, make_chat):
    llm_server.script = [reply_status(500)]

    error, _ = failure(lambda: list(make_chat(max_retries=2).stream(MESSAGES)))

    assert (error.code, error.status) == ("upstream:llm_error", 502)
    assert len(llm_server.requests) == 3


def test_a_server_error_then_success_is_recovered(llm_server, make_chat):
    llm_server.script = [reply_status(503), reply_json("recuperado")]

    assert make_chat().complete(MESSAGES) == "recuperado"
    assert len(llm_server.requests) == 2


def test_a_rejected_key_is_not_retried(llm_server, make_chat):
    llm_server.script = [reply_status(401)]

    error, _ = failure(lambda: make_chat().complete(MESSAGES))

    assert (error.code, error.status) == ("upstream:llm_error", 502)
    assert len(llm_server.requests) == 1


def test_a_hanging_server_times_out_at_the_deadline(llm_server, make_chat):
    llm_server.script = [hang(30)]

    error, took = failure(lambda: list(make_chat(timeout_s=2.0).stream(MESSAGES)))

    assert (error.code, error.status) == ("upstream:llm_timeout", 504)
    assert 1.8 <= took < 3.0


def test_a_trickling_stream_cannot_outlive_the_deadline(llm_server, make_chat):
    # Each read arrives well within any per-read timeout; only a total deadline stops this.
    llm_server.script = [reply_stream(["palavra "] * 50, pause_s=0.3)]
    tokens: list[str] = []

    def consume() -> None:
        for token in make_chat(timeout_s=1.5).stream(MESSAGES):
            tokens.append(token)

    error, took = failure(consume)

    assert error.code == "upstream:llm_timeout"
    assert 1 <= len(tokens) < 50
    assert 1.4 <= took < 2.5


def test_a_stream_cut_midway_raises_after_the_first_tokens(llm_server, make_chat):
    llm_server.script = [reply_stream(["Primeira ", "parte"], cut=True), reply_stream(["never"])]
    tokens: list[str] = []

    def consume() -> None:
        for token in make_chat().stream(MESSAGES):
            tokens.append(token)

    error, _ = failure(consume)

    assert (error.code, error.status) == ("upstream:llm_stream_cut", 502)
    assert tokens == ["Primeira ", "parte"]
    assert len(llm_server.requests) == 1  # no retry once text has reached the student


def test_a_stream_that_ends_without_finishing_is_a_cut(llm_server, make_chat):
    llm_server.script = [reply_stream(["Primeira ", "parte"], finish=False)]

    error, _ = failure(lambda: list(make_chat().stream(MESSAGES)))

    assert error.code == "upstream:llm_stream_cut"


def test_an_unreachable_server_is_an_llm_error(make_chat):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again before the client dials it
    chat = OpenAICompatibleChat(KEY, f"http://127.0.0.1:{port}/v1", "m", 3.0, backoff_s=0.01)
    try:
        error, took = failure(lambda: chat.complete(MESSAGES))
    finally:
        chat.close()

    assert error.code == "upstream:llm_error"
    assert took < 3.0


def test_the_key_never_reaches_logs_or_errors(llm_server, make_chat, caplog):
    caplog.set_level(logging.DEBUG)
    scripts = [
        [reply_status(401)],
        [reply_status(500)],
        [reply_status(429, {"Retry-After": "0"})],
        [reply_stream(["a"], cut=True)],
    ]
    errors = []
    for script in scripts:
        llm_server.script = script
        errors.append(failure(lambda: list(make_chat(max_retries=1).stream(MESSAGES)))[0])

    assert caplog.records, "the faults should have been logged"
    assert KEY not in caplog.text
    for error in errors:
        assert KEY not in str(error) and KEY not in repr(error.to_dict())
        assert error.__cause__ is None
    assert KEY not in repr(make_chat())


def test_closing_the_stream_early_stops_promptly(llm_server, make_chat):
    llm_server.script = [reply_stream(["x "] * 50, pause_s=0.2)]
    stream = make_chat(timeout_s=5.0).stream(MESSAGES)

    assert next(stream) == "x "
    started = time.monotonic()
    stream.close()

    assert time.monotonic() - started < 0.5


def test_constructor_rejects_missing_key_and_bad_values(llm_server):
    with pytest.raises(ValueError, match="api_key"):
        OpenAICompatibleChat("", llm_server.url, "m")
    with pytest.raises(ValueError, match="timeouts must be > 0"):
        OpenAICompatibleChat(KEY, llm_server.url, "m", timeout_s=0)
    with pytest.raises(ValueError, match="max_retries"):
        OpenAICompatibleChat(KEY, llm_server.url, "m", max_retries=-1)
