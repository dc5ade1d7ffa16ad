"""`chatgepeto eval`: ingest a corpus through the product's pipeline, then rank every question."""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chatgepeto.embeddings.base import Embedder
from chatgepeto.evaluation.dataset import CorpusDocument, EvalQuery, contains_answer
from chatgepeto.evaluation.metrics import first_hit, mrr_at, percentile, recall_at
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.services.library import Library
from chatgepeto.storage.base import DocumentStore
from chatgepeto.worker.indexer import Indexer
from chatgepeto.worker.loop import run_once

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What ingesting the corpus cost."""

    seconds: float
    chunks: int
    tokens: int
    document_ids: dict[str, str]  # product document id -> corpus doc_id


def ingest_corpus(
    store: DocumentStore, embedder: Embedder, corpus: list[CorpusDocument], lease_s: float = 300.0
) -> IngestReport:
    """Upload every document and index it with the worker's own code, in this process."""
    library = Library(store, max_upload_bytes=1 << 40)
    indexer = Indexer(store, embedder, lease_s=lease_s)
    ids: dict[str, str] = {}
    started = time.monotonic()
    for doc in corpus:
        upload = library.upload(f"{doc.title}.txt", doc.text.encode("utf-8"), None)
        ids[upload.document.id] = doc.doc_id
    while run_once(store, indexer, lease_s):
        pass
    seconds = time.monotonic() - started
    documents = store.list_documents()
    failed = [d for d in documents if d.status.value != "ready"]
    if failed:
        raise RuntimeError(f"{len(failed)} corpus documents failed: {failed[0].error}")
    return IngestReport(seconds, store.count_chunks(), sum(d.tokens for d in documents), ids)


def evaluate_retriever(
    retriever: Retriever,
    mode: RetrieverMode,
    queries: list[EvalQuery],
    report: IngestReport,
    k: int = 10,
) -> dict[str, Any]:
    """The metrics of one retriever over the answerable questions."""
    ranks: list[int | None] = []
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
        "context_chars@5_mean": round(sum(context) / answerable, 1) if answerable else 0.0,
        "ingest_seconds": round(report.seconds, 2),
        "ingest_tokens_per_s": round(report.tokens / report.seconds, 1) if report.seconds else 0.0,
        "query_ms_p50": round(percentile(latencies, 50), 2),
        "query_ms_p95": round(percentile(latencies, 95), 2),
    }


def temporary_sqlite_url() -> tuple[str, tempfile.TemporaryDirectory[str]]:
    """A fresh SQLite file that disappears with the returned directory handle."""
    folder = tempfile.TemporaryDirectory(prefix="chatgepeto-eval-")
    return f"sqlite:///{Path(folder.name) / 'eval.db'}", folder
