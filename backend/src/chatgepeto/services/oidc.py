"""Teachers' sign-in with an OpenID Connect provider (issue 16): Google Workspace for
Education, Microsoft Entra, any provider with discovery.

The authorization code flow with PKCE (S256), a state and a nonce, built with Authlib; the
ID token is checked with joserfc against the provider's JWKS (signature) and Authlib's
`CodeIDToken` (issuer, audience, expiry, nonce). The provider is reached over plain HTTP(S)
from the standard library: its discovery document and keys are kept for the process, the
keys fetched again when a token names an unknown one (the provider rotated them).

Policy: the provider proves an e-mail, never an account. Only a teacher an admin already
invited or created (a row in teachers) signs in, by that e-mail case-folded, verified by the
provider (`email_verified` true) and of an allowed domain when OIDC_ALLOWED_DOMAINS is set.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any, cast

from authlib.oauth2.rfc6749.parameters import prepare_grant_uri, prepare_token_request
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet, KeySetSerialization
from joserfc.jws import JWSRegistry

from chatgepeto.errors import AppError
from chatgepeto.settings import Settings
from chatgepeto.storage.roles import Teachers
from chatgepeto.storage.types import Teacher

SCOPE = "openid email profile"
HTTP_TIMEOUT_S = 10.0
LEEWAY_S = 120  # clock skew allowed on exp and iat
PENDING_S = 600  # a sign-in started longer ago than this is refused as stale
DEFAULT_NEXT = "/meus-cursos"

# The web app's `?erro=` value for each refusal (the callback is a browser navigation: it
# redirects to the sign-in page instead of answering JSON).
BROWSER_REASON = {
    "unauthorized:oidc_state": "oidc_estado",
    "unauthorized:oidc_token": "oidc_token",
    "unauthorized:oidc_email": "oidc_email",
    "forbidden:oidc_account": "oidc_conta",
    "upstream:oidc": "oidc_provedor",
}
_LABELS = {"accounts.google.com": "Google", "login.microsoftonline.com": "Microsoft"}


@dataclass(frozen=True)
class OidcConfig:
    """The provider and this client's registration with it."""

    issuer: str
    client_id: str
    client_secret: str
    allowed_domains: tuple[str, ...]
    label: str
    redirect_uri: str | None

    @classmethod
    def from_settings(cls, settings: Settings) -> OidcConfig | None:
        """The configured provider; None when OIDC is off."""
        if not (settings.oidc_issuer and settings.oidc_client_id and settings.oidc_client_secret):
            return None
        issuer = settings.oidc_issuer.rstrip("/")
        host = urllib.parse.urlsplit(issuer).hostname or issuer
        return cls(
            issuer,
            settings.oidc_client_id,
            settings.oidc_client_secret.get_secret_value(),
            tuple(settings.oidc_allowed_domains),
            settings.oidc_label or _LABELS.get(host, host),
            settings.oidc_redirect_uri,
        )


@dataclass(frozen=True)
class PendingSignIn:
    """What the browser's session keeps from the start to the callback."""

    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    next_path: str
    started_at: float

    def to_dict(self) -> dict[str, Any]:
        """For the session cookie (signed, so not forged; it is readable, none of it secret
        once the code is spent)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, value: object) -> PendingSignIn | None:
        """The session's pending sign-in; None when absent or malformed."""
        try:
            return cls(**value) if isinstance(value, dict) else None
        except TypeError:
            return None


def same_site_path(value: str | None) -> str:
    """`value` when it is a path of this site (`/x?y`), else the default page after sign-in.

    `//evil.example`, `/\\evil.example` and `https://…` are another site to a browser.
    """
    if (
        not value
        or len(value) > 2000
        or not value.startswith("/")
        or value.startswith(("//", "/\\"))
    ):
        return DEFAULT_NEXT
    if "\\" in value or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return DEFAULT_NEXT
    parts = urllib.parse.urlsplit(value)
    return DEFAULT_NEXT if parts.scheme or parts.netloc else value


