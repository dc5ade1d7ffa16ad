"""The anonymous client id, issued by the server only and HMAC-signed: an HttpOnly cookie,
and X-Client-Id both ways for API clients (sent back on every /api/ response)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time

from flask import Flask, Response, g, request

COOKIE = "cg_client"
HEADER = "X-Client-Id"
# <issued at, unix seconds in hex>.<nonce>.<HMAC-SHA256 of both, 128 bits>: 48 characters.
_SIGNED = re.compile(r"^([0-9a-f]{8,10})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$")
_ONE_YEAR = 365 * 24 * 3600
# An id younger than this spends its address' allowance, so fresh ids buy no fresh budget.
NEW_CLIENT_S = 24 * 3600


class ClientIds:
    """Issues client ids signed with one key and tells a genuine one from a forged one."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError(f"the signing key needs at least 16 bytes, got {len(key)}")
        self._key = key

    def issue(self, now: float | None = None) -> str:
        """A fresh id, stamped with the time it was issued."""
        body = f"{int(time.time() if now is None else now):08x}.{secrets.token_urlsafe(12)}"
        return f"{body}.{self._mac(body)}"

    def issued_at(self, value: str) -> float | None:
        """When a genuine id was issued; None for an unsigned, forged or malformed one."""
        match = _SIGNED.match(value)
        if match is None:
            return None
        body = f"{match.group(1)}.{match.group(2)}"
        if not hmac.compare_digest(self._mac(body), match.group(3)):
            return None
        return float(int(match.group(1), 16))

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode(), hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def client_id() -> str:
    """This request's client id (assigned before the view runs)."""
    return str(g.client_id)


def is_new_client() -> bool:
    """True when this request's id was issued now or less than a day ago."""
    return bool(getattr(g, "client_is_new", True))


def install_client_id(app: Flask, secure_cookie: bool) -> None:
    """Give every request a signed client id (a new one for none, an unsigned or a forged
    one), send new ids to browsers as a cookie, and return the id in X-Client-Id."""
    ids = ClientIds(app.extensions["chatgepeto"].client_id_key)

    @app.before_request
    def _assign() -> None:
        supplied = request.headers.get(HEADER) or request.cookies.get(COOKIE) or ""
        issued = ids.issued_at(supplied)
        g.new_client = issued is None
        g.client_id = ids.issue() if issued is None else supplied
        g.client_is_new = issued is None or time.time() - issued < NEW_CLIENT_S

    @app.after_request
    def _cookie(response: Response) -> Response:
        if "client_id" in g and request.path.startswith("/api/"):
            response.headers[HEADER] = g.client_id
        if getattr(g, "new_client", False) and request.path.startswith("/api/"):
            response.set_cookie(
                COOKIE,
                g.client_id,
                max_age=_ONE_YEAR,
                httponly=True,
                samesite="Lax",
                # Secure only over https: a demo served over http must keep its cookie.
                secure=secure_cookie and request.is_secure,
                path="/",
            )
        return response
