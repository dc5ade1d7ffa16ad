"""One streamed request, timed from sending to the first token and to the end."""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from typing import Any


@dataclass
class Stream:
    """What one streamed request did: times in seconds from sending it."""

    ok: bool
    ttft_s: float | None = None
    total_s: float = 0.0
    tokens: int = 0
    mode: str | None = None
    error: str | None = None


def _post(
    port: int, path: str, body: dict[str, Any], headers: dict[str, str], timeout: float
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request(
        "POST", path, json.dumps(body).encode(), {"Content-Type": "application/json", **headers}
    )
    return connection, connection.getresponse()


def issued_client_id(port: int, timeout: float = 30) -> str:
    """A client id as the backend issues it to a new client (ids are signed by the server)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/api/health")
        response = connection.getresponse()
        response.read()
        client_id = response.getheader("X-Client-Id")
    finally:
        connection.close()
    if not client_id:
        raise RuntimeError("the backend sent no X-Client-Id")
    return client_id


def chat_stream(port: int, question: str, client_id: str, timeout: float = 120) -> Stream:
    """POST /api/chat as an SSE client; ok only with status 200, tokens and a `done` event."""
    started = time.perf_counter()
    try:
        connection, response = _post(
            port,
            "/api/chat",
            {"message": question},
            {"Accept": "text/event-stream", "X-Client-Id": client_id},
            timeout,
        )
    except OSError as exc:
        return Stream(False, error=f"connect: {exc}")
    result, event = Stream(False), ""
    try:
        if response.status != 200:
            return Stream(False, error=f"status {response.status}: {response.read()[:200]!r}")
        for raw in response:
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data = json.loads(line[5:])
                if event == "token" and data.get("text"):
                    result.tokens += 1
                    result.ttft_s = result.ttft_s or time.perf_counter() - started
                elif event == "done":
                    result.ok, result.mode = result.tokens > 0, data.get("mode")
                elif event == "error":
                    result.error = f"event error: {data.get('code')}"
    except (OSError, ValueError) as exc:
        result.ok, result.error = False, f"read: {exc}"
    finally:
        connection.close()
    result.total_s = time.perf_counter() - started
    if not result.ok and result.error is None:
        result.error = "stream ended without done"
    return result


def llm_stream(port: int, timeout: float = 120) -> Stream:
    """POST /v1/chat/completions with stream=true straight to the LLM server."""
    started = time.perf_counter()
    body = {"model": "bench", "stream": True, "messages": [{"role": "user", "content": "?"}]}
    try:
        connection, response = _post(port, "/v1/chat/completions", body, {}, timeout)
    except OSError as exc:
        return Stream(False, error=f"connect: {exc}")
    result = Stream(False)
    try:
        for raw in response:
            line = raw.decode("utf-8").strip()
            if line == "data: [DONE]":
                result.ok = result.tokens > 0
            elif line.startswith("data:"):
                for choice in json.loads(line[5:])["choices"]:
                    if choice["delta"].get("content"):
                        result.tokens += 1
                        result.ttft_s = result.ttft_s or time.perf_counter() - started
    except (OSError, ValueError) as exc:
        result.error = f"read: {exc}"
    finally:
        connection.close()
    result.total_s = time.perf_counter() - started
    return result
