"""A course of Markdown files, uploaded and indexed through the product's own pipeline."""

from __future__ import annotations

from pathlib import Path

from chatgepeto.services.indexer import Indexer
from chatgepeto.services.library import Library
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.worker.loop import run_once


def indexed_store(path: Path, files: dict[str, str], embedder: object) -> SqliteStore:
    """A migrated SQLite store at `path` holding `files` (name -> text), all indexed."""
    store = SqliteStore(f"sqlite:///{path}")
    store.migrate()
    library = Library(
        store.courses, store.documents, store.passages, store.jobs, max_upload_bytes=1 << 20
    )
    for name, text in files.items():
        library.upload(name, text.encode(), None)
    indexer = Indexer(store.documents, store.jobs, embedder)  # type: ignore[arg-type]
    while run_once(store.jobs, indexer, 60):
        pass
    return store
