"""Wires an evaluation run: a fresh store, the configured embedder, each retriever.

`prepare` ingests a set once; `score_retrieval` and `score_answers` score it as many times
as a calibration sweep needs, one ChatService per configuration, without re-ingesting:

    with prepare(settings, EvalSource(queries, corpus=corpus), Variant(lower=True),
                 embedding_cache=folder) as prepared:
        for config in configs:
            service = prepared.chat(config=config)
            metrics = score_answers(service, prepared, records := [])
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatgepeto.embeddings.base import Embedder
from chatgepeto.embeddings.factory import build_embedder
from chatgepeto.evaluation.answer_eval import answer_record, summarise
from chatgepeto.evaluation.dataset import EvalQuery, load_corpus, load_meta, load_queries
from chatgepeto.evaluation.embedding_cache import CachingEmbedder
from chatgepeto.evaluation.ingest import (
    IngestReport,
    ingest_corpus,
    ingest_files,
    supported_files,
    temporary_sqlite_url,
)
from chatgepeto.evaluation.retrieval_eval import evaluate_retriever
from chatgepeto.evaluation.variants import (
    Variant,
    apply_to_corpus,
    apply_to_queries,
    require_known,
)
from chatgepeto.generation.types import ChatModel
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.services.chat import ChatConfig, ChatService
from chatgepeto.settings import Settings
from chatgepeto.storage.factory import build_store
from chatgepeto.storage.roles import Store


@dataclass(frozen=True)
class EvalSource:
    """A question file over either a JSON corpus or a folder of real files."""

    queries: Path
    corpus: Path | None = None
    files: Path | None = None

    def __post_init__(self) -> None:
        if (self.corpus is None) == (self.files is None):
            raise ValueError("give exactly one of --corpus and --files")


@dataclass
class Prepared:
    """An ingested set, ready to be scored; `close` saves the cache and drops the store."""

    store: Store
    retriever: Retriever
    queries: list[EvalQuery]
    meta: dict[str, dict[str, Any]]
    report: IngestReport
    embedder: Embedder
    _resources: ExitStack = field(default_factory=ExitStack, repr=False)

    def chat(self, model: ChatModel | None = None, config: ChatConfig | None = None) -> ChatService:
        """A chat over the ingested set (extractive without `model`)."""
        store = self.store
        return ChatService(store.courses, store.conversations, self.retriever, model, config)

    def evidence_pages(self, query: EvalQuery) -> tuple[int, ...]:
        """The strict citation target: the sidecar's `evidence_pages`, else `pages`."""
        row = self.meta.get(query.qid) or {}
        return tuple(int(p) for p in row.get("evidence_pages") or ()) or query.pages

    def close(self) -> None:
        """Keep what the cache learnt, then remove the scratch store."""
        if isinstance(self.embedder, CachingEmbedder):
            self.embedder.save()
        self._resources.close()

    def __enter__(self) -> Prepared:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def prepare(
    settings: Settings,
    source: EvalSource,
    variant: Variant | None = None,
    embedder: Embedder | None = None,
    embedding_cache: Path | None = None,
) -> Prepared:
    """Load the set, apply the variant, and ingest it into a scratch store (once)."""
    variant = variant or Variant()
    queries = apply_to_queries(load_queries(source.queries), variant)
    model = embedder or build_embedder(settings)
    if embedding_cache is not None:
        model = CachingEmbedder(model, embedding_cache)
    resources = ExitStack()
    try:
        store = _scratch_store(settings, resources)
        report = _ingest(store, model, source, variant)
        if isinstance(model, CachingEmbedder):
            model.save()
    except BaseException:
        resources.close()
        raise
    retriever = Retriever(open_index(store), model)
    return Prepared(store, retriever, queries, load_meta(source.queries), report, model, resources)


def _ingest(store: Store, model: Embedder, source: EvalSource, variant: Variant) -> IngestReport:
    if source.corpus is not None:
        return ingest_corpus(store, model, apply_to_corpus(load_corpus(source.corpus), variant))
    assert source.files is not None
    if variant.lower:
        raise ValueError("--lower needs a JSON corpus (--corpus): files are ingested as they are")
    paths = supported_files(source.files)
    if variant.subset:
        require_known(variant.subset, [p.name for p in paths])
        paths = [p for p in paths if p.name in variant.subset]
    return ingest_files(store, model, paths)


def _scratch_store(settings: Settings, resources: ExitStack) -> Store:
    """A migrated store nobody else uses: SQLite in a temporary folder, or a scratch
    PostgreSQL database beside the configured one; `resources` removes it."""
    url, folder = temporary_sqlite_url()
    resources.enter_context(folder)
    if settings.database_url and settings.database_url.startswith("postgresql"):
        from chatgepeto.evaluation.scratch import scratch_postgres_url

        url = scratch_postgres_url(settings.database_url)
    store = build_store(url)
    resources.callback(store.close)  # PostgreSQL: return the pool's connections before the drop
    store.migrate()
    return store


def score_retrieval(
    prepared: Prepared, modes: list[RetrieverMode], k: int = 10
) -> dict[str, dict[str, Any]]:
    """Retrieval metrics keyed by retriever name."""
    return {
        m.value: evaluate_retriever(prepared.retriever, m, prepared.queries, prepared.report, k)
        for m in modes
    }


def answer_records(service: ChatService, prepared: Prepared) -> list[dict[str, Any]]:
    """One record per question: qid, answerable, refused, mode, the service's result, the
    retrieved passages' scores, and whether it contains / cites the answer and its page."""
    names = prepared.report.document_ids
    return [
        answer_record(service, prepared.store, q, names, prepared.evidence_pages(q))
        for q in prepared.queries
    ]


def score_answers(
    service: ChatService, prepared: Prepared, records: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Answer metrics of `service` over the prepared set; pass a list to get the records."""
    collected = answer_records(service, prepared)
    if records is not None:
        records.extend(collected)
    return summarise(collected, service.mode, prepared.report.paged)


def run_evaluation(
    settings: Settings,
    source: EvalSource,
    modes: list[RetrieverMode],
    mode: str = "retrieval",
    variant: Variant | None = None,
    embedding_cache: Path | None = None,
    records: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Metrics keyed by retriever name, or `answer` in answer mode; `both` ingests once for
    the two."""
    with prepare(settings, source, variant, embedding_cache=embedding_cache) as prepared:
        report = score_retrieval(prepared, modes) if mode in ("retrieval", "both") else {}
        if mode in ("answer", "both"):
            from chatgepeto.services.container import Services

            model = Services(settings, prepared.store).chat_model
            report["answer"] = score_answers(prepared.chat(model), prepared, records)
        return report
