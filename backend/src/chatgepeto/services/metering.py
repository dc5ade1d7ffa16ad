"""Every LLM call reserves its most tokens before it starts and is charged and logged after.

The log line (`llm_tokens`, `kind`) is what the CloudWatch metric filter `LLMCallTokens`
sums for the `llm-tokens` alarm (infra/terraform/modules/monitoring).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Protocol

log = logging.getLogger("chatgepeto.llm_usage")

# The provider's tokenizer is not available here; ~4 characters a token is its usual ratio.
CHARS_PER_TOKEN = 4


class TokenBudget(Protocol):
    """The LLM tokens this request may still spend today."""

    def reserve(self, tokens: int) -> bool:
        """Take `tokens` now; False (nothing taken) when a budget has no room for them."""
        ...

    def settle(self, reserved: int, used: int) -> None:
        """Replace a reservation by what the call used."""


def tokens(chars: int) -> int:
    """Estimated tokens of `chars` characters."""
    return math.ceil(chars / CHARS_PER_TOKEN)


class Meter:
    """One LLM call: its prompt and most output tokens reserved, then what it used."""

    def __init__(
        self,
        kind: str,
        messages: Sequence[dict[str, str]],
        max_tokens: int,
        budget: TokenBudget | None,
    ) -> None:
        self.kind = kind
        self.prompt_tokens = tokens(sum(len(m["content"]) for m in messages))
        self.max_output_chars = max_tokens * CHARS_PER_TOKEN
        self._reserved = self.prompt_tokens + max_tokens
        self._budget = budget
        self._done = False

    def reserve(self) -> bool:
        """True when the call may go ahead (no budget, or room in every one)."""
        return self._budget is None or self._budget.reserve(self._reserved)

    def finish(self, output_chars: int) -> int:
        """Charge the prompt and `output_chars` (once), log the call, return its tokens."""
        if self._done:
            return 0
        self._done = True
        used = self.prompt_tokens + tokens(min(output_chars, self.max_output_chars))
        if self._budget is not None:
            self._budget.settle(self._reserved, used)
        log.info(
            "llm call",
            extra={
                "llm_tokens": used,
                "kind": self.kind,
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": used - self.prompt_tokens,
            },
        )
        return used
