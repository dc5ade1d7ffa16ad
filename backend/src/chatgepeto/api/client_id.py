"""The anonymous client id: an HttpOnly cookie, or X-Client-Id for API clients."""

from __future__ import annotations

import re
import secrets

from flask import Flask, Response, g, request

COOKIE = "cg_client"
HEADER = "X-Client-Id"
_VALID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_ONE_YEAR = 365 * 24 * 3600


def client_id() -> str:
    """This request's client id (assigned before the view runs)."""
    return str(g.client_id)


def install_client_id(app: Flask, secure_cookie: bool) -> None:
    """Give every request a client id and send a cookie to new browsers."""

    @app.before_request
    def _assign() -> None:
        supplied = request.headers.get(HEADER) or request.cookies.get(COOKIE) or ""
        g.new_client = not _VALID.match(supplied)
        g.client_id = secrets.token_urlsafe(24) if g.new_client else supplied

    @app.after_request
    def _cookie(response: Response) -> Response:
        if getattr(g, "new_client", False) and request.path.startswith("/api/"):
            response.set_cookie(
                COOKIE,
                g.client_id,
                max_age=_ONE_YEAR,
                httponly=True,
                samesite="Lax",
                secure=secure_cookie,
                path="/",
            )
        return response
