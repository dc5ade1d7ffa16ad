"""`chatgepeto eval`: rank every question with one retriever and score the ranking."""

from __future__ import annotations

import logging
import time
from typing import Any

from chatgepeto.evaluation.dataset import EvalQuery, contains_answer
from chatgepeto.evaluation.ingest import IngestReport, ingest_corpus, temporary_sqlite_url
from chatgepeto.evaluation.metrics import first_hit, mrr_at, percentile, recall_at
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.retrieval.types import RetrievedChunk

# Re-exported: the bench imports them from here.
__all__ = [
    "IngestReport",
    "evaluate_retriever",
    "ingest_corpus",
    "on_gold_page",
    "temporary_sqlite_url",
]

log = logging.getLogger(__name__)


def on_gold_page(chunk: RetrievedChunk, query: EvalQuery, report: IngestReport) -> bool:
    """The chunk comes from the question's document and from one of its gold pages.

    A chunk of a format without pages (Markdown, HTML, text) counts as page 1.
    """
    if report.document_ids.get(chunk.document_id) != query.doc_id:
        return False
    return (chunk.page or 1) in query.pages


def evaluate_retriever(
    retriever: Retriever,
    mode: RetrieverMode,
    queries: list[EvalQuery],
    report: IngestReport,
    k: int = 10,
) -> dict[str, Any]:
    """The metrics of one retriever over the answerable questions.

    Page metrics count the answerable questions that have gold pages; they are None for
    a JSON corpus, which has no pages.
    """
    ranks: list[int | None] = []
    page_ranks: list[int | None] = []
    doc_hits: list[bool] = []
    context: list[int] = []
    latencies: list[float] = []
    for query in queries:
        started = time.perf_counter()
        results = retriever.retrieve(query.question, k=k, mode=mode)
        latencies.append((time.perf_counter() - started) * 1000)
        if not query.answers:
            continue
        ranks.append(first_hit([contains_answer(r.text, query.answers) for r in results]))
        if query.pages:
            page_ranks.append(first_hit([on_gold_page(r, query, report) for r in results]))
        doc_hits.append(
            any(report.document_ids.get(r.document_id) == query.doc_id for r in results[:5])
        )
        context.append(sum(len(r.text) for r in results[:5]))
    answerable = len(ranks)
    return {
        "queries": len(queries),
        "answerable": answerable,
        "chunks": report.chunks,
        "answer_recall@1": round(recall_at(ranks, 1), 4),
        "answer_recall@5": round(recall_at(ranks, 5), 4),
        "answer_recall@10": round(recall_at(ranks, 10), 4),
        "mrr@10": round(mrr_at(ranks, 10), 4),
        "doc_hit@5": round(sum(doc_hits) / answerable, 4) if answerable else 0.0,
        **_page_metrics(page_ranks, report.paged),
        "context_chars@5_mean": round(sum(context) / answerable, 1) if answerable else 0.0,
        "ingest_seconds": round(report.seconds, 2),
        "ingest_tokens_per_s": round(report.tokens / report.seconds, 1) if report.seconds else 0.0,
        "query_ms_p50": round(percentile(latencies, 50), 2),
        "query_ms_p95": round(percentile(latencies, 95), 2),
    }


def _page_metrics(page_ranks: list[int | None], paged: bool) -> dict[str, Any]:
    if not paged:
        return {"page_questions": None, "page_hit@1": None, "page_hit@5": None, "page_mrr@10": None}
    return {
        "page_questions": len(page_ranks),
        "page_hit@1": round(recall_at(page_ranks, 1), 4),
        "page_hit@5": round(recall_at(page_ranks, 5), 4),
        "page_mrr@10": round(mrr_at(page_ranks, 10), 4),
    }
