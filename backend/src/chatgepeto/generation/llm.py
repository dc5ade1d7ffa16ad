"""A chat model behind any OpenAI-compatible endpoint, with one hard deadline per answer."""

from __future__ import annotations

import logging
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletionMessageParam

from chatgepeto.generation.llm_faults import (
    TIMEOUT,
    Fault,
    StreamCut,
    app_error,
    classify,
    redact,
)

log = logging.getLogger(__name__)

Messages = Sequence[dict[str, str]]
# A retry needs at least this long to be worth starting before the deadline.
_MIN_ATTEMPT_S = 0.25


def _params(messages: Messages) -> list[ChatCompletionMessageParam]:
    # Plain {"role", "content"} dicts are what the SDK's typed params are at runtime.
    return cast("list[ChatCompletionMessageParam]", list(messages))


class _Relay:
    """Carries text from the worker thread to the caller, who never waits past the deadline."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.cancelled = threading.Event()
        self.started = False
        self._items: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def put(self, kind: str, value: Any = None) -> None:
        if kind == "text":
            self.started = True
        self._items.put((kind, value))

    def drain(self) -> Iterator[str]:
        """Yield text until done; raise the worker's error, or a timeout at the deadline."""
        try:
            while True:
                try:
                    kind, value = self._items.get(timeout=max(self.remaining(), 0.0))
                except queue.Empty:
                    log.warning("llm call passed its deadline; answering with a timeout")
                    raise app_error(TIMEOUT) from None
                if kind == "text":
                    yield value
                elif kind == "error":
                    raise value
                else:
                    return
        finally:
            # The caller stopped (done, error or walked away): tell the worker to stop too.
            self.cancelled.set()


class OpenAICompatibleChat:
    """Chat completions from Groq, OpenAI or any compatible server, faults as AppError."""

    def __init__(
        self,
        api_key: str,
        base_url: str,
        model: str,
        timeout_s: float = 60.0,
        max_retries: int = 2,
        *,
        temperature: float = 0.2,
        max_tokens: int | None = None,
        connect_timeout_s: float = 5.0,
        backoff_s: float = 0.5,
    ) -> None:
        if not api_key or not api_key.strip():
            raise ValueError("api_key must be set (LLM_API_KEY or GROQ_API_KEY)")
        if not model.strip():
            raise ValueError("model must be a model name, got an empty string")
        if timeout_s <= 0 or connect_timeout_s <= 0:
            raise ValueError(f"timeouts must be > 0, got {timeout_s} and {connect_timeout_s}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries}")
        self.model = model
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self._connect_s = connect_timeout_s
        self._backoff_s = backoff_s
        self._temperature = temperature
        # Sent through extra_body so an unset limit is left out (not sent as null) on every
        # SDK version, without the sentinel that differs between them.
        self._extra_body = None if max_tokens is None else {"max_tokens": max_tokens}
        # Retries are ours, not the SDK's, so they share the answer's single deadline.
        self._client = openai.OpenAI(
            api_key=api_key,
            base_url=base_url,
            max_retries=0,
            timeout=self._timeout(timeout_s),
        )

    def __repr__(self) -> str:
        # Spelled out so the key, which the SDK client holds, can never show up in a repr.
        return f"OpenAICompatibleChat(model={self.model!r}, base_url='{self._client.base_url}')"

    def stream(self, messages: Messages) -> Iterator[str]:
        """Yield the answer's text deltas; any fault, a cut stream included, raises AppError."""
        yield from self._run(lambda relay: self._stream_once(messages, relay))

    def complete(self, messages: Messages) -> str:
        """The whole answer text in one non-streaming call, under the same deadline."""
        return "".join(self._run(lambda relay: self._complete_once(messages, relay)))

    def close(self) -> None:
        """Release the HTTP connections."""
        self._client.close()

    def _run(self, attempt: Callable[[_Relay], None]) -> Iterator[str]:
        relay = _Relay(time.monotonic() + self.timeout_s)
        worker = threading.Thread(
            target=self._attempts, args=(attempt, relay), name="llm-call", daemon=True
        )
        worker.start()
        yield from relay.drain()

    def _attempts(self, attempt: Callable[[_Relay], None], relay: _Relay) -> None:
        """Worker thread: call, retry what may succeed, and always leave a final item."""
        tries = 0
        while True:
            try:
                attempt(relay)
                relay.put("done")
                return
            except Exception as exc:  # a worker thread must report its failure, not die with it
                if relay.cancelled.is_set():
                    return  # the caller has gone (closed, or timed out and already told)
                fault = classify(exc, relay.started)
                self._log(exc, fault, tries)
                delay = self._delay(fault, tries, relay)
                if delay is None:
                    relay.put("error", fault.error)
                    return
            # Event.wait returns early when the caller gives up, so no retry outlives it.
            if relay.cancelled.wait(delay):
                return
            tries += 1

    def _delay(self, fault: Fault, tries: int, relay: _Relay) -> float | None:
        """Seconds to wait before the next try, or None when no try is worth making."""
        if not fault.retryable or tries >= self.max_retries or relay.cancelled.is_set():
            return None
        if fault.retry_after_s is not None:
            delay = fault.retry_after_s
        else:
            # Exponential backoff with jitter, so many students do not retry in lockstep.
            delay = self._backoff_s * (2**tries) * random.uniform(0.8, 1.2)
        if delay + _MIN_ATTEMPT_S > relay.remaining():
            return None
        return delay

    def _stream_once(self, messages: Messages, relay: _Relay) -> None:
        stream = self._client.chat.completions.create(
            model=self.model,
            messages=_params(messages),
            stream=True,
            timeout=self._timeout(relay.remaining()),
            temperature=self._temperature,
            extra_body=self._extra_body,
        )
        finished = False
        with stream:
            for chunk in stream:
                if relay.cancelled.is_set():
                    return
                for choice in chunk.choices:
                    if choice.delta and choice.delta.content:
                        relay.put("text", choice.delta.content)
                    # Every compliant server ends with a finish_reason; the SDK swallows
                    # `data: [DONE]`, so this is how a clean end is told from a dropped one.
                    finished = finished or choice.finish_reason is not None
        if not finished:
            raise StreamCut()

    def _complete_once(self, messages: Messages, relay: _Relay) -> None:
        response = self._client.chat.completions.create(
            model=self.model,
            messages=_params(messages),
            timeout=self._timeout(relay.remaining()),
            temperature=self._temperature,
            extra_body=self._extra_body,
        )
        if not response.choices:
            raise StreamCut()
        relay.put("text", response.choices[0].message.content or "")

    def _timeout(self, seconds: float) -> openai.Timeout:
        seconds = max(seconds, 0.001)
        return openai.Timeout(seconds, connect=min(self._connect_s, seconds))

    def _log(self, exc: BaseException, fault: Fault, tries: int) -> None:
        # Only the class, status and a redacted excerpt: never the key, never the passages.
        log.warning(
            "llm call failed: %s status=%s code=%s try=%d retryable=%s detail=%s",
            type(exc).__name__,
            fault.status,
            fault.error.code,
            tries + 1,
            fault.retryable,
            redact(str(exc), self._client.api_key),
        )
