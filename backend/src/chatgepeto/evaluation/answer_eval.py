"""`chatgepeto eval --mode answer`: the full chat pipeline on every question.

Each question gives one record (what the service returned, what it retrieved and how it
scored), and the metrics are a pure summary of the records, so a sweep can recompute them.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from chatgepeto.evaluation.dataset import EvalQuery, contains_answer, normalise
from chatgepeto.evaluation.metrics import percentile
from chatgepeto.generation.types import ChatModel
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.chat import ChatResult, ChatService, PreparedChat
from chatgepeto.storage.roles import Store


def _cited_texts(store: Store, result: ChatResult) -> list[str]:
    texts = []
    for citation in result.citations:
        chunk = store.passages.get_chunk(citation.chunk_id)
        texts.append(chunk.text if chunk else citation.snippet)
    return texts


def _cites_page(
    result: ChatResult, doc_id: str | None, pages: tuple[int, ...], names: Mapping[str, str]
) -> bool:
    """Some citation is of the question's document, on one of `pages` (no page = page 1)."""
    return any(
        names.get(c.document_id) == doc_id and (c.page or 1) in pages for c in result.citations
    )


def _passages(prepared: PreparedChat, names: Mapping[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "chunk_id": p.chunk_id,
            "doc_id": names.get(p.document_id, p.document_id),
            "page": p.page,
            "score": p.score,
            "lexical": p.lexical,
            "dense": p.dense,
        }
        for p in prepared.passages
    ]


def answer_record(
    service: ChatService,
    store: Store,
    query: EvalQuery,
    names: Mapping[str, str],
    evidence_pages: tuple[int, ...] = (),
) -> dict[str, Any]:
    """Answer one question and score it; page fields are None when it has no gold pages."""
    started = time.perf_counter()
    prepared = service.prepare(query.question, "eval", None, None)
    result = service.respond(prepared)
    record: dict[str, Any] = {
        "qid": query.qid,
        "answerable": bool(query.answers),
        "refused": result.mode == "refused",
        "mode": result.mode,
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "contains": None,
        "cited": None,
        "cited_page": None,
        "cited_page_pages": None,
        "result": result.to_dict(),
        "passages": _passages(prepared, names),
    }
    if query.answers:
        answer_text = normalise(result.answer)
        record["contains"] = any(normalise(a) in answer_text for a in query.answers)
        record["cited"] = any(
            contains_answer(t, query.answers) for t in _cited_texts(store, result)
        )
        if query.pages:
            strict = evidence_pages or query.pages
            record["cited_page"] = _cites_page(result, query.doc_id, strict, names)
            record["cited_page_pages"] = _cites_page(result, query.doc_id, query.pages, names)
    return record


def _share(hits: list[bool], total: int) -> float:
    return round(sum(hits) / total, 4) if total else 0.0


def summarise(records: list[dict[str, Any]], mode: str, paged: bool = False) -> dict[str, Any]:
    """The answer metrics of the records; a refused answer counts as a miss.

    `cited_page_hit` (strict: evidence pages) and `cited_page_hit_pages` (lenient: any gold
    page) count the answerable questions with gold pages, and are None when not `paged`.
    """
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    answered = [r for r in answerable if not r["refused"]]
    with_pages = [r for r in answerable if r["cited_page"] is not None]
    citations = sum(len(r["result"]["citations"]) for r in answered)
    latencies = [r["ms"] for r in records]
    metrics = {
        "queries": len(records),
        "answer_contains": _share(
            [r["contains"] and not r["refused"] for r in answerable], len(answerable)
        ),
        "citation_hit": _share(
            [r["cited"] and not r["refused"] for r in answerable], len(answerable)
        ),
        "cited_page_hit": _share([r["cited_page"] for r in with_pages], len(with_pages)),
        "cited_page_hit_pages": _share(
            [r["cited_page_pages"] for r in with_pages], len(with_pages)
        ),
        "page_questions": len(with_pages),
        "refusal_rate": _share([r["refused"] for r in unanswerable], len(unanswerable)),
        "false_refusal_rate": _share([r["refused"] for r in answerable], len(answerable)),
        "citations_per_answer_mean": round(citations / len(answered), 3) if answered else 0.0,
        "answer_ms_p50": round(percentile(latencies, 50), 1),
        "answer_ms_p95": round(percentile(latencies, 95), 1),
        "mode": mode,
    }
    if not paged:
        for key in ("cited_page_hit", "cited_page_hit_pages", "page_questions"):
            metrics[key] = None
    return metrics


def evaluate_answers(
    store: Store, retriever: Retriever, model: ChatModel | None, queries: list[EvalQuery]
) -> dict[str, Any]:
    """Answer every question through ChatService and score the answers (JSON corpora)."""
    service = ChatService(store.courses, store.conversations, retriever, model)
    records = [answer_record(service, store, query, {}) for query in queries]
    return summarise(records, service.mode)
