"""The follow-up rewrite: its own short deadline and max_tokens, metered like every LLM call."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from api.client_ids import established_id
from api.course import HISTORY_MD, index_all
from generation.fake_llm_server import FakeLLMServer, hang, reply_json, reply_stream

from chatgepeto.api import create_app
from chatgepeto.services.container import Services
from chatgepeto.telemetry import JsonFormatter

FIRST = {"message": "Quem proclamou a independência do Brasil?"}
FOLLOW = "E em que ano ele abdicou?"


@pytest.fixture
def course(services: Services) -> Services:
    services.library.upload("historia.md", HISTORY_MD.encode(), None)
    assert index_all(services) == 1
    return services


def _conversation(app_services: Services, headers: dict[str, str]) -> tuple[dict, float]:
    client = create_app(app_services.settings, app_services).test_client()
    first = client.post("/api/chat", json=FIRST, headers=headers).json
    started = time.monotonic()
    follow = client.post(
        "/api/chat",
        json={"message": FOLLOW, "conversation_id": first["conversation_id"]},
        headers=headers,
    )
    assert follow.status_code == 200, follow.json
    return follow.json, time.monotonic() - started


def test_a_slow_rewrite_gives_way_to_the_lexical_follow_up_in_its_deadline(
    course: Services, llm_server: FakeLLMServer, with_llm: Callable[..., Services]
) -> None:
    llm_server.script = [
        reply_stream(["Dom Pedro I ", "[1]."]),
        hang(10),  # the rewrite: no answer for longer than an answer's own deadline
        reply_stream(["Em 1831 ", "[1]."]),
    ]
    services = with_llm(course, llm_timeout_s=8.0, rewrite_timeout_s=0.5)
    follow, took = _conversation(services, established_id(course))
    assert follow["mode"] == "llm" and "1831" in follow["answer"]
    assert 0.4 < took < 3.0, took  # the rewrite waited its 0.5 s, not the answer's 8 s
    assert [r.body.get("stream", False) for r in llm_server.requests] == [True, False, True]


def test_every_llm_call_is_capped_metered_and_logged(
    course: Services,
    llm_server: FakeLLMServer,
    with_llm: Callable[..., Services],
    caplog: pytest.LogCaptureFixture,
) -> None:
    llm_server.script = [
        reply_stream(["Dom Pedro I ", "[1]."]),
        reply_json("Em que ano Dom Pedro I abdicou?"),
        reply_stream(["Em 1831 ", "[1]."]),
    ]
    services = with_llm(course, llm_max_tokens=77, rewrite_max_tokens=33)
    student = established_id(course)
    with caplog.at_level(logging.INFO, logger="chatgepeto.llm_usage"):
        follow, _ = _conversation(services, student)
    assert follow["mode"] == "llm"
    assert [r.body.get("max_tokens") for r in llm_server.requests] == [77, 33, 77]
    calls = [r for r in caplog.records if r.name == "chatgepeto.llm_usage"]
    lines = [json.loads(JsonFormatter().format(r)) for r in calls]
    assert [line["kind"] for line in lines] == ["answer", "rewrite", "answer"]
    assert all(isinstance(line["llm_tokens"], int) and line["llm_tokens"] > 0 for line in lines)
    rewrite_prompt = sum(len(m["content"]) for m in llm_server.requests[1].body["messages"])
    assert lines[1]["llm_tokens"] >= rewrite_prompt / 4  # the rewrite's prompt is charged too
    day = datetime.now(UTC).date().isoformat()
    spent = course.store.ledger.add_tokens(day, {f"client:{student['X-Client-Id']}": 0})
    assert list(spent.values()) == [sum(line["llm_tokens"] for line in lines)]
