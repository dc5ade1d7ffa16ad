"""Turns one queued document into searchable chunks: parse, chunk, analyse, embed, store."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from chatgepeto.embeddings.base import Embedder
from chatgepeto.errors import AppError
from chatgepeto.ingest.chunker import ChunkerConfig, split
from chatgepeto.ingest.parse import parse_document
from chatgepeto.ingest.types import ChunkDraft
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.storage.base import DocumentStore
from chatgepeto.storage.types import NewChunk

log = logging.getLogger(__name__)

EMBED_BATCH = 16


def passage_text(draft: ChunkDraft) -> str:
    """What the models see of a chunk: its heading path gives context to short passages."""
    if draft.heading_path:
        return " > ".join(draft.heading_path) + "\n" + draft.text
    return draft.text


class Indexer:
    """Indexes documents for one store; `index` is the one public verb."""

    def __init__(
        self, store: DocumentStore, embedder: Embedder, analyzer: Analyzer | None = None,
        chunker: ChunkerConfig | None = None, lease_s: float = 300.0,
    ) -> None:
        self._store = store
        self._embedder = embedder
        self._analyzer = analyzer or Analyzer()
        self._chunker = chunker or ChunkerConfig()
        self._lease_s = lease_s

    def index(self, document_id: str, on_progress: Callable[[float], None] | None = None) -> bool:
        """Index one document; True when it ended ready, False when it failed (reason stored)."""
        started = time.monotonic()
        document = self._store.get_document(document_id)
        data = self._store.get_original(document_id)
        if document is None or data is None:
            return False
        try:
            parsed = parse_document(data, document.filename)
            drafts = split(parsed.blocks, self._chunker)
            if not drafts:
                raise AppError(
                    "O documento não contém texto que possa ser indexado.", "empty_document", 422
                )
            chunks, tokens = self._embed(document_id, drafts)
        except AppError as exc:
            self._store.fail_job(document_id, exc.message, exc.code)
            return False
        except Exception:  # a parser bug must fail the document, not kill the worker
            log.exception("indexing failed", extra={"document_id": document_id})
            self._store.fail_job(
                document_id,
                "Não foi possível ler este arquivo. Verifique se ele abre normalmente e envie de novo.",
                "ingest:unreadable",
            )
            return False
        self._store.complete_job(
            document_id, chunks, parsed.page_count, tokens, time.monotonic() - started
        )
        return True

    def _embed(self, document_id: str, drafts: list[ChunkDraft]) -> tuple[list[NewChunk], int]:
        chunks: list[NewChunk] = []
        tokens = 0
        for start in range(0, len(drafts), EMBED_BATCH):
            batch = drafts[start : start + EMBED_BATCH]
            texts = [passage_text(d) for d in batch]
            vectors = self._embedder.embed_passages(texts)
            tokens += sum(self._embedder.count_tokens(t) for t in texts)
            for draft, text, vector in zip(batch, texts, vectors, strict=True):
                chunks.append(
                    NewChunk(
                        position=draft.position, page=draft.page, heading_path=draft.heading_path,
                        text=draft.text, terms=self._analyzer.terms(text),
                        embedding=vector.astype("float32").tobytes(),
                    )
                )
            self._store.heartbeat(document_id, len(chunks) / len(drafts), self._lease_s)
        return chunks, tokens
