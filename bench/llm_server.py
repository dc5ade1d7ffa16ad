"""A local OpenAI-compatible chat server that streams at a fixed pace (the LLM of the load test).

Every streamed answer is TOKENS deltas, one each INTERVAL_S (the first one too, so the
server's own time to first token is one interval); `complete` calls answer at once.
GET /stats counts the prompts received (the capacity model's prompt size).
Run: python -m bench.llm_server [--tokens 20] [--interval-ms 20]; it prints its port.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ANSWER = (
    "Segundo o material do curso, a resposta está descrita no trecho citado, que explica o "
    "tema com detalhes e exemplos práticos para os alunos [1]."
)


def _chunk(delta: dict[str, str], finish: str | None = None) -> bytes:
    payload = {
        "id": "bench",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "bench",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n".encode()


class PacedHandler(BaseHTTPRequestHandler):
    """POST /v1/chat/completions: a paced stream, or one JSON completion."""

    protocol_version = "HTTP/1.1"
    server: PacedServer

    def do_GET(self) -> None:
        """GET /stats: the prompts received so far (calls, characters of their messages)."""
        data = json.dumps({"calls": self.server.calls, "prompt_chars": self.server.prompt_chars})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data.encode())

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        chars = sum(len(str(m.get("content", ""))) for m in body.get("messages", []))
        with self.server.lock:
            self.server.calls += 1
            self.server.prompt_chars += chars
        if not body.get("stream"):
            self._send_json()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self._write(_chunk({"role": "assistant", "content": ""}))
        words = (ANSWER.split() * 4)[: self.server.tokens]
        for number, word in enumerate(words):
            time.sleep(self.server.interval_s)
            self._write(_chunk({"content": word + ("" if number == len(words) - 1 else " ")}))
        self._write(_chunk({}, "stop") + b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _write(self, payload: bytes) -> None:
        self.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
        self.wfile.flush()

    def _send_json(self) -> None:
        message = {"role": "assistant", "content": " ".join(ANSWER.split()[: self.server.tokens])}
        data = json.dumps(
            {
                "id": "bench",
                "object": "chat.completion",
                "created": 0,
                "model": "bench",
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class PacedServer(ThreadingHTTPServer):
    """Threads per connection; `tokens` deltas `interval_s` apart."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, port: int, tokens: int, interval_s: float) -> None:
        super().__init__(("127.0.0.1", port), PacedHandler)
        self.tokens = tokens
        self.interval_s = interval_s
        self.lock = threading.Lock()
        self.calls = 0
        self.prompt_chars = 0

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The backend's HTTP pool drops idle keep-alive connections: not worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return
        super().handle_error(request, client_address)


def main() -> None:
    """Serve until killed; the first line of stdout is the port."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tokens", type=int, default=20)
    parser.add_argument("--interval-ms", type=float, default=20.0)
    args = parser.parse_args()
    server = PacedServer(args.port, args.tokens, args.interval_ms / 1000)
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
