"""A PDF stream bomb through the real product (`chatgepeto serve`: gunicorn and the worker).

It ends `failed` within seconds, with a reason, once (never retried); the API answers its
health check all the while; the same worker then indexes the next document.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from api.course import BIOLOGY_MD, BOUNDARY, multipart
from hostile.pdf_bombs import stream_bomb
from process.running import request, wait_ready
from processes import free_port, serve, stop

pytestmark = pytest.mark.slow

FAIL_WITHIN_S = 60


def _upload(port: int, name: str, data: bytes) -> str:
    status, body, _ = request(
        "POST",
        port,
        "/api/documents",
        raw=multipart(name, data),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert status == 202, body
    return str(body["id"])


def _health_until_done(port: int, document_id: str) -> tuple[dict[str, object], list[float]]:
    """Poll GET /api/health until the document is ready or failed: its final state and the
    seconds each health answer took (each one a 200)."""
    started, latencies = time.monotonic(), []
    while time.monotonic() - started < FAIL_WITHIN_S:
        asked = time.monotonic()
        status, _, _ = request("GET", port, "/api/health", timeout=10)
        latencies.append(time.monotonic() - asked)
        assert status == 200
        document = request("GET", port, f"/api/documents/{document_id}")[1]
        if document["status"] in ("ready", "failed"):
            return document, latencies
        time.sleep(0.05)
    raise AssertionError(f"the bomb was not over within {FAIL_WITHIN_S} s")


def test_a_stream_bomb_fails_once_in_seconds_while_the_api_answers(tmp_path: Path) -> None:
    data_dir, log = tmp_path / "data", tmp_path / "serve.log"
    port = free_port()
    server = serve(data_dir, port, log, ENVIRONMENT="test", CHATGEPETO_SAMPLE_COURSE="false")
    try:
        bomb = _upload(port, "apostila.pdf", stream_bomb())
        document, latencies = _health_until_done(port, bomb)
        assert document["status"] == "failed", document
        assert document["error_code"] == "ingest:memory"
        assert "memória demais" in str(document["error"])
        assert len(latencies) >= 3 and max(latencies) < 2.0, latencies

        course = _upload(port, "biologia.md", BIOLOGY_MD.encode())
        assert wait_ready(port, course)["status"] == "ready"  # the worker lived on
    finally:
        stop(server)
    attempts = [
        line for line in log.read_text().splitlines() if f"indexing document {bomb}" in line
    ]
    assert len(attempts) == 1, attempts  # terminal: never claimed again
    with sqlite3.connect(data_dir / "chatgepeto.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0
