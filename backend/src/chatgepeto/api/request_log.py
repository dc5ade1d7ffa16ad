"""A request id on every response and one JSON access line per request (no question text)."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

log = logging.getLogger("chatgepeto.access")
HEADER = "X-Request-Id"
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def install_request_log(app: Flask) -> None:
    """Assign (or accept) a request id, return it, and log route, status and latency."""

    @app.before_request
    def _start() -> None:
        supplied = request.headers.get(HEADER, "")
        g.request_id = supplied if _VALID.match(supplied) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        request_id = getattr(g, "request_id", None) or uuid.uuid4().hex
        response.headers[HEADER] = request_id
        started = getattr(g, "request_started", time.perf_counter())
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "route": request.url_rule.rule if request.url_rule else "unmatched",
                "status": response.status_code,
                "latency_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
