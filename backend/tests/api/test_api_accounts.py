"""Teacher accounts through the API (issue 16): the admin's links, setting a password,
signing in and out with a signed session cookie and its CSRF token, refused guesses."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.api.session import CSRF_HEADER, SESSION_COOKIE
from chatgepeto.services.container import Services

TOKEN = "prof-3f9c2a7d1e8b4c6a9f0d2e5b"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
PASSWORD = "fotossintese-2026"


@pytest.fixture
def client(services: Services) -> FlaskClient:
    services.settings = services.settings.model_copy(
        update={"admin_token": TOKEN, "sign_in_account_limit": "3/15 minutes"}
    )
    return create_app(services.settings, services).test_client()


def _invite(client: FlaskClient, email: str = "ana@escola.edu.br") -> dict:
    response = client.post(
        "/api/auth/invitations", json={"email": email, "name": "Ana"}, headers=ADMIN
    )
    assert response.status_code == 201, response.json
    return response.json


def _session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(SESSION_COOKIE)
    assert cookie is not None
    return cookie.value


def test_only_the_admin_invites_and_the_link_sets_the_password_and_signs_in(
    client: FlaskClient,
) -> None:
    anonymous = client.post("/api/auth/invitations", json={"email": "x@escola.edu.br"})
    assert anonymous.status_code == 401
    invitation = _invite(client)
    assert invitation["teacher"]["email"] == "ana@escola.edu.br"
    assert invitation["path"] == f"/entrar/senha?token={invitation['token']}"
    accepted = client.post(
        "/api/auth/accept", json={"token": invitation["token"], "password": PASSWORD}
    )
    assert accepted.status_code == 200 and accepted.json["teacher"]["name"] == "Ana"
    assert accepted.json["csrf_token"]
    again = client.post(
        "/api/auth/accept", json={"token": invitation["token"], "password": PASSWORD}
    )
    assert again.status_code == 404 and again.json["code"] == "not_found:invite"
    assert "Peça um novo" in again.json["error"]


def test_sign_in_sets_an_http_only_session_and_sign_out_needs_its_csrf_token(
    client: FlaskClient, services: Services
) -> None:
    services.accounts.accept(_invite(client)["token"], PASSWORD)
    assert client.get("/api/auth/session").json == {
        "teacher": None,
        "csrf_token": None,
        "oidc_available": False,
        "oidc_label": None,
    }
    signed = client.post(
        "/api/auth/sign-in", json={"email": "ANA@escola.edu.br", "password": PASSWORD}
    )
    assert signed.status_code == 200
    header = signed.headers["Set-Cookie"]
    assert SESSION_COOKIE in header and "HttpOnly" in header and "SameSite=Lax" in header
    assert PASSWORD not in header and "ana@" not in _session_cookie(client)
    csrf = signed.json["csrf_token"]
    now = client.get("/api/auth/session").json
    assert now["teacher"]["email"] == "ana@escola.edu.br" and now["csrf_token"] == csrf
    forged = client.post("/api/auth/sign-out")
    assert forged.status_code == 401 and forged.json["code"] == "unauthorized:csrf"
    assert client.get("/api/auth/session").json["teacher"] is not None  # still signed in
    out = client.post("/api/auth/sign-out", headers={CSRF_HEADER: csrf})
    assert out.status_code == 200 and out.json["teacher"] is None
    assert client.get("/api/auth/session").json["teacher"] is None


def test_a_tampered_session_cookie_signs_nobody_in(client: FlaskClient, services: Services) -> None:
    services.accounts.accept(_invite(client)["token"], PASSWORD)
    client.post("/api/auth/sign-in", json={"email": "ana@escola.edu.br", "password": PASSWORD})
    value = _session_cookie(client)
    client.set_cookie(SESSION_COOKIE, value[:-2] + ("AA" if value[-2:] != "AA" else "BB"))
    assert client.get("/api/auth/session").json["teacher"] is None


def test_wrong_and_unknown_accounts_answer_alike_then_429_with_retry_after(
    client: FlaskClient, services: Services
) -> None:
    services.accounts.accept(_invite(client)["token"], PASSWORD)
    wrong = client.post(
        "/api/auth/sign-in", json={"email": "ana@escola.edu.br", "password": "errada-errada"}
    )
    unknown = client.post(
        "/api/auth/sign-in", json={"email": "nao@existe.br", "password": PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json
        == unknown.json
        == {
            "error": "E-mail ou senha incorretos.",
            "code": "unauthorized:sign_in",
        }
    )
    assert client.get_cookie(SESSION_COOKIE) is None
    for _ in range(2):
        client.post("/api/auth/sign-in", json={"email": "ana@escola.edu.br", "password": "x"})
    locked = client.post(
        "/api/auth/sign-in", json={"email": "ana@escola.edu.br", "password": PASSWORD}
    )
    assert locked.status_code == 429 and locked.json["code"] == "rate_limited"
    assert int(locked.headers["Retry-After"]) > 0


def test_bad_bodies_get_clear_400s(client: FlaskClient) -> None:
    short = client.post(
        "/api/auth/accept", json={"token": _invite(client)["token"], "password": "curta"}
    )
    assert short.status_code == 400 and short.json["code"] == "bad_request:password"
    bad = client.post(
        "/api/auth/invitations", json={"email": "sem-arroba", "name": "X"}, headers=ADMIN
    )
    assert bad.status_code == 400 and bad.json["code"] == "bad_request:email"
    empty = client.post("/api/auth/sign-in", json={"email": "a@b.br"})
    assert empty.status_code == 400 and empty.json["code"] == "bad_request:validation"
    reset = client.post("/api/auth/resets", json={"email": "ninguem@x.br"}, headers=ADMIN)
    assert reset.status_code == 404 and reset.json["code"] == "not_found:teacher"
