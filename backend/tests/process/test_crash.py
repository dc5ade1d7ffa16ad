"""SIGKILL of the whole `chatgepeto serve` process group while a large document is indexing.

Restarted on the same data folder, the store is intact, the interrupted document ends ready
or failed with a reason (never stuck), and a document indexed before still answers.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest
from api.course import BIOLOGY_MD, BOUNDARY, multipart
from processes import free_port, serve, stop, wait_for

from .running import request, wait_ready

pytestmark = pytest.mark.slow

LEASE_S = 4
PARAGRAPH = (
    "O ciclo da água começa com a evaporação dos oceanos, rios e lagos aquecidos pelo sol. "
    "O vapor sobe, esfria e se condensa em nuvens; quando as gotas crescem, caem como chuva, "
    "neve ou granizo. Parte da água infiltra no solo e abastece os lençóis freáticos, parte "
    "escorre pela superfície até os rios e volta ao mar, fechando o ciclo. "
)
LARGE = "\n\n".join(f"## Etapa {i}\n\n{PARAGRAPH * 2}" for i in range(24))


def _serve(data_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """serve in a process group of its own (gunicorn and the ingestion worker inside it)."""
    return serve(
        data_dir,
        port,
        log,
        JOB_LEASE_S=str(LEASE_S),
        ENVIRONMENT="test",
        CHATGEPETO_SAMPLE_COURSE="false",
    )


def _upload(port: int, name: str, text: str) -> str:
    status, body, _ = request(
        "POST",
        port,
        "/api/documents",
        raw=multipart(name, text.encode()),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert status == 202, body
    return str(body["id"])


def _group_alive(pgid: int) -> list[int]:
    """Members of the process group that still run (zombies waiting for a reaper excluded)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _chunks(database: Path, document_id: str) -> int:
    with sqlite3.connect(database) as conn:
        return int(
            conn.execute(
                "SELECT COUNT(*) FROM chunks WHERE document_id = ?", (document_id,)
            ).fetchone()[0]
        )


def test_sigkill_of_serve_mid_ingestion_leaves_a_consistent_store(tmp_path: Path) -> None:
    data_dir, log = tmp_path / "data", tmp_path / "serve.log"
    database = data_dir / "chatgepeto.db"
    port = free_port()
    first = _serve(data_dir, port, log)
    # No ADMIN_TOKEN: serve says that writes are open to this machine only.
    assert "ADMIN_TOKEN não definido" in log.read_text()
    try:
        course = _upload(port, "biologia.md", BIOLOGY_MD)
        assert wait_ready(port, course)["status"] == "ready"
        large = _upload(port, "ciclo-da-agua.md", LARGE)

        def embedding() -> bool:
            body = request("GET", port, f"/api/documents/{large}")[1]
            return body["status"] == "processing" and body["progress"] > 0

        wait_for(embedding, 180, "the worker to embed its first batch", log=log)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    wait_for(lambda: not _group_alive(first.pid), 10, "every process of serve to die", log=log)

    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _chunks(database, large) == 0  # chunks land in one transaction or not at all

    port = free_port()
    second = _serve(data_dir, port, log)
    try:
        final = wait_ready(port, large, timeout=LEASE_S + 240)
        if final["status"] == "ready":
            assert final["chunks"] == _chunks(database, large) > 0
        else:
            assert final["error"] and final["error_code"], final
        answer = request("POST", port, "/api/chat", {"message": "Onde ocorre a fotossíntese?"})[1]
        assert course in {c["document_id"] for c in answer["citations"]}
        assert wait_ready(port, course)["chunks"] == _chunks(database, course) > 0
    finally:
        stop(second)
