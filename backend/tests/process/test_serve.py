"""The real `chatgepeto serve` process: gunicorn, its ingestion worker, HTTP end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from api.course import BIOLOGY_MD, BOUNDARY, multipart
from processes import free_port, serve, stop

from .running import request, wait_ready

pytestmark = pytest.mark.slow


def test_serve_indexes_in_its_worker_and_answers(tmp_path: Path) -> None:
    port = free_port()
    process = serve(tmp_path / "data", port, tmp_path / "serve.log")
    try:
        status, body, _ = request(
            "POST",
            port,
            "/api/documents",
            raw=multipart("biologia.md", BIOLOGY_MD.encode()),
            headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
        )
        assert status == 202 and body["status"] == "queued"
        assert wait_ready(port, body["id"])["status"] == "ready"

        status, found, _ = request("POST", port, "/api/search", {"query": "ciclo de Calvin"})
        assert status == 200 and "estroma" in found["results"][0]["text"]

        status, stream, headers = request(
            "POST",
            port,
            "/api/chat",
            {"message": "Onde ocorre a fotossíntese?"},
            headers={"Accept": "text/event-stream"},
        )
        assert status == 200 and headers["Content-Type"].startswith("text/event-stream")
        assert "event: token" in stream and stream.count("event: done") == 1
        assert "cloroplastos" in stream
        assert "cg_client=" in headers.get("Set-Cookie", "") and "HttpOnly" in headers["Set-Cookie"]

        status, error, _ = request("GET", port, "/api/documents/nao-existe")
        assert status == 404 and error["code"] == "not_found:document"
    finally:
        stop(process)
    assert process.returncode is not None
