"""A 300 MB upload to a real `chatgepeto serve`, streamed over a socket from one 1 MiB buffer.

The server answers 413 JSON long before the body ends, its memory does not grow by the
upload, and it goes on serving.
"""

from __future__ import annotations

import json
import select
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from process.running import request
from processes import free_port, serve, stop

pytestmark = pytest.mark.slow

MIB = 1 << 20
UPLOAD = 300 * MIB
BOUNDARY = "hostile-boundary"
_ZEROS = bytes(MIB)


def _worker_peak_rss(serve_pid: int) -> int:
    """Peak resident memory (bytes) of serve's gunicorn worker, its one child here."""
    children = Path(f"/proc/{serve_pid}/task/{serve_pid}/children").read_text().split()
    assert len(children) == 1, children
    for line in Path(f"/proc/{children[0]}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc")


def _body() -> tuple[bytes, Iterator[bytes], bytes]:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="enorme.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n'
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    return head, (_ZEROS for _ in range(UPLOAD // MIB)), tail


def _send(port: int, chunked: bool) -> tuple[int, dict[str, str], bytes, int]:
    """POST the upload; stop sending as soon as the server answers. (status, headers, body, sent)"""
    head, middle, tail = _body()
    framing = (
        "Transfer-Encoding: chunked"
        if chunked
        else (f"Content-Length: {len(head) + UPLOAD + len(tail)}")
    )
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(
            f"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n{framing}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n\r\n".encode()
        )
        sent = 0
        for piece in (head, *middle, tail):
            if select.select([sock], [], [], 0)[0]:
                break  # the answer is in: no reason to send the rest
            data = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(piece)
        return (*_read_response(sock), sent)


def _read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    raw = b""
    while b"\r\n\r\n" not in raw:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a response: {raw!r}"
        raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)}
    while len(body) < int(headers.get("content-length", "0")):
        body += sock.recv(65536)
    return int(status_line.split()[1]), headers, body


def test_300_mb_upload_is_refused_early_without_buffering(tmp_path: Path) -> None:
    port = free_port()
    process = serve(tmp_path / "data", port, tmp_path / "serve.log", "--no-worker")
    try:
        assert request("GET", port, "/api/collections")[0] == 200  # warm the worker up
        peak_before = _worker_peak_rss(process.pid)
        for chunked in (False, True):
            status, headers, body, sent = _send(port, chunked)
            assert status == 413, (chunked, body[:300])
            assert headers["content-type"].startswith("application/json")
            payload = json.loads(body)
            assert payload["code"] == "too_large" and "50 MB" in payload["error"]
            # Declared too large: refused on the header. Chunked: at the limit (50 MB + framing).
            assert sent < (16 * MIB if not chunked else 80 * MIB), (chunked, sent)
        assert _worker_peak_rss(process.pid) - peak_before < 64 * MIB
        assert request("GET", port, "/api/health")[0] == 200
        assert request("GET", port, "/api/documents")[1]["documents"] == []
    finally:
        stop(process)
