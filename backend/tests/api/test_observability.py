"""Request ids, access logs without the question, and answer metrics."""

from __future__ import annotations

import json
import logging

import pytest

from chatgepeto.api import create_app
from chatgepeto.services.container import Services

from .course import HISTORY_MD, index_all, upload


def test_request_id_is_returned_and_logged_without_the_question(
    services: Services, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    client = create_app(services.settings, services).test_client()
    upload(client, "historia.md", HISTORY_MD.encode())
    index_all(services)
    capsys.readouterr()
    question = "Quando Dom Pedro I abdicou do trono?"
    with caplog.at_level(logging.INFO, logger="chatgepeto.access"):
        response = client.post(
            "/api/chat", json={"message": question}, headers={"X-Request-Id": "req-12345678"}
        )
    assert response.headers["X-Request-Id"] == "req-12345678"
    access = [r for r in caplog.records if r.name == "chatgepeto.access"]
    assert access and access[-1].route == "/api/chat" and access[-1].status == 200
    assert access[-1].request_id == "req-12345678" and access[-1].latency_ms >= 0
    assert all(
        question not in r.getMessage() and question not in str(r.__dict__)
        for r in caplog.records
        if r.levelno >= logging.INFO
    )
    metrics = [
        json.loads(line)
        for line in capsys.readouterr().out.splitlines()
        if line.startswith('{"_aws"')
    ]
    assert metrics, "the answer emitted no EMF line"
    assert metrics[-1]["AnswerLatencyMs"] > 0 and "RetrievalLatencyMs" in metrics[-1]
    assert metrics[-1]["Refusals"] == 0 and "TimeToFirstTokenMs" in metrics[-1]
    generated = client.get("/api/health").headers["X-Request-Id"]
    assert len(generated) == 32
