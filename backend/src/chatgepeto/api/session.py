"""A signed-in teacher's session (issue 16): Flask's signed cookie, keyed by a key derived
from the client ids' signing key, HttpOnly and SameSite=Lax (Secure in production).

It carries the teacher's id and a CSRF token; a write authenticated by the cookie must send
the token back in `X-CSRF-Token` (a page of another site cannot read it). The bearer
`ADMIN_TOKEN` needs no CSRF token: a browser never sends it by itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from flask import Flask, request, session

from chatgepeto.api.auth import Unauthorized

CSRF_HEADER = "X-CSRF-Token"
SESSION_COOKIE = "chatgepeto_session"
SESSION_DAYS = 14


def install_session(app: Flask, secure_cookie: bool) -> None:
    """Sign sessions with a key of their own, derived from the client ids' key."""
    key: bytes = app.extensions["chatgepeto"].client_id_key
    app.secret_key = hmac.new(key, b"teacher-session", hashlib.sha256).hexdigest()
    app.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookie,
        PERMANENT_SESSION_LIFETIME=timedelta(days=SESSION_DAYS),
    )


def start_session(teacher_id: str) -> str:
    """Sign this browser in (a fresh session: no fixation) and return its CSRF token."""
    session.clear()
    session.permanent = True
    session["teacher_id"] = teacher_id
    session["csrf"] = secrets.token_urlsafe(24)
    return str(session["csrf"])


def keep_oidc_sign_in(pending: dict[str, Any]) -> None:
    """Keep an OIDC sign-in's state, nonce and PKCE verifier until the provider returns."""
    session["oidc"] = pending


def take_oidc_sign_in() -> object:
    """The pending OIDC sign-in, removed: each one is finished at most once."""
    return session.pop("oidc", None)


def end_session() -> None:
    """Sign this browser out."""
    session.clear()


def session_teacher_id() -> str | None:
    """The signed-in teacher's id, or None."""
    teacher_id = session.get("teacher_id")
    return str(teacher_id) if teacher_id else None


def csrf_token() -> str | None:
    """The session's CSRF token (None when signed out)."""
    token = session.get("csrf")
    return str(token) if token else None


def require_csrf() -> None:
    """401 unless the request carries the session's CSRF token."""
    expected = csrf_token()
    supplied = request.headers.get(CSRF_HEADER, "")
    if expected is None or not hmac.compare_digest(expected.encode(), supplied.encode()):
        raise Unauthorized(
            "Sessão sem o token de proteção (X-CSRF-Token): recarregue a página e tente de novo.",
            "unauthorized:csrf",
        )
