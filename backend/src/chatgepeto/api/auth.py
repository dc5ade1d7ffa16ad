"""The teacher's credential: writes to the course material and the insights require it."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, request

from chatgepeto.errors import AppError
from chatgepeto.settings import Settings

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
TEACHER_RESPONSES = {
    401: "Missing or wrong teacher token (Authorization: Bearer)",
    403: "No ADMIN_TOKEN configured and the request is not from this machine",
}


class Unauthorized(AppError):
    """No valid teacher token: answered 401 with `WWW-Authenticate: Bearer`."""

    status = 401


def is_admin(settings: Settings) -> bool:
    """The right bearer ADMIN_TOKEN; without one configured, a request from this machine."""
    if settings.admin_token:
        return _token_matches(settings.admin_token, _bearer())
    return is_local_request(settings)


def require_teacher(settings: Settings) -> None:
    """Pass with the right bearer token; without ADMIN_TOKEN, pass only local requests."""
    if settings.admin_token:
        if not _token_matches(settings.admin_token, _bearer()):
            raise Unauthorized(
                "Esta ação é só para professores: envie o token de professor no cabeçalho "
                "'Authorization: Bearer <token>'.",
                "unauthorized",
            )
        return
    if not is_local_request(settings):
        raise AppError(
            "Nenhum ADMIN_TOKEN foi configurado, então envios, alterações e insights só são "
            "aceitos a partir da própria máquina do servidor. Peça ao administrador para definir "
            "ADMIN_TOKEN e use esse token de professor.",
            "forbidden",
            403,
        )


def _bearer() -> str:
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    return credential.strip() if scheme.lower() == "bearer" else ""


def _token_matches(expected: str, supplied: str) -> bool:
    # Constant time over equal-length digests: the timing tells neither how much of a guess
    # was right nor how long the token is.
    return hmac.compare_digest(
        hashlib.sha256(expected.encode()).digest(), hashlib.sha256(supplied.encode()).digest()
    )


def is_local_request(settings: Settings) -> bool:
    """From loopback, through loopback proxies only, and not sent by a page of another site.

    `remote_addr` is already the client after the trusted proxies (ProxyFix); every
    X-Forwarded-For hop must be loopback as well, so a local proxy that forwards remote
    browsers does not make them local. The Origin check stops a web page on the teacher's
    own machine from posting to the local server (CSRF); DNS rebinding shows there as a
    non-local origin too.
    """
    forwarded = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    hops = [request.remote_addr or "", *(hop for hop in forwarded if hop)]
    if not all(_is_loopback(hop) for hop in hops):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return (urlsplit(origin).hostname or "") in _LOOPBACK_NAMES or origin in settings.cors_origins


def _is_loopback(address: str) -> bool:
    try:
        parsed = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    mapped = getattr(parsed, "ipv4_mapped", None)  # ::ffff:127.0.0.1 on dual-stack sockets
    return (mapped or parsed).is_loopback


def access_notice(settings: Settings, host: str) -> str:
    """What `serve` prints at start: who may upload and change material."""
    if settings.admin_token:
        return (
            "Acesso de professor: envios, alterações e insights exigem "
            "'Authorization: Bearer <ADMIN_TOKEN>'."
        )
    notice = (
        "ATENÇÃO: ADMIN_TOKEN não definido: envios, alterações e insights ficam abertos "
        "só para pedidos vindos desta máquina (127.0.0.1/::1); de outros endereços, 403. "
        "Defina ADMIN_TOKEN para liberar professores em outras máquinas."
    )
    if not _is_loopback(host) and host != "localhost":
        notice += (
            f" O servidor escuta em {host}: um proxy local que repasse pedidos de fora "
            "precisa acrescentar o endereço real em X-Forwarded-For."
        )
    return notice


def install_auth(app: Flask, settings: Settings) -> None:
    """Keep the settings where `teacher_only` finds them and answer 401 with its challenge."""
    app.extensions["chatgepeto_settings"] = settings

    @app.errorhandler(Unauthorized)
    def _unauthorized(exc: Unauthorized) -> tuple[Response, int]:
        response = jsonify(exc.to_dict())
        response.headers["WWW-Authenticate"] = 'Bearer realm="chatgepeto"'
        return response, 401
