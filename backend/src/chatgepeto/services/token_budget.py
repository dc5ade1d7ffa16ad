"""Daily LLM token budgets in the shared database: per client, per address, for everyone.

A client whose id is less than a day old (or who sends none, so each request is a new id)
spends its network address' allowance, never a budget of its own: rotating ids buys nothing.
Every call also spends the global ceiling. Past any of them the chat answers extractively.
A course's study generation (issue 18) spends like one client, and the global ceiling too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from chatgepeto.settings import Settings

log = logging.getLogger(__name__)

GLOBAL_ACCOUNT = "global"


class TokenLedger(Protocol):
    """Counts tokens per account and day (the store)."""

    def add_tokens(self, day: str, amounts: dict[str, int]) -> dict[str, int]:
        """Add to each account's day at once; the new totals."""
        ...

    def forget_token_usage(self, before_day: str) -> None:
        """Drop the counts of older days."""


@dataclass(frozen=True)
class TokenLimits:
    """Tokens a day; 0 is no limit."""

    per_client: int
    per_address: int
    overall: int


class DailyTokenBudget:
    """One request's accounts (its own or its address', and the global one) for today."""

    def __init__(self, ledger: TokenLedger, limits: dict[str, int], day: str) -> None:
        self._ledger = ledger
        self._limits = {account: limit for account, limit in limits.items() if limit > 0}
        self._day = day

    def reserve(self, tokens: int) -> bool:
        """Take `tokens` from every account, or from none when one has no room."""
        if not self._limits:
            return True
        amounts = dict.fromkeys(self._limits, tokens)
        try:
            totals = self._ledger.add_tokens(self._day, amounts)
            if all(totals[a] <= limit for a, limit in self._limits.items()):
                return True
            self._ledger.add_tokens(self._day, {a: -tokens for a in amounts})
        except Exception:  # a budget that cannot be counted is spent: answer extractively
            log.exception("token budget unavailable; answering without the LLM")
        return False

    def settle(self, reserved: int, used: int) -> None:
        """Give back what a reservation did not use (or take what it used beyond it)."""
        if not self._limits or used == reserved:
            return
        try:
            self._ledger.add_tokens(self._day, dict.fromkeys(self._limits, used - reserved))
        except Exception:
            log.exception("token budget unavailable; %d tokens not settled", used - reserved)


def budgets_of(settings: Settings, ledger: TokenLedger) -> TokenBudgets | None:
    """The budgets the settings configure over `ledger`; None when every limit is 0."""
    limits = TokenLimits(
        settings.llm_daily_token_budget,
        settings.llm_address_daily_token_budget,
        settings.llm_global_daily_token_budget,
    )
    if not (limits.per_client or limits.per_address or limits.overall):
        return None
    return TokenBudgets(ledger, limits)


class TokenBudgets:
    """Builds each request's budget; forgets old days once a day."""

    def __init__(self, ledger: TokenLedger, limits: TokenLimits) -> None:
        self._ledger = ledger
        self._limits = limits
        self._swept: str | None = None

    def for_request(self, client: str, address: str, new_client: bool) -> DailyTokenBudget:
        """The budget of `client`, or of `address` while the client is new."""
        day = self._today()
        if new_client:
            own = {f"address:{address}": self._limits.per_address}
        else:
            own = {f"client:{client}": self._limits.per_client}
        return DailyTokenBudget(self._ledger, own | {GLOBAL_ACCOUNT: self._limits.overall}, day)

    def for_course(self, collection_id: str) -> DailyTokenBudget:
        """The budget of a course's study generation: it spends like one client (the
        per-client allowance, its own account), and the global ceiling with everyone."""
        day = self._today()
        own = {f"course:{collection_id}": self._limits.per_client}
        return DailyTokenBudget(self._ledger, own | {GLOBAL_ACCOUNT: self._limits.overall}, day)

    def _today(self) -> str:
        now = datetime.now(UTC)
        day = now.date().isoformat()
        if self._swept != day:
            self._sweep(day, (now - timedelta(days=1)).date().isoformat())
        return day

    def _sweep(self, day: str, keep_from: str) -> None:
        self._swept = day
        try:
            self._ledger.forget_token_usage(keep_from)
        except Exception:
            log.exception("old token usage not removed")
