"""Teachers' sign-in with an OpenID Connect provider (issue 16), against a real provider on
127.0.0.1 (tests/oidc_provider.py): the browser's navigations go through the Flask test
client and the provider's HTTP server, the backend's discovery, key and token requests go
over HTTP to that server."""

from __future__ import annotations

import http.client
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from oidc_provider import CLIENT_ID, CLIENT_SECRET, OidcProvider, new_key
from pydantic import SecretStr
from werkzeug.test import TestResponse

from chatgepeto.api import create_app
from chatgepeto.services.container import Services

CALLBACK = "http://localhost/api/auth/oidc/callback"


@pytest.fixture
def provider() -> Iterator[OidcProvider]:
    started = OidcProvider().start()
    yield started
    started.stop()


def _client(services: Services, provider: OidcProvider, **overrides: Any) -> FlaskClient:
    services.settings = services.settings.model_copy(
        update={
            "oidc_issuer": provider.issuer,
            "oidc_client_id": CLIENT_ID,
            "oidc_client_secret": SecretStr(CLIENT_SECRET),
            **overrides,
        }
    )
    return create_app(services.settings, services).test_client()


@pytest.fixture
def client(services: Services, provider: OidcProvider) -> FlaskClient:
    services.accounts.invite("Ana@Escola.edu.br", "Ana")
    return _client(services, provider, oidc_label="Google")


