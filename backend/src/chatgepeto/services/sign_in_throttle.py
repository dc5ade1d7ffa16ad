"""Failed sign-ins counted per account and per address, in memory or in Redis (the same
storage as the rate limits), so a password cannot be guessed from many addresses at one
account, nor many accounts tried from one address."""

from __future__ import annotations

import time

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from chatgepeto.errors import AppError


class TooManyAttempts(AppError):
    """429 with the seconds until the refusing window ends (`retry_after_s`)."""

    status = 429

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            "Muitas tentativas de entrar sem sucesso. Espere alguns minutos e tente de novo, "
            "ou peça ao administrador um link de nova senha.",
            "rate_limited",
        )
        self.retry_after_s = retry_after_s


class SignInThrottle:
    """`check` before verifying a password, `failed` after a wrong one."""

    def __init__(
        self,
        storage_uri: str = "memory://",
        per_account: str = "10/15 minutes",
        per_address: str = "30/15 minutes",
    ) -> None:
        self._limiter = FixedWindowRateLimiter(storage_from_string(storage_uri))
        self._account: RateLimitItem = parse(per_account)
        self._address: RateLimitItem = parse(per_address)

    def check(self, account: str, address: str) -> None:
        """429 while the account or the address is past its failed attempts."""
        for limit, key in ((self._account, account), (self._address, address)):
            if not self._limiter.test(limit, "sign-in", key):
                reset = self._limiter.get_window_stats(limit, "sign-in", key).reset_time
                raise TooManyAttempts(max(1, int(reset - time.time())))

    def failed(self, account: str, address: str) -> None:
        """Count one wrong password against both."""
        self._limiter.hit(self._account, "sign-in", account)
        self._limiter.hit(self._address, "sign-in", address)
