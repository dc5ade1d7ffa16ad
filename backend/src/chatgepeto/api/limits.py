"""Rate limits per client on chat and uploads, and a daily LLM token budget per client.

The key is the anonymous client id. The network address (after the trusted proxies) only
gets a coarse ceiling shared by chat and uploads: a whole school behind one NAT shares it,
so it is set far above what one student needs. Counters live in memory (one set per
process) or, when REDIS_URL is set, in Redis, shared by every process and task.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, jsonify, request
from flask_limiter import Limiter, RateLimitExceeded
from limits import RateLimitItemPerDay
from limits.storage import Storage
from limits.strategies import FixedWindowRateLimiter

from chatgepeto.api.client_id import client_id
from chatgepeto.errors import AppError
from chatgepeto.services.chat import TokenBudget
from chatgepeto.settings import Settings

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

_ADDRESS_SCOPE = "address"
_MESSAGES = {
    "chat": "Muitas perguntas em pouco tempo. Espere {s} s e pergunte de novo.",
    "upload": "Muitos envios em pouco tempo. Espere {s} s e envie de novo.",
    _ADDRESS_SCOPE: "Muitos pedidos vindos desta rede agora. Espere {s} s e tente de novo.",
}


class BudgetExhausted(AppError):
    """The client used its LLM tokens for the day: 429 with Retry-After."""

    status = 429

    def __init__(self, retry_after_s: int) -> None:
        hours = max(1, math.ceil(retry_after_s / 3600))
        super().__init__(
            "Você atingiu o limite diário de respostas geradas. Tente de novo em cerca de "
            f"{hours} h.",
            "budget_exhausted",
        )
        self.retry_after_s = retry_after_s


class DailyTokenBudget:
    """LLM tokens per client per day, counted in the rate-limit storage."""

    def __init__(self, storage: Storage, tokens_per_day: int) -> None:
        if tokens_per_day <= 0:
            raise ValueError(f"tokens_per_day must be > 0, got {tokens_per_day}")
        self._window = FixedWindowRateLimiter(storage)
        self._item = RateLimitItemPerDay(tokens_per_day, namespace="chatgepeto-llm-tokens")

    def require(self, client: str) -> None:
        """Raise BudgetExhausted when `client` has no tokens left today."""
        try:
            if self._window.test(self._item, client):
                return
            reset = self._window.get_window_stats(self._item, client).reset_time
        except Exception:  # storage away: the budget is a brake, not a reason to go down
            log.exception("token budget storage unavailable; not enforcing")
            return
        raise BudgetExhausted(max(1, math.ceil(reset - time.time())))

    def spend(self, client: str, tokens: int) -> None:
        """Count `tokens` against `client`'s day."""
        try:
            self._window.hit(self._item, client, cost=max(1, tokens))
        except Exception:
            log.exception("token budget storage unavailable; tokens not counted")


def rate_limited(kind: str) -> Callable[[F], F]:
    """Mark a view for the `kind` ("chat" or "upload") limits that `install_limits` applies."""

    def mark(view: F) -> F:
        view.rate_limit = kind  # type: ignore[attr-defined]
        return view

    return mark


def token_budget() -> TokenBudget | None:
    """The running app's token budget, or None when there is none."""
    budget: TokenBudget | None = current_app.extensions.get("chatgepeto_budget")
    return budget


def _address() -> str:
    return request.remote_addr or "unknown"


def install_limits(app: Flask, settings: Settings) -> Limiter:
    """Wrap every view marked `rate_limited` and answer breaches as 429 JSON."""
    limiter = Limiter(
        client_id,
        app=app,
        storage_uri=settings.redis_url or "memory://",
        strategy="fixed-window",
        key_prefix="chatgepeto",
        headers_enabled=False,
        swallow_errors=True,  # Redis away: serve without limits (logged) rather than fail
    )
    rules = {"chat": settings.chat_rate_limit, "upload": settings.upload_rate_limit}
    ceiling = limiter.shared_limit(settings.address_rate_limit, _ADDRESS_SCOPE, key_func=_address)
    for endpoint, view in list(app.view_functions.items()):
        kind = getattr(view, "rate_limit", None)
        if kind is not None:
            limited: Any = ceiling(limiter.limit(rules[kind], scope=kind)(view))
            app.view_functions[endpoint] = limited
    if settings.llm_daily_token_budget:
        app.extensions["chatgepeto_budget"] = DailyTokenBudget(
            limiter.storage, settings.llm_daily_token_budget
        )
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

    @app.errorhandler(BudgetExhausted)
    def _budget(exc: BudgetExhausted) -> tuple[Response, int]:
        return _with_retry_after(exc.message, exc.code, exc.retry_after_s)


def _with_retry_after(message: str, code: str, wait_s: int) -> tuple[Response, int]:
    response = jsonify({"error": message, "code": code})
    response.headers["Retry-After"] = str(wait_s)
    return response, 429