class OidcSignIn:
    """Start a sign-in at the provider, and finish it: the teacher the ID token names."""

    def __init__(self, config: OidcConfig | None, teachers: Teachers) -> None:
        self._config = config
        self._teachers = teachers
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySetSerialization | None = None

    @property
    def label(self) -> str | None:
        """The sign-in button's text; None when OIDC is not configured."""
        return self._config.label if self._config else None

    def begin(self, own_redirect_uri: str, next_path: str | None) -> tuple[str, PendingSignIn]:
        """The provider's authorization URL and what the session keeps until the callback.

        `own_redirect_uri` is this server's callback as the request saw it, used unless
        OIDC_REDIRECT_URI names the registered one.
        """
        config = self._require()
        metadata = self._discovery()
        verifier = secrets.token_urlsafe(48)
        pending = PendingSignIn(
            state=secrets.token_urlsafe(24),
            nonce=secrets.token_urlsafe(24),
            code_verifier=verifier,
            redirect_uri=config.redirect_uri or own_redirect_uri,
            next_path=same_site_path(next_path),
            started_at=time.time(),
        )
        url = prepare_grant_uri(
            metadata["authorization_endpoint"],
            config.client_id,
            "code",
            redirect_uri=pending.redirect_uri,
            scope=SCOPE,
            state=pending.state,
            nonce=pending.nonce,
            code_challenge=create_s256_code_challenge(verifier),
            code_challenge_method="S256",
        )
        return str(url), pending

    def finish(
        self,
        pending: PendingSignIn | None,
        state: str | None,
        code: str | None,
        provider_error: str | None = None,
    ) -> tuple[Teacher, str]:
        """The invited teacher the provider vouches for and the page to go to next; refusals
        are the BROWSER_REASON codes."""
        config = self._require()
        fresh = pending is not None and time.time() - pending.started_at < PENDING_S
        if pending is None or not fresh or not state:
            raise AppError("Esta entrada não começou neste navegador.", "unauthorized:oidc_state")
        if not secrets.compare_digest(pending.state.encode(), state.encode()):
            raise AppError("O retorno do provedor não é desta entrada.", "unauthorized:oidc_state")
        if provider_error or not code:
            raise AppError(
                f"O provedor recusou a entrada ({(provider_error or 'sem código')[:80]!r}).",
                "upstream:oidc",
            )
        tokens = self._exchange(config, code, pending)
        claims = self._validated(config, tokens, pending.nonce)
        return self._teacher(config, claims), pending.next_path

    def _require(self) -> OidcConfig:
        if self._config is None:
            raise AppError(
                "O login com Google/Microsoft (OIDC) não foi configurado pelo administrador; "
                "entre com e-mail e senha.",
                "not_found:oidc",
            )
        return self._config

    def _teacher(self, config: OidcConfig, claims: dict[str, Any]) -> Teacher:
        email = str(claims.get("email") or "").strip().lower()
        if claims.get("email_verified") is not True or not email:
            raise AppError(
                "O provedor não confirmou o e-mail desta conta.", "unauthorized:oidc_email"
            )
        domain = email.rpartition("@")[2]
        teacher = self._teachers.teacher_by_email(email)
        if teacher is None or (config.allowed_domains and domain not in config.allowed_domains):
            raise AppError(
                "Esta conta não tem acesso: peça ao administrador um convite para este e-mail.",
                "forbidden:oidc_account",
            )
        return teacher

    def _validated(self, config: OidcConfig, tokens: dict[str, Any], nonce: str) -> dict[str, Any]:
        raw = tokens.get("id_token")
        if not isinstance(raw, str):
            raise AppError("O provedor não devolveu um ID token.", "upstream:oidc")
        metadata = self._discovery()
        algorithms = [
            a
            for a in metadata.get("id_token_signing_alg_values_supported", ["RS256"])
            if a != "none"
        ]
        registry = JWSRegistry(algorithms=algorithms, strict_check_header=False)
        try:
            try:
                token = jwt.decode(raw, KeySet.import_key_set(self._jwks()), registry=registry)
            except InvalidKeyIdError:  # rotated keys: fetch them once more
                fetched = KeySet.import_key_set(self._jwks(refresh=True))
                token = jwt.decode(raw, fetched, registry=registry)
            options = {
                "iss": {"essential": True, "value": metadata["issuer"]},
                "aud": {"essential": True, "value": config.client_id},
                "sub": {"essential": True},
                "exp": {"essential": True},
            }
            params = {"nonce": nonce, "client_id": config.client_id}
            if isinstance(tokens.get("access_token"), str):
                params["access_token"] = tokens["access_token"]
            claims = CodeIDToken(token.claims, token.header, options, params)
            claims.validate(leeway=LEEWAY_S)
        except (JoseError, ValueError) as exc:
            raise AppError(
                f"O ID token do provedor não vale ({exc}).", "unauthorized:oidc_token"
            ) from None
        return dict(claims)

    def _exchange(self, config: OidcConfig, code: str, pending: PendingSignIn) -> dict[str, Any]:
        metadata = self._discovery()
        body = prepare_token_request(
            "authorization_code",
            code=code,
            redirect_uri=pending.redirect_uri,
            code_verifier=pending.code_verifier,
        )
        methods = metadata.get("token_endpoint_auth_methods_supported", ["client_secret_basic"])
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if "client_secret_basic" in methods:
            pair = f"{_form(config.client_id)}:{_form(config.client_secret)}"
            headers["Authorization"] = f"Basic {base64.b64encode(pair.encode()).decode()}"
        else:  # client_secret_post
            body += "&" + urllib.parse.urlencode(
                {"client_id": config.client_id, "client_secret": config.client_secret}
            )
        return _http_json(metadata["token_endpoint"], body.encode(), headers)

    def _discovery(self) -> dict[str, Any]:
        config = self._require()
        with self._lock:
            if self._metadata is None:
                found = _http_json(f"{config.issuer}/.well-known/openid-configuration")
                wanted = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
                if any(not isinstance(found.get(k), str) for k in wanted):
                    raise AppError("A descoberta do provedor está incompleta.", "upstream:oidc")
                if found["issuer"].rstrip("/") != config.issuer:
                    raise AppError("O provedor se diz outro emissor.", "upstream:oidc")
                self._metadata = found
            return self._metadata

    def _jwks(self, refresh: bool = False) -> KeySetSerialization:
        uri = self._discovery()["jwks_uri"]
        with self._lock:
            if self._keys is None or refresh:
                self._keys = cast(KeySetSerialization, _http_json(uri))
            return self._keys


def _form(value: str) -> str:
    # RFC 6749 2.3.1: the id and secret are form-encoded before the Basic pair.
    return urllib.parse.quote_plus(value)


def _http_json(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """GET (or POST `data`) a JSON object from the provider; its failures are upstream:oidc."""
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            found = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise AppError(f"O provedor respondeu {exc.code}.", "upstream:oidc") from None
    except (OSError, ValueError):
        raise AppError("O provedor não respondeu como esperado.", "upstream:oidc") from None
    if not isinstance(found, dict):
        raise AppError("O provedor não respondeu como esperado.", "upstream:oidc")
    return found
