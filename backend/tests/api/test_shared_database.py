"""Two `chatgepeto serve` processes on one database behave as one service."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from processes import free_port, start, stop, wait_for, wait_http

from chatgepeto.settings import Settings
from chatgepeto.storage.factory import build_store

from .course import BIOLOGY_MD


@pytest.fixture
def two_servers(settings: Settings, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two `serve` processes (each with its own ingestion worker) on the test's database."""
    store = build_store(settings.resolved_database_url)
    store.migrate()  # once, before two processes race to create the SQLite file
    store.engine.dispose()  # type: ignore[attr-defined]
    servers, urls = [], []
    for name in ("a", "b"):
        port, log = free_port(), tmp_path / f"serve-{name}.log"
        process = start(
            ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"], settings, log
        )
        servers.append(process)
        urls.append(f"http://127.0.0.1:{port}")
        wait_http(urls[-1], process, log)
    yield urls[0], urls[1]
    for process in servers:
        stop(process, signal.SIGINT)  # gunicorn's quick shutdown


@pytest.mark.slow
def test_upload_through_one_answer_and_delete_through_the_other(
    two_servers: tuple[str, str],
) -> None:
    url_a, url_b = two_servers
    # One client id, issued by one server, is honoured by the other: one key in the database.
    client = {"X-Client-Id": httpx.get(f"{url_a}/api/health").headers["X-Client-Id"]}
    with (
        httpx.Client(base_url=url_a, headers=client, timeout=60) as a,
        httpx.Client(base_url=url_b, headers=client, timeout=60) as b,
    ):
        _round_trip(a, b)


def _round_trip(a: httpx.Client, b: httpx.Client) -> None:
    uploaded = a.post("/api/documents", files={"file": ("biologia.md", BIOLOGY_MD.encode())})
    assert uploaded.status_code == 202
    document_id = uploaded.json()["id"]

    def ready() -> bool:
        status = b.get(f"/api/documents/{document_id}").json()["status"]
        assert status != "failed"
        return status == "ready"

    wait_for(ready, 120, "the document to be indexed")
    answer = b.post("/api/chat", json={"message": "Onde ocorre o ciclo de Calvin?"}).json()
    assert any(c["document_id"] == document_id for c in answer["citations"])
    assert "estroma" in answer["answer"]
    conversations = a.get("/api/conversations").json()["conversations"]
    assert answer["conversation_id"] in [c["id"] for c in conversations]

    assert b.delete(f"/api/documents/{document_id}").status_code == 204
    assert a.get(f"/api/documents/{document_id}").status_code == 404
    left = a.post("/api/search", json={"query": "ciclo de Calvin estroma"}).json()["results"]
    assert all(r["document_id"] != document_id for r in left)
    assert b.delete(f"/api/conversations/{answer['conversation_id']}").status_code == 204
    assert a.get(f"/api/conversations/{answer['conversation_id']}").status_code == 404
