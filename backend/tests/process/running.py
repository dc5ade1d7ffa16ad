"""Start real `chatgepeto` processes for tests and talk to them over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).with_name("chatgepeto")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The child's environment: a private data folder, no LLM key from the caller."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LLM_API_KEY", "GROQ_API_KEY", "DATABASE_URL"}
    }
    env.update({"CHATGEPETO_DATA_DIR": str(data_dir), "WORKER_POLL_S": "0.2", **extra})
    return env


def start_serve(data_dir: Path, port: int, *args: str, **env: str) -> subprocess.Popen[bytes]:
    """`chatgepeto serve` on 127.0.0.1:port, returned once /api/health answers."""
    process = subprocess.Popen(
        [str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1", *args],
        env=environment(data_dir, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "exited")
        try:
            if request("GET", port, "/api/health")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("serve did not answer /api/health within 60 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it lingers."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr:
        process.stderr.close()


def request(
    method: str,
    port: int,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    raw: bytes | None = None,
    timeout: float = 60,
) -> tuple[int, Any, dict[str, str]]:
    """(status, parsed JSON or text, headers) of one HTTP request."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    all_headers = {"Content-Type": "application/json"} if body is not None else {}
    all_headers.update(headers or {})
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=all_headers
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            status, payload, got = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        status, payload, got = exc.code, exc.read(), dict(exc.headers)
    text = payload.decode("utf-8", "replace")
    is_json = got.get("Content-Type", "").startswith("application/json")
    return status, (json.loads(text) if is_json and text else text), got


def wait_ready(port: int, document_id: str, timeout: float = 180) -> dict[str, Any]:
    """Poll a document until it is ready or failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body, _ = request("GET", port, f"/api/documents/{document_id}")
        if status == 200 and body["status"] in {"ready", "failed"}:
            return dict(body)
        time.sleep(0.3)
    raise TimeoutError(f"document {document_id} not indexed within {timeout} s")
