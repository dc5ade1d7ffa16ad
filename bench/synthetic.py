"""A library of N chunks on SQLite for the latency figures, built through the product's store.

The real part is the FaQuAD dev corpus, indexed by the worker's Indexer into its own
collection `faquad` (a course). The rest are synthetic chunks whose vectors are perturbed
copies of real chunk vectors (the product's and the peer's chunks of the same corpus: nothing
new is embedded), and whose text is the copied chunk's own sentences, reshuffled, plus a
sentence or two from another chunk, so the lexical and dense sides still agree. They are
written with `complete_job`, 100 to a document, spread over ten other collections.
Databases are cached under .bench-cache/latency/ and rebuilt only when this file's VERSION
changes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select

from chatgepeto.embeddings.base import Embedder
from chatgepeto.evaluation.dataset import load_corpus
from chatgepeto.evaluation.retrieval_eval import ingest_corpus
from chatgepeto.ingest.sentences import split_sentences
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.services.indexer import Indexer
from chatgepeto.services.library import Library
from chatgepeto.storage import schema
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.storage.types import NewChunk
from chatgepeto.worker.loop import run_once

from bench.layout import cache_dir, eval_split
from bench.quality import ingest_peer, new_store

VERSION = 2
SEED = 7
# Gaussian noise per coordinate: |noise| is about 0.39, so a copy keeps a cosine of about
# 0.93 with its original, closer than any two different real chunks usually are.
NOISE = 0.02
PER_DOCUMENT = 100
COURSE = "faquad"
SYNTHETIC_COLLECTIONS = 10


def real_chunks(embedder: Embedder) -> tuple[list[str], np.ndarray]:
    """Texts and vectors of the product's and the peer's chunks of the dev corpus."""
    corpus = load_corpus(eval_split("dev")[0])
    texts: list[str] = []
    vectors: list[np.ndarray] = []
    with tempfile.TemporaryDirectory(prefix="bench-seeds-") as folder:
        product, peer = new_store(Path(folder), "product"), new_store(Path(folder), "peer")
        ingest_corpus(product, embedder, corpus)
        ingest_peer(peer, embedder, corpus)
        for store in (product, peer):
            query = select(schema.chunks.c.text, schema.chunks.c.embedding)
            with store.engine.connect() as conn:  # type: ignore[attr-defined]
                for row in conn.execute(query.order_by(schema.chunks.c.rowid)):
                    texts.append(row.text)
                    vectors.append(np.frombuffer(row.embedding, dtype=np.float32))
    return texts, np.vstack(vectors)


def synthetic_chunk(
    rng: np.random.Generator, seeds: list[list[str]], vectors: np.ndarray
) -> tuple[str, np.ndarray]:
    """One chunk: a seed's sentences reshuffled plus one or two foreign ones; a noisy vector."""
    source = int(rng.integers(len(seeds)))
    own = list(seeds[source])
    rng.shuffle(own)
    keep = own[: max(1, int(len(own) * rng.uniform(0.6, 1.0)))]
    for _ in range(int(rng.integers(1, 3))):
        other = seeds[int(rng.integers(len(seeds)))]
        keep.insert(int(rng.integers(len(keep) + 1)), other[int(rng.integers(len(other)))])
    vector = vectors[source] + NOISE * rng.standard_normal(vectors.shape[1], dtype=np.float32)
    unit: np.ndarray = vector / float(np.linalg.norm(vector))
    return " ".join(keep), unit


def _fill(store: SqliteStore, count: int, texts: list[str], vectors: np.ndarray) -> None:
    """Add `count` synthetic chunks, PER_DOCUMENT per document, through complete_job."""
    rng = np.random.default_rng(SEED)
    seeds = [split_sentences(t) or [t] for t in texts]
    analyzer = Analyzer()
    for number in range(SYNTHETIC_COLLECTIONS):
        store.courses.create_collection(f"sintetico-{number}", f"Sintético {number}")
    for number, start in enumerate(range(0, count, PER_DOCUMENT)):
        chunks = []
        for position in range(min(PER_DOCUMENT, count - start)):
            text, vector = synthetic_chunk(rng, seeds, vectors)
            chunks.append(
                NewChunk(
                    position,
                    None,
                    (),
                    text,
                    analyzer.terms(text),
                    vector.astype(np.float32).tobytes(),
                )
            )
        collection = f"sintetico-{number % SYNTHETIC_COLLECTIONS}"
        data = f"synthetic document {number}".encode()
        document = store.documents.add_document(
            collection, f"sintetico-{number}.txt", "text/plain", data, f"{number:064d}"
        )
        claimed = store.jobs.claim_job("bench", 300.0)
        assert claimed is not None and claimed.document_id == document.id
        store.jobs.complete_job(document.id, chunks, None, 0, 0.0)


def library(size: int, embedder: Embedder, seeds: Any, log: Any) -> Path:
    """The cached SQLite file of a `size`-chunk library, built on first use."""
    path = cache_dir("latency") / f"library-{size}-v{VERSION}.db"
    if path.exists():
        return path
    temporary = path.with_suffix(".building.db")
    for leftover in path.parent.glob(temporary.name + "*"):
        leftover.unlink()
    store = SqliteStore(f"sqlite:///{temporary}")
    store.migrate()
    store.courses.create_collection(COURSE, "FaQuAD")
    corpus = load_corpus(eval_split("dev")[0])
    real = ingest_course(store, embedder, corpus)
    log(f"latency: building {size:,} chunks ({real} real)")
    texts, vectors = seeds()
    _fill(store, size - real, texts, vectors)
    store.engine.dispose()
    temporary.replace(path)
    return path


def ingest_course(store: SqliteStore, embedder: Embedder, corpus: list[Any]) -> int:
    """Index the corpus into the course collection with the worker's Indexer; its chunks."""
    library = Library(
        store.courses, store.documents, store.passages, store.jobs, max_upload_bytes=1 << 40
    )
    for doc in corpus:
        library.upload(f"{doc.title}.txt", doc.text.encode("utf-8"), COURSE)
    indexer = Indexer(store.documents, store.jobs, embedder)
    while run_once(store.jobs, indexer, 300.0):
        pass
    return store.passages.count_chunks()
