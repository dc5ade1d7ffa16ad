"""`chatgepeto eval --mode answer`: the full chat pipeline on every question."""

from __future__ import annotations

import time
from typing import Any

from chatgepeto.evaluation.dataset import EvalQuery, contains_answer, normalise
from chatgepeto.evaluation.metrics import percentile
from chatgepeto.generation.types import ChatModel
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.chat import ChatService
from chatgepeto.storage.base import DocumentStore


def _cited_texts(store: DocumentStore, result: dict[str, Any]) -> list[str]:
    texts = []
    for citation in result["citations"]:
        chunk = store.get_chunk(citation["chunk_id"])
        texts.append(chunk.text if chunk else citation["snippet"])
    return texts


def evaluate_answers(
    store: DocumentStore, retriever: Retriever, model: ChatModel | None, queries: list[EvalQuery]
) -> dict[str, Any]:
    """Answer every question through ChatService and score the answers."""
    service = ChatService(store, retriever, model)
    answerable = unanswerable = contains = cited = refused_ok = refused_bad = 0
    citations = answered = 0
    latencies: list[float] = []
    for query in queries:
        started = time.perf_counter()
        prepared = service.prepare(query.question, "eval", None, None)
        result = service.respond(prepared)
        latencies.append((time.perf_counter() - started) * 1000)
        refused = result["mode"] == "refused"
        if not query.answers:
            unanswerable += 1
            refused_ok += refused
            continue
        answerable += 1
        refused_bad += refused
        if refused:
            continue
        answered += 1
        citations += len(result["citations"])
        answer_text = normalise(result["answer"])
        contains += any(normalise(a) in answer_text for a in query.answers)
        cited += any(contains_answer(t, query.answers) for t in _cited_texts(store, result))
    return {
        "queries": len(queries),
        "answer_contains": round(contains / answerable, 4) if answerable else 0.0,
        "citation_hit": round(cited / answerable, 4) if answerable else 0.0,
        "refusal_rate": round(refused_ok / unanswerable, 4) if unanswerable else 0.0,
        "false_refusal_rate": round(refused_bad / answerable, 4) if answerable else 0.0,
        "citations_per_answer_mean": round(citations / answered, 3) if answered else 0.0,
        "answer_ms_p50": round(percentile(latencies, 50), 1),
        "answer_ms_p95": round(percentile(latencies, 95), 1),
        "mode": service.mode,
    }
