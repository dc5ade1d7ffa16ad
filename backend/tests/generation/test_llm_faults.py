"""Retry-After parsing, redaction and fault classification."""

from __future__ import annotations

import email.utils
import importlib
import importlib.util
import time

import openai
import pytest

from chatgepeto.generation.llm_faults import (
    StreamCut,
    classify,
    redact,
    retry_after_seconds,
)

# The SDK's HTTP library: httpx in openai 1.x, its successor httpx2 in later releases.
http = importlib.import_module("httpx2" if importlib.util.find_spec("httpx2") else "httpx")


def status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    request = http.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = http.Response(status, headers=headers or {}, request=request)
    return openai.APIStatusError("boom", response=response, body=None)


def test_retry_after_in_seconds_milliseconds_and_http_date():
    in_two_s = email.utils.formatdate(time.time() + 2, usegmt=True)

    assert retry_after_seconds({"retry-after": "1.5"}) == 1.5
    assert retry_after_seconds({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after_seconds({"retry-after": in_two_s}) == pytest.approx(2, abs=1.1)
    assert retry_after_seconds({"retry-after": "-3"}) == 0.0
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_redact_masks_the_key_and_bearer_tokens():
    line = "auth failed for gsk_abcdefgh12345678 with header Authorization: Bearer abc.def"

    cleaned = redact(line, "gsk_abcdefgh12345678")

    assert "gsk_abcdefgh12345678" not in cleaned and "abc.def" not in cleaned
    assert redact("x" * 1000, None) == "x" * 300


def test_classification_before_and_after_the_first_token():
    limited = classify(status_error(429, {"retry-after": "2"}), started=False)
    assert (limited.error.code, limited.retryable, limited.retry_after_s) == (
        "upstream:llm_rate_limited",
        True,
        2.0,
    )
    assert classify(status_error(503), started=False).retryable
    assert not classify(status_error(400), started=False).retryable
    cut = classify(StreamCut(), started=True)
    assert (cut.error.code, cut.error.status, cut.retryable) == (
        "upstream:llm_stream_cut",
        502,
        False,
    )
    assert classify(ValueError("odd payload"), started=False).error.code == "upstream:llm_error"