def _at_provider(authorize_url: str) -> str:
    """The browser at the provider's authorization page: where it is sent back to."""
    url = urllib.parse.urlsplit(authorize_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    connection.request("GET", f"{url.path}?{url.query}")
    response = connection.getresponse()
    assert response.status == 302
    location = response.getheader("Location")
    connection.close()
    assert location is not None
    return location


def _back_at(client: FlaskClient, location: str, **replace: str) -> TestResponse:
    """The browser following the provider's redirect to our callback (`replace`: query
    values changed on the way)."""
    url = urllib.parse.urlsplit(location)
    assert f"{url.scheme}://{url.netloc}{url.path}" == CALLBACK
    query = dict(urllib.parse.parse_qsl(url.query)) | replace
    return client.get(f"{url.path}?{urllib.parse.urlencode(query)}")


def _sign_in(client: FlaskClient, next_path: str | None = None) -> TestResponse:
    """The whole navigation: start, the provider, the callback; its answer."""
    started = client.get(
        "/api/auth/oidc/start", query_string={"next": next_path} if next_path else None
    )
    assert started.status_code == 302, started.get_data(as_text=True)
    return _back_at(client, _at_provider(started.headers["Location"]))


def _refused_with(response: TestResponse, reason: str, client: FlaskClient) -> None:
    assert response.status_code == 302
    assert response.headers["Location"] == f"/entrar?erro={reason}"
    assert client.get("/api/auth/session").json["teacher"] is None


def test_an_invited_teacher_signs_in_with_the_provider_and_the_session_shows_them(
    client: FlaskClient, provider: OidcProvider
) -> None:
    before = client.get("/api/auth/session").json
    assert before == {
        "teacher": None,
        "csrf_token": None,
        "oidc_available": True,
        "oidc_label": "Google",
    }
    provider.user = {"email": "ANA@escola.edu.br", "email_verified": True}
    started = client.get("/api/auth/oidc/start?next=/cursos/bio?aba=estudo")
    assert started.status_code == 302
    authorize = urllib.parse.urlsplit(started.headers["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == (
        f"{provider.issuer}/authorize"
    )
    query = dict(urllib.parse.parse_qsl(authorize.query))
    assert query["client_id"] == CLIENT_ID and query["redirect_uri"] == CALLBACK
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 20 and len(query["nonce"]) >= 20
    assert query["state"] != query["nonce"]

    done = _back_at(client, _at_provider(started.headers["Location"]))
    assert done.status_code == 302 and done.headers["Location"] == "/cursos/bio?aba=estudo"
    assert "HttpOnly" in done.headers["Set-Cookie"]
    # The code went back to the provider over HTTP with the client's secret and the PKCE
    # verifier, which the provider checked against the challenge (it answers 400 otherwise).
    [exchange] = provider.token_requests
    assert exchange.status == 200 and exchange.form["code_verifier"]
    assert exchange.form["redirect_uri"] == CALLBACK and CLIENT_SECRET not in str(exchange.form)
    now = client.get("/api/auth/session").json
    assert now["teacher"]["email"] == "ana@escola.edu.br" and now["teacher"]["name"] == "Ana"
    assert now["csrf_token"] and now["oidc_available"] is True


def test_an_e_mail_no_admin_invited_is_refused_and_no_account_is_made(
    client: FlaskClient, provider: OidcProvider, services: Services
) -> None:
    provider.user = {"email": "intrusa@escola.edu.br", "email_verified": True}
    _refused_with(_sign_in(client), "oidc_conta", client)
    assert services.store.teachers.teacher_by_email("intrusa@escola.edu.br") is None


def test_only_the_allowed_domains_sign_in(services: Services, provider: OidcProvider) -> None:
    services.accounts.invite("bea@outra.org", "Bea")
    services.accounts.invite("ana@escola.edu.br", "Ana")
    client = _client(services, provider, oidc_allowed_domains=["escola.edu.br"])
    provider.user = {"email": "bea@outra.org", "email_verified": True}
    _refused_with(_sign_in(client), "oidc_conta", client)
    provider.user = {"email": "ana@escola.edu.br", "email_verified": True}
    assert _sign_in(client).headers["Location"] == "/meus-cursos"
    assert client.get("/api/auth/session").json["teacher"]["email"] == "ana@escola.edu.br"


@pytest.mark.parametrize("verified", [False, "true", None])
def test_an_e_mail_the_provider_did_not_verify_is_refused(
    client: FlaskClient, provider: OidcProvider, verified: object
) -> None:
    provider.user = {"email": "ana@escola.edu.br", "email_verified": verified}
    _refused_with(_sign_in(client), "oidc_email", client)


@pytest.mark.parametrize(
    "claims",
    [
        {"nonce": "another-sign-in-s-nonce"},
        {"nonce": None},
        {"aud": "someone-else"},
        {"aud": "someone-else", "azp": CLIENT_ID},
        {"aud": ["someone-else", CLIENT_ID], "azp": "someone-else"},
        {"iss": "https://accounts.google.com"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
    ],
    ids=[
        "wrong-nonce",
        "no-nonce",
        "wrong-audience",
        "audience-not-us",
        "other-azp",
        "wrong-issuer",
        "expired",
    ],
)
def test_an_id_token_with_a_wrong_claim_is_refused(
    client: FlaskClient, provider: OidcProvider, claims: dict[str, Any]
) -> None:
    provider.token_claims = claims
    _refused_with(_sign_in(client), "oidc_token", client)


def test_an_id_token_signed_by_another_key_is_refused(
    client: FlaskClient, provider: OidcProvider
) -> None:
    # The published key id, another key: a forged signature.
    provider.signing_key = new_key(provider.published.kid or "")
    _refused_with(_sign_in(client), "oidc_token", client)
    provider.signing_key = None
    assert _sign_in(client).headers["Location"] == "/meus-cursos"


def test_rotated_provider_keys_are_fetched_again(
    client: FlaskClient, provider: OidcProvider
) -> None:
    assert _sign_in(client).headers["Location"] == "/meus-cursos"
    assert provider.jwks_fetches == 1
    provider.published = new_key("key-2")
    client.post("/api/auth/sign-out", headers={"X-CSRF-Token": _csrf(client)})
    assert _sign_in(client).headers["Location"] == "/meus-cursos"
    assert provider.jwks_fetches == 2


def _csrf(client: FlaskClient) -> str:
    token = client.get("/api/auth/session").json["csrf_token"]
    assert token
    return str(token)


def test_a_return_that_is_not_this_browser_s_sign_in_is_refused(
    client: FlaskClient, provider: OidcProvider, services: Services
) -> None:
    started = client.get("/api/auth/oidc/start")
    location = _at_provider(started.headers["Location"])
    _refused_with(_back_at(client, location, state="someone-elses-state"), "oidc_estado", client)
    # The pending sign-in is spent by any return: the right state afterwards fails too.
    _refused_with(_back_at(client, location), "oidc_estado", client)
    # Another browser (no pending sign-in) with a valid code and state: refused.
    started = client.get("/api/auth/oidc/start")
    location = _at_provider(started.headers["Location"])
    other = create_app(services.settings, services).test_client()
    _refused_with(_back_at(other, location), "oidc_estado", other)
    # A return replayed after a sign-in: refused, the code unspent by the backend.
    assert _back_at(client, location).headers["Location"] == "/meus-cursos"
    replay = _back_at(client, location)
    assert replay.headers["Location"] == "/entrar?erro=oidc_estado"
    assert [r.status for r in provider.token_requests] == [200]


def test_the_provider_s_refusal_goes_back_to_the_sign_in_page(client: FlaskClient) -> None:
    started = client.get("/api/auth/oidc/start")
    state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(started.headers["Location"]).query))
    denied = client.get(f"/api/auth/oidc/callback?error=access_denied&state={state['state']}")
    _refused_with(denied, "oidc_provedor", client)


@pytest.mark.parametrize(
    "next_path",
    [
        "//evil.example/meus-cursos",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "meus-cursos",
        "/x\r\nSet-Cookie: a=b",
    ],
)
def test_next_to_another_site_is_ignored(client: FlaskClient, next_path: str) -> None:
    assert _sign_in(client, next_path).headers["Location"] == "/meus-cursos"


def test_without_configuration_start_answers_404_and_the_session_offers_no_button(
    services: Services,
) -> None:
    client = create_app(services.settings, services).test_client()
    for path in ("/api/auth/oidc/start", "/api/auth/oidc/callback?code=x&state=y"):
        response = client.get(path)
        assert response.status_code == 404 and response.json["code"] == "not_found:oidc"
        assert "administrador" in response.json["error"]
    session = client.get("/api/auth/session").json
    assert session["oidc_available"] is False and session["oidc_label"] is None


def test_an_unreachable_provider_goes_back_to_the_sign_in_page(
    services: Services, provider: OidcProvider
) -> None:
    client = _client(services, provider)
    provider.stop()
    started = client.get("/api/auth/oidc/start")
    assert started.status_code == 302
    assert started.headers["Location"] == "/entrar?erro=oidc_provedor"
    provider.start()  # the fixture stops it again
