"""A 50 MB JSON body to /api/search of a real `chatgepeto serve`, declared and chunked.

Parsing one took 2.4 s of CPU and 200 MB before the body limits; now the server answers 413
JSON before reading it and its worker's resident memory stays where it was.
"""

from __future__ import annotations

import json
import select
import socket
from pathlib import Path

import pytest
from process.running import request
from processes import free_port, serve, stop

pytestmark = pytest.mark.slow

MIB = 1 << 20
# A 50 MiB JSON array of numbers (what took 200 MB to parse), sent 1 MiB at a time.
PIECES = [b"[", *[b"1," * (MIB // 2)] * 50, b"1]"]
BODY = sum(len(p) for p in PIECES)


def _worker_peak_rss(serve_pid: int) -> int:
    """Peak resident memory (bytes) of serve's gunicorn worker, its one child here: VmHWM,
    since the parse's memory is given back once the request ends."""
    children = Path(f"/proc/{serve_pid}/task/{serve_pid}/children").read_text().split()
    assert len(children) == 1, children
    for line in Path(f"/proc/{children[0]}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc")


def _post_search(port: int, chunked: bool) -> tuple[int, bytes, int]:
    """POST a 50 MB JSON body, stopping once the server answers: (status, body, bytes sent)."""
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BODY}"
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(
            f"POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\n{framing}\r\n"
            "Content-Type: application/json\r\n\r\n".encode()
        )
        sent = 0
        for piece in PIECES:
            if select.select([sock], [], [], 0)[0]:
                break  # the answer is in
            data = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(piece)
        else:
            sock.sendall(b"0\r\n\r\n" if chunked else b"")  # the whole body went out
        raw = b""
        while b"\r\n\r\n" not in raw:
            chunk = sock.recv(65536)
            assert chunk, f"closed before a response: {raw!r}"
            raw += chunk
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").lower().split("\r\n")
        length = next(int(h.split(":")[1]) for h in lines if h.startswith("content-length:"))
        while len(body) < length:
            body += sock.recv(65536)
    return int(head.split()[1]), body, sent


def test_a_50_mb_json_body_is_refused_before_it_is_read(tmp_path: Path) -> None:
    port = free_port()
    process = serve(tmp_path / "data", port, tmp_path / "serve.log", "--no-worker")
    try:
        assert request("POST", port, "/api/search", {"query": "fotossíntese"})[0] == 200
        before = _worker_peak_rss(process.pid)
        for chunked in (False, True):
            status, body, sent = _post_search(port, chunked)
            assert status == 413, (chunked, body[:300])
            error = json.loads(body)
            assert error == {
                "error": "O corpo da requisição passa do limite de 64 KiB.",
                "code": "too_large",
            }
            assert sent < 20 * MIB, (chunked, sent)
        grown = _worker_peak_rss(process.pid) - before
        assert grown < 20 * MIB, f"worker peak RSS grew {grown / MIB:.1f} MiB"
        assert request("GET", port, "/api/health")[0] == 200
    finally:
        stop(process)
