"""Quality: the product's hybrid against BM25 alone, dense alone and the peer default.

Every method ranks the same questions over the same corpus in the same run, scored with the
product's own metric functions (`chatgepeto.evaluation`). The product's chunks come from the
worker's Indexer; the peer's from `bench.peer` through the same embedder and store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from chatgepeto.embeddings.base import Embedder
from chatgepeto.embeddings.factory import build_embedder
from chatgepeto.evaluation.answer_eval import evaluate_answers
from chatgepeto.evaluation.dataset import EvalQuery, contains_answer, load_corpus, load_queries
from chatgepeto.evaluation.metrics import first_hit, mrr_at, recall_at
from chatgepeto.evaluation.retrieval_eval import ingest_corpus
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.services.chat import PASSAGES
from chatgepeto.services.library import Library
from chatgepeto.settings import Settings
from chatgepeto.storage.roles import Store
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.worker.loop import run_once

from bench.embedding_cache import CachingEmbedder
from bench.layout import cache_dir, eval_split
from bench.peer import PEER_PROMPT_K, PeerIndexer

SPLITS = ("dev", "dev-open")
RANK_DEPTH = 10
RECALL_AT = (1, 4, 5, 10)
CONTEXT_AT = (4, 5)
# name -> (index, mode): the first three share the product's chunks.
METHODS = {
    "hybrid": ("product", RetrieverMode.HYBRID),
    "bm25": ("product", RetrieverMode.BM25),
    "dense": ("product", RetrieverMode.DENSE),
    "peer": ("peer", RetrieverMode.DENSE),
}
LABELS = {
    "hybrid": "ChatGepeto hybrid",
    "bm25": "BM25 alone",
    "dense": "dense alone",
    "peer": "peer default (1,000/200 chars, dense)",
}


def new_store(folder: Path, name: str) -> Store:
    """A migrated SQLite store in `folder`."""
    store = SqliteStore(f"sqlite:///{folder / name}.db")
    store.migrate()
    return store


def ingest_peer(store: Store, embedder: Embedder, corpus: list[Any]) -> None:
    """Upload every document and index it with the peer's splitter."""
    library = Library(
        store.courses, store.documents, store.passages, store.jobs, max_upload_bytes=1 << 40
    )
    for doc in corpus:
        library.upload(f"{doc.title}.txt", doc.text.encode("utf-8"), None)
    indexer = PeerIndexer(store, embedder)
    # run_once is annotated with the product's Indexer but only calls `index`.
    while run_once(store.jobs, indexer, 300.0):  # type: ignore[arg-type]
        pass


def score(rankings: list[list[str]], queries: list[EvalQuery]) -> dict[str, float]:
    """Answer recall and MRR over the answerable questions, context size over all."""
    ranks = [
        first_hit([contains_answer(text, q.answers) for text in texts])
        for texts, q in zip(rankings, queries, strict=True)
        if q.answers
    ]
    metrics = {f"answer_recall@{k}": round(recall_at(ranks, k), 4) for k in RECALL_AT}
    metrics["mrr@10"] = round(mrr_at(ranks, RANK_DEPTH), 4)
    for k in CONTEXT_AT:
        sizes = [sum(len(text) for text in texts[:k]) for texts in rankings]
        metrics[f"context_chars@{k}"] = round(sum(sizes) / len(sizes), 1) if sizes else 0.0
    return metrics


def evaluate_split(split: str, embedder: CachingEmbedder, folder: Path) -> dict[str, Any]:
    """Index one split twice (product, peer), rank every question with every method."""
    corpus_path, queries_path = eval_split(split)
    corpus, queries = load_corpus(corpus_path), load_queries(queries_path)
    stores = {
        "product": new_store(folder, f"{split}-product"),
        "peer": new_store(folder, f"{split}-peer"),
    }
    ingest_corpus(stores["product"], embedder, corpus)
    ingest_peer(stores["peer"], embedder, corpus)
    embedder.save()
    retrievers = {name: Retriever(open_index(store), embedder) for name, store in stores.items()}
    methods = {}
    for name, (index, mode) in METHODS.items():
        retriever = retrievers[index]
        rankings = [
            [r.text for r in retriever.retrieve(q.question, k=RANK_DEPTH, mode=mode)]
            for q in queries
        ]
        methods[name] = score(rankings, queries)
    embedder.save()
    answers = evaluate_answers(stores["product"], retrievers["product"], None, queries)
    return {
        "queries": len(queries),
        "answerable": sum(1 for q in queries if q.answers),
        "chunks": {name: store.passages.count_chunks() for name, store in stores.items()},
        "methods": methods,
        "answers": {
            key: answers[key]
            for key in ("refusal_rate", "false_refusal_rate", "answer_contains", "citation_hit")
        },
    }


def checks(splits: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's bar: hybrid recall and MRR above every baseline, context no larger."""
    found = []
    for split, result in splits.items():
        methods = result["methods"]
        hybrid = methods["hybrid"]
        for baseline in ("bm25", "dense", "peer"):
            for metric in ("answer_recall@1", "answer_recall@4", "answer_recall@5", "mrr@10"):
                found.append(
                    {
                        "split": split,
                        "what": f"{metric} hybrid >= {baseline}",
                        "ok": hybrid[metric] >= methods[baseline][metric],
                        "values": [hybrid[metric], methods[baseline][metric]],
                    }
                )
        for k in CONTEXT_AT:
            metric = f"context_chars@{k}"
            found.append(
                {
                    "split": split,
                    "what": f"{metric} hybrid <= peer",
                    "ok": hybrid[metric] <= methods["peer"][metric],
                    "values": [hybrid[metric], methods["peer"][metric]],
                }
            )
    return found


def run(log: Any) -> dict[str, Any]:
    """The quality section of the report."""
    embedder = CachingEmbedder(build_embedder(Settings()), cache_dir("embeddings"))
    splits = {}
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as folder:
        for split in SPLITS:
            log(f"quality: {split}")
            splits[split] = evaluate_split(split, embedder, Path(folder))
    return {
        "embedder": embedder.name,
        "rank_depth": RANK_DEPTH,
        "product_prompt_k": PASSAGES,
        "peer_prompt_k": PEER_PROMPT_K,
        "labels": LABELS,
        "splits": splits,
        "checks": checks(splits),
    }
