"""A local server that speaks the chat-completions protocol, scripted request by request."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any

from json_handler import JsonHandler

Action = Callable[["_Handler"], None]


@dataclass(frozen=True)
class Seen:
    """One request as it reached the server."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


class FakeLLMServer(ThreadingHTTPServer):
    """Answers each request with the next scripted action; the last one repeats."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script: list[Action] = [reply_json("ok")]
        self.requests: list[Seen] = []
        self.release = threading.Event()  # set at teardown so hanging handlers let go
        self._lock = threading.Lock()
        # A short poll keeps teardown (shutdown waits one poll) from dominating the suite.
        self._thread = threading.Thread(target=self.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def start(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()

    def next_action(self, seen: Seen) -> Action:
        with self._lock:
            self.requests.append(seen)
            return self.script[min(len(self.requests), len(self.script)) - 1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up on purpose (timeouts) are part of the tests


class _Handler(JsonHandler):
    protocol_version = "HTTP/1.1"
    server: FakeLLMServer

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.time())
        self.server.next_action(seen)(self)

    def start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def send_event(self, data: str) -> None:
        payload = f"data: {data}\n\n".encode()
        self.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
        self.wfile.flush()

    def end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def slam(self) -> None:
        """Drop the connection mid-body, as a crashed upstream would."""
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True


def completion(text: str) -> dict[str, Any]:
    message = {"role": "assistant", "content": text}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    }


def chunk(content: str | None = None, finish: str | None = None, role: bool = False) -> str:
    delta: dict[str, Any] = {"role": "assistant"} if role else {}
    if content is not None:
        delta["content"] = content
    choice = {"index": 0, "delta": delta, "finish_reason": finish}
    return json.dumps(
        {
            "id": "chatcmpl-test",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "test-model",
            "choices": [choice],
        }
    )


def reply_json(text: str) -> Action:
    return lambda h: h.send_json(200, completion(text), {})


def reply_status(status: int, headers: dict[str, str] | None = None) -> Action:
    error = {"error": {"message": f"status {status}", "type": "test_error"}}
    return lambda h: h.send_json(status, error, headers or {})


def reply_stream(
    deltas: list[str], *, finish: bool = True, cut: bool = False, pause_s: float = 0.0
) -> Action:
    """Stream the deltas; `cut` drops the socket after them, `finish=False` ends without a
    finish_reason or [DONE] but with a clean end of body."""

    def act(h: _Handler) -> None:
        h.start_stream()
        h.send_event(chunk("", role=True))
        for delta in deltas:
            if pause_s and h.server.release.wait(pause_s):
                return
            h.send_event(chunk(delta))
        if cut:
            h.slam()
            return
        if finish:
            h.send_event(chunk(finish="stop"))
            h.send_event("[DONE]")
        h.end_stream()

    return act


def hang(seconds: float) -> Action:
    """Say nothing for `seconds` (or until teardown), then answer."""

    def act(h: _Handler) -> None:
        h.server.release.wait(seconds)
        with contextlib.suppress(OSError):  # the client has usually hung up by now
            h.send_json(200, completion("late"), {})

    return act
