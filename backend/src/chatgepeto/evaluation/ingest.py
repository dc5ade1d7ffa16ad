"""Ingest an evaluation set through the product's own pipeline: Library.upload, then the
worker's Indexer, in this process, into a store of its own."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from chatgepeto.embeddings.base import Embedder
from chatgepeto.evaluation.dataset import CorpusDocument
from chatgepeto.services.indexer import Indexer
from chatgepeto.services.library import Library
from chatgepeto.storage.roles import Store
from chatgepeto.worker.loop import run_once

# What `--files DIR` picks up: the formats the product accepts, by extension.
SUPPORTED_SUFFIXES = frozenset(
    {".pdf", ".docx", ".pptx", ".html", ".htm", ".xhtml", ".md", ".markdown", ".txt", ".text"}
)


@dataclass
class IngestReport:
    """What ingesting the corpus cost."""

    seconds: float
    chunks: int
    tokens: int
    document_ids: dict[str, str]  # product document id -> corpus doc_id (or file name)
    paged: bool = False  # real files, whose questions carry gold `pages`


def supported_files(folder: Path) -> list[Path]:
    """Every file of a supported format directly in `folder`, by name."""
    if not folder.is_dir():
        raise ValueError(f"--files must be a folder, got {folder}")
    found = sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
    )
    if not found:
        raise ValueError(f"{folder} holds no PDF, DOCX, PPTX, HTML, Markdown or text file")
    return found


def ingest_corpus(
    store: Store, embedder: Embedder, corpus: list[CorpusDocument], lease_s: float = 300.0
) -> IngestReport:
    """Upload every JSON document as a text file and index it with the worker's own code."""
    library = Library(
        store.courses, store.documents, store.passages, store.jobs, max_upload_bytes=1 << 40
    )
    ids: dict[str, str] = {}
    started = time.monotonic()
    for doc in corpus:
        upload = library.upload(f"{doc.title}.txt", doc.text.encode("utf-8"), None)
        ids[upload.document.id] = doc.doc_id
    return _index_all(store, embedder, ids, started, lease_s, paged=False)


def ingest_files(
    store: Store, embedder: Embedder, paths: list[Path], lease_s: float = 300.0
) -> IngestReport:
    """Upload every file under its own name and index it; ids map back to file names."""
    library = Library(
        store.courses, store.documents, store.passages, store.jobs, max_upload_bytes=1 << 40
    )
    ids: dict[str, str] = {}
    started = time.monotonic()
    for path in paths:
        upload = library.upload(path.name, path.read_bytes(), None)
        ids[upload.document.id] = path.name
    return _index_all(store, embedder, ids, started, lease_s, paged=True)


def _index_all(
    store: Store,
    embedder: Embedder,
    ids: dict[str, str],
    started: float,
    lease_s: float,
    paged: bool,
) -> IngestReport:
    indexer = Indexer(store.documents, store.jobs, embedder, lease_s=lease_s)
    while run_once(store.jobs, indexer, lease_s):
        pass
    seconds = time.monotonic() - started
    documents = store.documents.list_documents()
    failed = [d for d in documents if d.status.value != "ready"]
    if failed:
        raise RuntimeError(
            f"{len(failed)} documents failed: {ids.get(failed[0].id)}: {failed[0].error}"
        )
    tokens = sum(d.tokens for d in documents)
    return IngestReport(seconds, store.passages.count_chunks(), tokens, ids, paged)


def temporary_sqlite_url() -> tuple[str, tempfile.TemporaryDirectory[str]]:
    """A fresh SQLite file that disappears with the returned directory handle."""
    folder = tempfile.TemporaryDirectory(prefix="chatgepeto-eval-")
    return f"sqlite:///{Path(folder.name) / 'eval.db'}", folder
