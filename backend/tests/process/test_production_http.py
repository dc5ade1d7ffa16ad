"""A production server (ENVIRONMENT=production and ADMIN_TOKEN, nothing more) reached over
plain http on a real host name, as a demo without a certificate is: the browser keeps the
client cookie, so a follow-up keeps its conversation.

The client is `http.cookiejar`, which, like a browser, never sends a Secure cookie over http;
the host is `chatgepeto.test` (browsers treat localhost as secure), resolved to the server's
loopback port by the connection itself, so no /etc/hosts entry is needed.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from processes import free_port, serve, stop

pytestmark = pytest.mark.slow

HOST = "chatgepeto.test"


class _Loopback(http.client.HTTPConnection):
    """Speaks to 127.0.0.1 whatever host the URL names (the Host header stays that name)."""

    def connect(self) -> None:
        self.sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)


class _LoopbackHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_Loopback, req)


def _browser() -> tuple[urllib.request.OpenerDirector, CookieJar]:
    jar = CookieJar()
    return urllib.request.build_opener(
        _LoopbackHandler, urllib.request.HTTPCookieProcessor(jar)
    ), jar


def _post(opener: urllib.request.OpenerDirector, port: int, path: str, body: Any) -> Any:
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_a_follow_up_over_http_keeps_its_conversation(tmp_path: Path) -> None:
    port = free_port()
    process = serve(
        tmp_path / "data",
        port,
        tmp_path / "serve.log",
        "--no-worker",
        ENVIRONMENT="production",
        ADMIN_TOKEN="a-teacher-token-of-32-random-chars",
    )
    try:
        opener, jar = _browser()
        status, first = _post(opener, port, "/api/chat", {"message": "O que é fotossíntese?"})
        assert status == 200, first
        status, follow_up = _post(
            opener,
            port,
            "/api/chat",
            {"message": "E onde ela ocorre?", "conversation_id": first["conversation_id"]},
        )
        assert status == 200, follow_up
        assert follow_up["conversation_id"] == first["conversation_id"]
        cookies = {c.name: c for c in jar}
        assert not cookies["cg_client"].secure and cookies["cg_client"].domain == HOST
        with opener.open(f"http://{HOST}:{port}/api/conversations", timeout=30) as response:
            listed = json.loads(response.read())["conversations"]
        assert [c["id"] for c in listed] == [first["conversation_id"]]
    finally:
        stop(process)
