"""Rate limits per client and per address, and the daily LLM token budget."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from generation.fake_llm_server import FakeLLMServer, reply_stream
from limits.storage import MemoryStorage

from chatgepeto.api import create_app
from chatgepeto.api.limits import BudgetExhausted, DailyTokenBudget
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings

from .course import BOUNDARY, HISTORY_MD, index_all, multipart

QUESTION = {"message": "Quando foi proclamada a independência?"}
SSE = {"Accept": "text/event-stream"}


def _client(n: int) -> dict[str, str]:
    return {"X-Client-Id": f"client-{n:016d}"}


def _app(services: Services, **settings: Any) -> Flask:
    return create_app(services.settings.model_copy(update=settings), services)


@pytest.fixture
def course(services: Services) -> Services:
    services.library.upload("historia.md", HISTORY_MD.encode(), None)
    assert index_all(services) == 1
    return services


@pytest.fixture
def llm_server(llm_server: FakeLLMServer) -> FakeLLMServer:
    llm_server.script = [reply_stream(["Em 1822 ", "[1]."])]
    return llm_server


def test_chat_limit_is_per_client_with_retry_after(course: Services) -> None:
    client = _app(course, chat_rate_limit="3/minute").test_client()
    for _ in range(3):
        assert client.post("/api/chat", json=QUESTION, headers=_client(1)).status_code == 200
    limited = client.post("/api/chat", json=QUESTION, headers=_client(1) | SSE)
    assert limited.status_code == 429 and limited.mimetype == "application/json"
    assert limited.json["code"] == "rate_limited" and "perguntas" in limited.json["error"]
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    # Another student (another client id) is not affected.
    assert client.post("/api/chat", json=QUESTION, headers=_client(2)).status_code == 200


def test_the_address_is_only_a_shared_ceiling(course: Services) -> None:
    client = _app(
        course, chat_rate_limit="100/minute", address_rate_limit="4/minute", trusted_proxy_count=1
    ).test_client()
    school = {"X-Forwarded-For": "198.51.100.9"}
    for n in range(4):  # four students behind one NAT
        response = client.post("/api/chat", json=QUESTION, headers=_client(n) | school)
        assert response.status_code == 200
    blocked = client.post("/api/chat", json=QUESTION, headers=_client(9) | school)
    assert blocked.status_code == 429 and "rede" in blocked.json["error"]
    # A forged first hop does not make a new address: the proxy's own hop decides.
    forged = {"X-Forwarded-For": "203.0.113.1, 198.51.100.9"}
    assert client.post("/api/chat", json=QUESTION, headers=_client(10) | forged).status_code == 429
    other = {"X-Forwarded-For": "198.51.100.10"}
    assert client.post("/api/chat", json=QUESTION, headers=_client(11) | other).status_code == 200


def test_upload_limit(services: Services) -> None:
    client = _app(services, upload_rate_limit="2/hour").test_client()
    statuses = []
    for n in range(3):
        body = multipart(f"nota-{n}.md", f"# Nota {n}\n\ntexto {n}".encode())
        statuses.append(
            client.post(
                "/api/documents",
                data=body,
                headers=_client(1),
                content_type=f"multipart/form-data; boundary={BOUNDARY}",
            )
        )
    assert [r.status_code for r in statuses] == [202, 202, 429]
    assert statuses[-1].json["code"] == "rate_limited" and "envios" in statuses[-1].json["error"]
    assert int(statuses[-1].headers["Retry-After"]) > 60
    assert len(services.store.list_documents()) == 2


def test_llm_token_budget_per_client_per_day(
    course: Services, llm_server: FakeLLMServer, with_llm: Callable[..., Services]
) -> None:
    services = with_llm(course, llm_daily_token_budget=50)
    client = create_app(services.settings, services).test_client()
    first = client.post("/api/chat", json=QUESTION, headers=_client(1))
    assert first.status_code == 200 and first.json["mode"] == "llm"
    spent = client.post("/api/chat", json=QUESTION, headers=_client(1) | SSE)
    assert spent.status_code == 429 and spent.mimetype == "application/json"
    assert spent.json["code"] == "budget_exhausted" and "limite diário" in spent.json["error"]
    assert 3600 < int(spent.headers["Retry-After"]) <= 86400
    assert len(llm_server.requests) == 1  # the refused question never reached the LLM
    assert client.post("/api/chat", json=QUESTION, headers=_client(2)).status_code == 200


def test_budget_counts_prompt_and_answer() -> None:
    budget = DailyTokenBudget(MemoryStorage(), 100)
    budget.require("a")
    budget.spend("a", 99)
    budget.require("a")  # one token left
    budget.spend("a", 5)
    with pytest.raises(BudgetExhausted) as exhausted:
        budget.require("a")
    assert exhausted.value.status == 429 and exhausted.value.retry_after_s > 0
    budget.require("b")
    with pytest.raises(ValueError, match="tokens_per_day"):
        DailyTokenBudget(MemoryStorage(), 0)


def test_unreachable_redis_fails_open_and_says_so(
    course: Services, caplog: pytest.LogCaptureFixture
) -> None:
    app = _app(course, redis_url="redis://127.0.0.1:1/0", chat_rate_limit="1/minute")
    limiter = next(iter(app.extensions["limiter"]))
    assert type(limiter.storage).__name__ == "RedisStorage"
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        for _ in range(2):  # the limit cannot be counted, so it is not enforced
            assert client.post("/api/chat", json=QUESTION, headers=_client(1)).status_code == 200
    assert any("rate limit" in r.getMessage().lower() for r in caplog.records)


def test_a_malformed_limit_stops_the_start_with_an_example() -> None:
    with pytest.raises(ValueError, match="20/minute;300/day"):
        Settings(chat_rate_limit="muitas")
    assert Settings(upload_rate_limit="10 per hour").upload_rate_limit == "10 per hour"
