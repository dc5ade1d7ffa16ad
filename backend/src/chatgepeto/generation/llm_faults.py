"""What went wrong with the language model, in words a student understands, and whether to retry."""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

import openai

from chatgepeto.errors import AppError

RATE_LIMITED = "upstream:llm_rate_limited"
LLM_ERROR = "upstream:llm_error"
TIMEOUT = "upstream:llm_timeout"
STREAM_CUT = "upstream:llm_stream_cut"

# Portuguese first, English after: the messages go straight to students.
_MESSAGES = {
    RATE_LIMITED: (
        "O assistente está recebendo muitas perguntas agora. Tente de novo em alguns instantes. "
        "(The assistant is busy right now; please try again in a moment.)",
        503,
    ),
    LLM_ERROR: (
        "O serviço de IA falhou ao responder. Tente de novo em instantes. "
        "(The AI service failed to answer; please try again shortly.)",
        502,
    ),
    TIMEOUT: (
        "O serviço de IA demorou demais para responder. Tente de novo. "
        "(The AI service took too long to answer; please try again.)",
        504,
    ),
    STREAM_CUT: (
        "A resposta foi interrompida no meio. Tente perguntar de novo. "
        "(The answer was cut off midway; please ask again.)",
        502,
    ),
}
# Retrying these can succeed: overload, a restarting server, a dropped connection.
_RETRYABLE_STATUS = frozenset({408, 409, 425, 429})
_BEARER = re.compile(r"(?i)(bearer\s+)\S+")
_KEY_SHAPED = re.compile(r"\b(?:sk|gsk|xai)[-_][A-Za-z0-9_-]{8,}")


class StreamCut(Exception):
    """The stream ended without the model saying it had finished."""


@dataclass(frozen=True)
class Fault:
    """A failed attempt: the error to show, whether another attempt may help, and when."""

    error: AppError
    retryable: bool
    retry_after_s: float | None = None
    status: int | None = None


def app_error(code: str) -> AppError:
    """The student-facing error for one of this module's codes."""
    message, status = _MESSAGES[code]
    return AppError(message, code, status)


def classify(exc: BaseException, started: bool) -> Fault:
    """Map an SDK exception to a Fault; after the first token nothing is retryable."""
    if isinstance(exc, openai.APITimeoutError):
        return Fault(app_error(TIMEOUT), retryable=not started)
    if isinstance(exc, openai.APIConnectionError | StreamCut):
        # Before any token a dropped connection is a failed call; after, a cut answer.
        return Fault(app_error(STREAM_CUT if started else LLM_ERROR), retryable=not started)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        code = RATE_LIMITED if status == 429 else LLM_ERROR
        retryable = not started and (status in _RETRYABLE_STATUS or status >= 500)
        after = retry_after_seconds(exc.response.headers) if retryable else None
        return Fault(app_error(code), retryable=retryable, retry_after_s=after, status=status)
    return Fault(app_error(STREAM_CUT if started else LLM_ERROR), retryable=False)


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, `retry-after` seconds or date)."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if not value:
            continue
        try:
            return max(float(value) * scale, 0.0)
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError):
            continue
        return max(when - time.time(), 0.0)
    return None


def redact(text: str, secret: str | None) -> str:
    """`text` with the secret and anything bearer-shaped masked, safe for a log line."""
    if secret:
        text = text.replace(secret, "***")
    text = _BEARER.sub(r"\1***", text)
    return _KEY_SHAPED.sub("***", text)[:300]
