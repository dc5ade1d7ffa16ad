"""A small OpenID Connect provider on 127.0.0.1 for the sign-in tests: discovery, an
authorization endpoint that grants at once, a token endpoint that checks the client's secret,
the redirect URI and the PKCE verifier, and the keys its RS256 ID tokens are signed with.

The person who "signs in" is `provider.user`; `provider.token_claims` overrides claims of the
next ID tokens (a wrong nonce, audience, ...), `provider.signing_key` signs them (a key the
JWKS does not publish: a forged signature).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from json_handler import JsonHandler

CLIENT_ID = "chatgepeto-test-client"
CLIENT_SECRET = "test-client-secret-8d2f1c"


def new_key(kid: str) -> RSAKey:
    """A fresh RSA key with its key id."""
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class Grant:
    """An authorization code's request, until the token endpoint spends it."""

    redirect_uri: str
    nonce: str
    code_challenge: str
    user: dict[str, Any]


@dataclass
class TokenRequest:
    """One request to the token endpoint as it arrived, and the answer's status."""

    form: dict[str, str]
    authorization: str
    status: int = 0


@dataclass
class OidcProvider:
    """The provider's state; `start()` serves it on a free port."""

    user: dict[str, Any] = field(
        default_factory=lambda: {"email": "ana@escola.edu.br", "email_verified": True}
    )
    token_claims: dict[str, Any] = field(default_factory=dict)
    published: RSAKey = field(default_factory=lambda: new_key("key-1"))
    signing_key: RSAKey | None = None  # None: the published key
    grants: dict[str, Grant] = field(default_factory=dict)
    token_requests: list[TokenRequest] = field(default_factory=list)
    jwks_fetches: int = 0

    def start(self) -> OidcProvider:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.provider = self  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict[str, str]) -> str:
        """The redirect back to the client: a new code and the request's state."""
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256" and "openid" in query["scope"].split()
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            query["redirect_uri"], query["nonce"], query["code_challenge"], dict(self.user)
        )
        back = urllib.parse.urlencode({"code": code, "state": query["state"]})
        return f"{query['redirect_uri']}?{back}"

    def token(self, seen: TokenRequest) -> tuple[int, dict[str, Any]]:
        """The token endpoint: (status, body); 400 or 401 for anything a real one refuses."""
        pair = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if seen.authorization != f"Basic {pair}":
            return 401, {"error": "invalid_client"}
        grant = self.grants.pop(seen.form.get("code", ""), None)
        verifier = seen.form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if (
            grant is None
            or seen.form.get("grant_type") != "authorization_code"
            or seen.form.get("redirect_uri") != grant.redirect_uri
            or challenge.rstrip(b"=").decode() != grant.code_challenge
        ):
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": hashlib.sha256(grant.user["email"].encode()).hexdigest()[:20],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.user,
            **self.token_claims,
        }
        key = self.signing_key or self.published
        header = {"alg": "RS256", "kid": key.kid}
        id_token = jwt.encode(header, {k: v for k, v in claims.items() if v is not None}, key)
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }

    def jwks(self) -> dict[str, Any]:
        self.jwks_fetches += 1
        return dict(KeySet([self.published]).as_dict(private=False))


class _Handler(JsonHandler):
    server: ThreadingHTTPServer

    @property
    def provider(self) -> OidcProvider:
        found: OidcProvider = self.server.provider  # type: ignore[attr-defined]
        return found

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/.well-known/openid-configuration":
            self.send_json(200, self.provider.metadata())
        elif url.path == "/jwks":
            self.send_json(200, self.provider.jwks())
        elif url.path == "/authorize":
            query = dict(urllib.parse.parse_qsl(url.query))
            self.send_response(302)
            self.send_header("Location", self.provider.authorize(query))
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        if urllib.parse.urlsplit(self.path).path != "/token":
            self.send_json(404, {"error": "not_found"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        seen = TokenRequest(form, self.headers.get("Authorization", ""))
        self.provider.token_requests.append(seen)
        seen.status, body = self.provider.token(seen)
        self.send_json(seen.status, body)
