"""Rate limits per client and per address on every route but health, and the daily LLM token
budgets (per client, per address for new clients, global): past one, extractive answers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from generation.fake_llm_server import FakeLLMServer, reply_stream
from sqlalchemy import text

from chatgepeto.api import create_app
from chatgepeto.generation.sse import parse_sse
from chatgepeto.services.container import Services
from chatgepeto.services.token_budget import TokenBudgets, TokenLimits
from chatgepeto.settings import Settings

from .client_ids import established_id, issued_id
from .course import BOUNDARY, HISTORY_MD, index_all, multipart

QUESTION = {"message": "Quando foi proclamada a independência?"}
SSE = {"Accept": "text/event-stream"}
NOTICE = "limite de respostas geradas por hoje"


def _app(services: Services, **settings: Any) -> Flask:
    return create_app(services.settings.model_copy(update=settings), services)


def _llm_app(with_llm: Callable[..., Services], course: Services, **settings: Any) -> Flask:
    services = with_llm(course, llm_max_tokens=50, **settings)
    return create_app(services.settings, services)


def _ask(client: FlaskClient, headers: dict[str, str]) -> dict[str, Any]:
    response = client.post("/api/chat", json=QUESTION, headers=headers)
    assert response.status_code == 200, response.json
    body: dict[str, Any] = response.json
    assert body["mode"] in {"llm", "extractive"}
    assert (body["mode"] == "extractive") == (NOTICE in body.get("notice", ""))
    return body


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
    one, two = issued_id(client), issued_id(client)
    for _ in range(3):
        assert client.post("/api/chat", json=QUESTION, headers=one).status_code == 200
    limited = client.post("/api/chat", json=QUESTION, headers=one | SSE)
    assert limited.status_code == 429 and limited.mimetype == "application/json"
    assert limited.json["code"] == "rate_limited" and "perguntas" in limited.json["error"]
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    # Another student (another client id) is not affected.
    assert client.post("/api/chat", json=QUESTION, headers=two).status_code == 200


def test_the_address_is_only_a_shared_ceiling(course: Services) -> None:
    client = _app(
        course, chat_rate_limit="100/minute", address_rate_limit="4/minute", trusted_proxy_count=1
    ).test_client()
    school = {"X-Forwarded-For": "198.51.100.9"}
    for _ in range(4):  # four students behind one NAT
        response = client.post("/api/chat", json=QUESTION, headers=issued_id(client) | school)
        assert response.status_code == 200
    blocked = client.post("/api/chat", json=QUESTION, headers=issued_id(client) | school)
    assert blocked.status_code == 429 and "rede" in blocked.json["error"]
    # A forged first hop does not make a new address: the proxy's own hop decides.
    forged = {"X-Forwarded-For": "203.0.113.1, 198.51.100.9"}
    assert (
        client.post("/api/chat", json=QUESTION, headers=issued_id(client) | forged).status_code
        == 429
    )
    other = {"X-Forwarded-For": "198.51.100.10"}
    assert (
        client.post("/api/chat", json=QUESTION, headers=issued_id(client) | other).status_code
        == 200
    )


def test_upload_limit(services: Services) -> None:
    client = _app(services, upload_rate_limit="2/hour").test_client()
    teacher, statuses = issued_id(client), []
    for n in range(3):
        body = multipart(f"nota-{n}.md", f"# Nota {n}\n\ntexto {n}".encode())
        statuses.append(
            client.post(
                "/api/documents",
                data=body,
                headers=teacher,
                content_type=f"multipart/form-data; boundary={BOUNDARY}",
            )
        )
    assert [r.status_code for r in statuses] == [202, 202, 429]
    assert statuses[-1].json["code"] == "rate_limited" and "envios" in statuses[-1].json["error"]
    assert int(statuses[-1].headers["Retry-After"]) > 60
    assert len(services.store.documents.list_documents()) == 2


def test_join_attempts_are_limited_per_address_whatever_the_client_id(
    services: Services,
) -> None:
    client = _app(services, join_address_limit="3/minute").test_client(use_cookies=False)
    # A new client id on every guess (no cookie kept) buys no new guesses of join codes.
    guesses = [client.post("/api/join", json={"code": f"ABCDEFGH{n:02d}"}) for n in range(4)]
    assert [r.status_code for r in guesses] == [404, 404, 404, 429]
    assert len({r.headers["X-Client-Id"] for r in guesses}) == 4
    assert "turmas" in guesses[-1].json["error"] and int(guesses[-1].headers["Retry-After"]) > 0
    other = {"REMOTE_ADDR": "10.1.2.3"}
    assert client.get("/api/join/ABCDEFGH99", environ_base=other).status_code == 404


def test_every_route_but_health_is_rate_limited(course: Services) -> None:
    client = _app(course, api_rate_limit="2/minute").test_client()
    student = issued_id(client)
    statuses = [client.get("/api/conversations", headers=student).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = client.get("/api/conversations", headers=student)
    assert limited.json["code"] == "rate_limited" and "pedidos" in limited.json["error"]
    assert client.get("/api/collections", headers=student).status_code == 200  # per route
    assert all(client.get("/api/health").status_code == 200 for _ in range(20))
    routes = _app(course, api_rate_limit="1/minute", address_api_rate_limit="3/minute")
    ceiling = routes.test_client(use_cookies=False)
    seen = [ceiling.get("/api/documents").status_code for _ in range(4)]  # a new id each time
    assert seen == [200, 200, 200, 429]


def test_past_the_client_budget_answers_are_extractive_with_a_notice(
    course: Services, llm_server: FakeLLMServer, with_llm: Callable[..., Services]
) -> None:
    client = _llm_app(with_llm, course, llm_daily_token_budget=1200).test_client()
    student = established_id(course)
    modes = [_ask(client, student)["mode"] for _ in range(8)]
    used = _llm_then_extractive(modes)
    assert len(llm_server.requests) == used  # past the budget the LLM is never called
    streamed = client.post("/api/chat", json=QUESTION, headers=student | SSE)
    done = list(parse_sse(streamed.get_data(as_text=True).splitlines()))[-1]
    assert streamed.status_code == 200 and done[0] == "done"
    assert done[1]["mode"] == "extractive" and NOTICE in done[1]["notice"]
    assert _ask(client, established_id(course))["mode"] == "llm"  # another student has his own
    total = course.store.ledger.add_tokens(_today(), {f"client:{student['X-Client-Id']}": 0})
    assert 0 < next(iter(total.values())) <= 1200


def test_new_clients_spend_their_address_allowance_never_their_own(
    course: Services, llm_server: FakeLLMServer, with_llm: Callable[..., Services]
) -> None:
    app = _llm_app(with_llm, course, llm_address_daily_token_budget=1200, trusted_proxy_count=1)
    client, bare = app.test_client(), app.test_client(use_cookies=False)
    school = {"X-Forwarded-For": "198.51.100.9"}
    modes = [_ask(bare, school)["mode"] for _ in range(4)]  # no id: a new one each time
    modes += [_ask(client, issued_id(client) | school)["mode"] for _ in range(4)]
    modes += [_ask(bare, {"X-Client-Id": f"made-up-{n:016d}"} | school)["mode"] for n in range(4)]
    assert _llm_then_extractive(modes) < 4  # rotating or dropping ids bought nothing
    # A student past the first day of his id has his own budget; another network its own.
    assert _ask(client, established_id(course) | school)["mode"] == "llm"
    other = {"X-Forwarded-For": "198.51.100.10"}
    assert _ask(bare, other)["mode"] == "llm"


def test_the_global_ceiling_degrades_everyone_to_extractive(
    course: Services, llm_server: FakeLLMServer, with_llm: Callable[..., Services]
) -> None:
    app = _llm_app(with_llm, course, llm_global_daily_token_budget=1200, trusted_proxy_count=1)
    client = app.test_client(use_cookies=False)
    modes = [
        _ask(client, established_id(course) | {"X-Forwarded-For": f"198.51.100.{n}"})["mode"]
        for n in range(6)
    ]
    _llm_then_extractive(modes)


def test_budgets_hold_with_redis_configured_but_down(
    course: Services, llm_server: FakeLLMServer, with_llm: Callable[..., Services]
) -> None:
    app = _llm_app(with_llm, course, redis_url="redis://127.0.0.1:1/0", llm_daily_token_budget=1200)
    client, student = app.test_client(), established_id(course)
    modes = [_ask(client, student)["mode"] for _ in range(8)]
    _llm_then_extractive(modes)


def test_a_budget_that_cannot_be_counted_is_spent(
    course: Services,
    llm_server: FakeLLMServer,
    with_llm: Callable[..., Services],
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = _llm_app(with_llm, course).test_client()
    engine = course.store.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:  # the ledger's table away (the shared test database gets it back)
        conn.execute(text("ALTER TABLE token_usage RENAME TO token_usage_away"))
    try:
        with caplog.at_level(logging.ERROR):
            assert _ask(client, established_id(course))["mode"] == "extractive"
    finally:
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE token_usage_away RENAME TO token_usage"))
    assert llm_server.requests == []
    assert any("token budget unavailable" in r.getMessage() for r in caplog.records)


def test_a_reservation_is_all_or_nothing(services: Services) -> None:
    budgets = TokenBudgets(services.store.ledger, TokenLimits(100, 1000, 150))
    one, two = budgets.for_request("a", "x", False), budgets.for_request("b", "x", False)
    assert one.reserve(90)
    one.settle(90, 60)  # the call used less: the rest comes back
    assert one.reserve(40) and not one.reserve(1)  # 100 for client a
    assert two.reserve(50) and not two.reserve(1)  # 150 for everyone
    totals = services.store.ledger.add_tokens(_today(), {"client:a": 0, "client:b": 0, "global": 0})
    assert totals == {"client:a": 100, "client:b": 50, "global": 150}
    assert (
        TokenBudgets(services.store.ledger, TokenLimits(0, 0, 0))
        .for_request("c", "x", True)
        .reserve(10**9)
    )


def _llm_then_extractive(modes: list[str]) -> int:
    """How many LLM answers came before the budget ran out (then only extractive ones)."""
    used = modes.count("llm")
    assert 1 <= used < len(modes) and modes == ["llm"] * used + ["extractive"] * (len(modes) - used)
    return used


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_unreachable_redis_fails_open_and_says_so(
    course: Services, caplog: pytest.LogCaptureFixture
) -> None:
    app = _app(course, redis_url="redis://127.0.0.1:1/0", chat_rate_limit="1/minute")
    limiter = next(iter(app.extensions["limiter"]))
    assert type(limiter.storage).__name__ == "RedisStorage"
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        student = issued_id(client)
        for _ in range(2):  # the limit cannot be counted, so it is not enforced
            assert client.post("/api/chat", json=QUESTION, headers=student).status_code == 200
    assert any("rate limit" in r.getMessage().lower() for r in caplog.records)


def test_a_malformed_limit_stops_the_start_with_an_example() -> None:
    with pytest.raises(ValueError, match="20/minute;300/day"):
        Settings(chat_rate_limit="muitas")
    assert Settings(upload_rate_limit="10 per hour").upload_rate_limit == "10 per hour"
    with pytest.raises(ValueError, match="20/minute;300/day"):
        Settings(api_rate_limit="sempre")
