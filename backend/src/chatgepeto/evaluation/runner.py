"""Wires an evaluation run: a fresh store, the configured embedder, each retriever."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chatgepeto.embeddings.factory import build_embedder
from chatgepeto.evaluation.dataset import load_corpus, load_queries
from chatgepeto.evaluation.retrieval_eval import (
    evaluate_retriever,
    ingest_corpus,
    temporary_sqlite_url,
)
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.settings import Settings
from chatgepeto.storage.factory import build_store


def run_evaluation(
    settings: Settings,
    corpus_path: Path,
    queries_path: Path,
    modes: list[RetrieverMode],
    mode: str = "retrieval",
) -> dict[str, Any]:
    """Metrics keyed by retriever name (or `answer` in answer mode)."""
    corpus, queries = load_corpus(corpus_path), load_queries(queries_path)
    url, folder = temporary_sqlite_url()
    if settings.database_url and settings.database_url.startswith("postgresql"):
        from chatgepeto.evaluation.scratch import scratch_postgres_url

        url = scratch_postgres_url(settings.database_url)
    with folder:
        store = build_store(url)
        store.migrate()
        embedder = build_embedder(settings)
        report = ingest_corpus(store, embedder, corpus)
        retriever = Retriever(store, embedder)
        if mode == "answer":
            from chatgepeto.evaluation.answer_eval import evaluate_answers
            from chatgepeto.services.container import Services

            model = Services(settings, store).chat_model
            return {"answer": evaluate_answers(store, retriever, model, queries)}
        return {m.value: evaluate_retriever(retriever, m, queries, report) for m in modes}
