"""SIGKILL of the whole `chatgepeto serve` process group while a large document is indexing.

Restarted on the same data folder, the store is intact, the interrupted document ends ready
or failed with a reason (never stuck), and a document indexed before still answers.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from api.course import BIOLOGY_MD, BOUNDARY, multipart

from .running import BIN, environment, free_port, request, wait_ready

pytestmark = pytest.mark.slow

LEASE_S = 4
PARAGRAPH = (
    "O ciclo da água começa com a evaporação dos oceanos, rios e lagos aquecidos pelo sol. "
    "O vapor sobe, esfria e se condensa em nuvens; quando as gotas crescem, caem como chuva, "
    "neve ou granizo. Parte da água infiltra no solo e abastece os lençóis freáticos, parte "
    "escorre pela superfície até os rios e volta ao mar, fechando o ciclo. "
)
LARGE = "\n\n".join(f"## Etapa {i}\n\n{PARAGRAPH * 2}" for i in range(24))


def _start(data_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """serve in a process group of its own (gunicorn and the ingestion worker inside it)."""
    env = environment(
        data_dir, JOB_LEASE_S=str(LEASE_S), ENVIRONMENT="test", CHATGEPETO_SAMPLE_COURSE="false"
    )
    with log.open("ab") as out:
        process = subprocess.Popen(
            [str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"serve exited:\n{log.read_text()[-3000:]}")
        return _healthy(port)

    _wait(up, 90, "serve to answer", log)
    return process


def _healthy(port: int) -> bool:
    try:
        return request("GET", port, "/api/health", timeout=2)[0] == 200
    except OSError:
        return False


def _wait(check: Any, timeout_s: float, what: str, log: Path) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")


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
    first = _start(data_dir, port, log)
    # No ADMIN_TOKEN: serve says that writes are open to this machine only.
    assert "ADMIN_TOKEN não definido" in log.read_text()
    try:
        course = _upload(port, "biologia.md", BIOLOGY_MD)
        assert wait_ready(port, course)["status"] == "ready"
        large = _upload(port, "ciclo-da-agua.md", LARGE)

        def embedding() -> bool:
            body = request("GET", port, f"/api/documents/{large}")[1]
            return body["status"] == "processing" and body["progress"] > 0

        _wait(embedding, 180, "the worker to embed its first batch", log)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    _wait(lambda: not _group_alive(first.pid), 10, "every process of serve to die", log)

    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _chunks(database, large) == 0  # chunks land in one transaction or not at all

    port = free_port()
    second = _start(data_dir, port, log)
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
        _stop(second)


def _stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
