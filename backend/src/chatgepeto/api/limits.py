"""Rate limits per client on every route but GET /api/health, and daily LLM token budgets.

The key is the anonymous (signed) client id. The network address (after the trusted proxies)
only gets coarse ceilings, one shared by chat and uploads and one by the other routes: a
whole school behind one NAT shares them, so they are set far above what one student needs.
Rate counters live in memory (one set per process) or, when REDIS_URL is set, in Redis,
shared by every process and task. Token budgets live in the database (`services.token_budget`):
new clients spend their address' allowance, everyone the global ceiling.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter, RateLimitExceeded

from chatgepeto.api.client_id import client_id, is_new_client
from chatgepeto.api.errors import error_response
from chatgepeto.services.metering import TokenBudget
from chatgepeto.services.token_budget import TokenBudgets, budgets_of
from chatgepeto.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])

_ADDRESS_SCOPE = "address"
_ADDRESS_API_SCOPE = "address-api"
# The load balancer's probe must never be refused.
_UNLIMITED = frozenset({"health.health", "static"})
_MESSAGES = {
    "chat": "Muitas perguntas em pouco tempo. Espere {s} s e pergunte de novo.",
    "upload": "Muitos envios em pouco tempo. Espere {s} s e envie de novo.",
    "join": "Muitas tentativas de entrar em turmas desta rede. Espere {s} s e tente de novo.",
    "api": "Muitos pedidos em pouco tempo. Espere {s} s e tente de novo.",
    _ADDRESS_SCOPE: "Muitos pedidos vindos desta rede agora. Espere {s} s e tente de novo.",
}


def rate_limited(kind: str) -> Callable[[F], F]:
    """Mark a view for the `kind` ("chat", "upload" or "join": per address, so fresh client
    ids buy no fresh guesses of join codes) limits that `install_limits` applies."""

    def mark(view: F) -> F:
        view.rate_limit = kind  # type: ignore[attr-defined]
        return view

    return mark


def token_budget() -> TokenBudget | None:
    """This request's LLM token budget: its client's, or its address' while the client is new."""
    budgets: TokenBudgets | None = current_app.extensions.get("chatgepeto_budget")
    if budgets is None:
        return None
    return budgets.for_request(client_id(), _address(), is_new_client())


def _address() -> str:
    return request.remote_addr or "unknown"


def install_limits(app: Flask, settings: Settings) -> Limiter:
    """Wrap every view but the health probe in its limits and answer breaches as 429 JSON."""
    limiter = Limiter(
        client_id,
        app=app,
        storage_uri=settings.redis_url or "memory://",
        strategy="fixed-window",
        key_prefix="chatgepeto",
        headers_enabled=False,
        swallow_errors=True,  # Redis away: serve without limits (logged) rather than fail
    )
    rules = {
        "chat": settings.chat_rate_limit,
        "upload": settings.upload_rate_limit,
        "api": settings.api_rate_limit,
    }
    ceilings = {
        "chat": limiter.shared_limit(
            settings.address_rate_limit, _ADDRESS_SCOPE, key_func=_address
        ),
        "api": limiter.shared_limit(
            settings.address_api_rate_limit, _ADDRESS_API_SCOPE, key_func=_address
        ),
    }
    for endpoint, view in list(app.view_functions.items()):
        if endpoint in _UNLIMITED:
            continue
        kind = getattr(view, "rate_limit", "api")
        if kind == "join":
            rule = limiter.limit(settings.join_address_limit, scope=kind, key_func=_address)
            limited: Any = ceilings["api"](rule(view))
            app.view_functions[endpoint] = limited
            continue
        ceiling = ceilings["api" if kind == "api" else "chat"]
        limited = ceiling(limiter.limit(rules[kind], scope=kind)(view))
        app.view_functions[endpoint] = limited
    budgets = budgets_of(settings, app.extensions["chatgepeto"].store.ledger)
    if budgets is not None:
        app.extensions["chatgepeto_budget"] = budgets
    _register_handlers(app, limiter)
    return limiter


def _register_handlers(app: Flask, limiter: Limiter) -> None:
    @app.errorhandler(RateLimitExceeded)
    def _rate_limited(exc: RateLimitExceeded) -> tuple[Response, int]:
        current = limiter.current_limit
        wait = max(1, int(current.reset_at - time.time())) if current else 60
        scope = exc.limit.scope if isinstance(exc.limit.scope, str) else _ADDRESS_SCOPE
        message = _MESSAGES.get(scope, _MESSAGES[_ADDRESS_SCOPE]).format(s=wait)
        return _with_retry_after(message, "rate_limited", wait)


def _with_retry_after(message: str, code: str, wait_s: int) -> tuple[Response, int]:
    return error_response(message, code, headers={"Retry-After": str(wait_s)})
