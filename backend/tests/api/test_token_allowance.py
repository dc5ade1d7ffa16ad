"""1,000 questions from one address with made-up or missing client ids, through a real
`chatgepeto serve` (two gunicorn workers) answering with the local chat-completions server:
together they never spend more LLM tokens than the address' allowance."""

from __future__ import annotations

import json
import math
import signal
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import LLM_KEY, LLM_MODEL
from generation.fake_llm_server import FakeLLMServer, reply_stream
from processes import free_port, start, stop, wait_http

from chatgepeto.services.container import Services

from .course import HISTORY_MD, index_all

ALLOWANCE = 3000  # tokens a day for the new clients of one address
REPLY = ["A independência foi proclamada em 1822 ", "[1]."]
REQUESTS = 1000


def _ids(n: int) -> dict[str, str]:
    """No id, a random one (what 9a39b72 accepted), or one that looks signed but is not."""
    kind = n % 3
    if kind == 0:
        return {}
    if kind == 1:
        return {"X-Client-Id": uuid.uuid4().hex}
    return {"X-Client-Id": f"{n:08x}.{uuid.uuid4().hex[:16]}.{uuid.uuid4().hex[:22]}"}


def _ask(url: str, n: int) -> tuple[int, str, str]:
    sse = n % 5 == 0
    headers = _ids(n) | ({"Accept": "text/event-stream"} if sse else {})
    question = {"message": "Quando foi proclamada a independência?"}
    response = httpx.post(f"{url}/api/chat", json=question, headers=headers, timeout=60)
    if response.status_code != 200:
        return response.status_code, "", response.text[:200]
    if not sse:
        body = response.json()
        return 200, body["mode"], body.get("notice", "")
    done = response.text.split("event: done\ndata: ", 1)[1].split("\n", 1)[0]
    body = json.loads(done)
    return 200, body["mode"], body.get("notice", "")


def _spent_at_the_llm(llm_server: FakeLLMServer) -> int:
    """Tokens the LLM server was asked for, estimated as the provider bills them (prompt and
    answer, ~4 characters a token)."""
    answer = math.ceil(len("".join(REPLY)) / 4)
    prompts = (sum(len(m["content"]) for m in r.body["messages"]) for r in llm_server.requests)
    return sum(math.ceil(chars / 4) + answer for chars in prompts)


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_rotating_or_missing_ids_cannot_spend_past_the_address_allowance(
    services: Services, llm_server: FakeLLMServer, tmp_path: Path
) -> None:
    services.library.upload("historia.md", HISTORY_MD.encode(), None)
    assert index_all(services) == 1
    llm_server.script = [reply_stream(REPLY)]
    port, log = free_port(), tmp_path / "serve.log"
    limits: dict[str, Any] = {
        "llm_api_key": LLM_KEY,
        "llm_base_url": llm_server.url,
        "llm_model": LLM_MODEL,
        "llm_max_tokens": 50,
        "llm_address_daily_token_budget": ALLOWANCE,
        "chat_rate_limit": "100000/minute",  # rate limits are not what is measured here
        "address_rate_limit": "100000/minute",
        "chat_streams_per_address": 1000,
    }
    process = start(
        ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        services.settings,
        log,
        **limits,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url, process, log)
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda n: _ask(url, n), range(REQUESTS)))
    finally:
        stop(process, signal.SIGINT)
    assert {status for status, _, _ in answers} == {200}, answers[:3]
    modes = [mode for _, mode, _ in answers]
    assert 2 <= modes.count("llm") == len(llm_server.requests) < 40  # the allowance was used
    assert all("limite" in notice for _, mode, notice in answers if mode == "extractive")
    spent = _spent_at_the_llm(llm_server)
    print(f"llm calls {len(llm_server.requests)}, tokens {spent} of {ALLOWANCE}")
    assert spent <= ALLOWANCE
