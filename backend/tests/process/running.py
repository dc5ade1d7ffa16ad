"""Talk to a running `chatgepeto serve` over HTTP (started with `processes.serve`)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any


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
