"""Request body limits per route, enforced before the body is read.

JSON routes get a small limit and only the upload route the upload limit: a declared
`Content-Length` past it is refused without reading a byte, and a body without one (chunked)
is cut off as soon as it passes the limit, so no route ever buffers more than its limit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wsgi import LimitedStream

from chatgepeto.api.errors import error_response

_LIMIT_KEY = "chatgepeto.body_limit"
_DECLARED_KEY = "chatgepeto.body_declared_too_large"
UPLOAD_ROUTE = ("POST", "/api/documents")


class BodyTooLarge(RequestEntityTooLarge):
    """The body passes this route's limit: 413 with the limit in words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _CappedInput(LimitedStream):
    """wsgi.input that raises BodyTooLarge when more than `limit` bytes are read."""

    def __init__(self, stream: Any, limit: int, message: str) -> None:
        super().__init__(stream, limit, is_max=True)
        self._message = message

    def on_exhausted(self) -> None:
        raise BodyTooLarge(self._message)


class BodyLimits:
    """WSGI middleware: the upload limit for POST /api/documents, `json_limit` elsewhere."""

    def __init__(self, app: Any, json_limit: int, upload_limit: int, upload_mb: int) -> None:
        if json_limit <= 0 or upload_limit <= 0:
            raise ValueError(f"limits must be > 0, got {json_limit} and {upload_limit}")
        self._app = app
        self._json = (json_limit, f"O corpo da requisição passa do limite de {_kib(json_limit)}.")
        self._upload = (upload_limit, f"O arquivo passa do limite de {upload_mb} MB.")

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        route = (environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", ""))
        limit, message = self._upload if route == UPLOAD_ROUTE else self._json
        environ[_LIMIT_KEY] = message
        declared = environ.get("CONTENT_LENGTH", "").strip()
        if declared.isdigit() and int(declared) > limit:
            environ[_DECLARED_KEY] = True
            limit = 0  # not a byte of it is read
        environ["wsgi.input"] = _CappedInput(environ["wsgi.input"], limit, message)
        body: Iterable[bytes] = self._app(environ, start_response)
        return body


def _kib(size: int) -> str:
    return f"{size // 1024} KiB" if size >= 1024 else f"{size} bytes"


def install_body_limits(app: Flask, json_limit: int, upload_limit: int, upload_mb: int) -> None:
    """Wrap `app` in BodyLimits; a declared body too large is refused before any other hook."""
    app.wsgi_app = BodyLimits(app.wsgi_app, json_limit, upload_limit, upload_mb)  # type: ignore[method-assign]

    def _declared_too_large() -> None:
        if request.environ.get(_DECLARED_KEY):
            raise BodyTooLarge(str(request.environ[_LIMIT_KEY]))

    app.before_request_funcs.setdefault(None, []).insert(0, _declared_too_large)

    @app.errorhandler(BodyTooLarge)
    def _too_large(exc: BodyTooLarge) -> tuple[Response, int]:
        return error_response(exc.message, "too_large")
