"""Turns one queued document into searchable chunks: parse, chunk, analyse, embed, store."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from chatgepeto.embeddings.base import Embedder
from chatgepeto.errors import AppError
from chatgepeto.ingest.chunker import ChunkerConfig, split
from chatgepeto.ingest.page_text import locate, page_texts
from chatgepeto.ingest.parse import IngestLimits
from chatgepeto.ingest.sandbox import SandboxLimits, parse_isolated
from chatgepeto.ingest.types import ChunkDraft
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.storage.roles import Documents, JobQueue
from chatgepeto.storage.types import NewChunk

log = logging.getLogger(__name__)

EMBED_BATCH = 16


class JobTimeout(BaseException):
    """A job past its time limit. A BaseException, so that the parsers' broad
    `except Exception` (one bad page must not cost the others) cannot swallow it."""


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Interrupt the block with JobTimeout after `seconds` (SIGALRM: main thread only)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise JobTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)


def _timeout_message(limit_s: float) -> str:
    shown = f"{limit_s / 60:.0f} min" if limit_s >= 120 else f"{limit_s:.0f} s"
    return (
        f"A indexação deste arquivo passou do limite de {shown} e foi interrompida. Divida-o "
        "em partes menores (um PDF com texto, sem páginas digitalizadas, é bem mais rápido) "
        "e envie de novo."
    )


def passage_text(draft: ChunkDraft) -> str:
    """What the models see of a chunk: its heading path gives context to short passages."""
    if draft.heading_path:
        return " > ".join(draft.heading_path) + "\n" + draft.text
    return draft.text


class Indexer:
    """The ingest pipeline: reads a claimed document's original, indexes it and completes (or
    fails) its job; `index` is the one public verb."""

    def __init__(
        self,
        documents: Documents,
        jobs: JobQueue,
        embedder: Embedder,
        analyzer: Analyzer | None = None,
        chunker: ChunkerConfig | None = None,
        lease_s: float = 300.0,
        limits: IngestLimits | None = None,
        time_limit_s: float | None = None,
        sandbox: SandboxLimits | None = None,
    ) -> None:
        if time_limit_s is not None and time_limit_s <= 0:
            raise ValueError(f"time_limit_s must be > 0, got {time_limit_s}")
        self._documents = documents
        self._jobs = jobs
        self._embedder = embedder
        self._analyzer = analyzer or Analyzer()
        self._chunker = chunker or ChunkerConfig()
        self._lease_s = lease_s
        self._limits = limits
        self._time_limit_s = time_limit_s
        self._sandbox = sandbox or SandboxLimits()

    def index(self, document_id: str, on_progress: Callable[[float], None] | None = None) -> bool:
        """Index one document; True when it ended ready, False when it failed (reason stored)."""
        started = time.monotonic()
        document = self._documents.get_document(document_id)
        data = self._documents.get_original(document_id)
        if document is None or data is None:
            return False
        deadline = None if self._time_limit_s is None else started + self._time_limit_s
        try:
            # Parsing is where an untrusted file can run away: it runs in a child process under
            # memory and time limits, and the whole step is interrupted at the job's limit.
            with _alarm(self._time_limit_s):
                parsed = parse_isolated(data, document.filename, self._limits, self._sandbox)
                pages = page_texts(parsed.blocks)
                drafts = locate(split(parsed.blocks, self._chunker), pages)
            if not drafts:
                raise AppError(
                    "O documento não contém texto que possa ser indexado.", "empty_document", 422
                )
            chunks, tokens = self._embed(document_id, drafts, deadline)
        except JobTimeout:
            log.warning("indexing passed its time limit", extra={"document_id": document_id})
            self._jobs.fail_job(
                document_id, _timeout_message(self._time_limit_s or 0), "ingest:timeout"
            )
            return False
        except AppError as exc:
            self._jobs.fail_job(document_id, exc.message, exc.code)
            return False
        except Exception:  # a parser bug must fail the document, not kill the worker
            log.exception("indexing failed", extra={"document_id": document_id})
            self._jobs.fail_job(
                document_id,
                "Não foi possível ler este arquivo. "
                "Verifique se ele abre normalmente e envie de novo.",
                "ingest:unreadable",
            )
            return False
        self._jobs.complete_job(
            document_id,
            chunks,
            parsed.page_count,
            tokens,
            time.monotonic() - started,
            suspect_pages=parsed.suspect_pages,
            page_texts=pages,
        )
        return True

    def _embed(
        self, document_id: str, drafts: list[ChunkDraft], deadline: float | None
    ) -> tuple[list[NewChunk], int]:
        chunks: list[NewChunk] = []
        tokens = 0
        for start in range(0, len(drafts), EMBED_BATCH):
            # Checked between batches, never mid-write: the store only sees whole steps.
            if deadline is not None and time.monotonic() > deadline:
                raise JobTimeout
            batch = drafts[start : start + EMBED_BATCH]
            texts = [passage_text(d) for d in batch]
            vectors = self._embedder.embed_passages(texts)
            tokens += sum(self._embedder.count_tokens(t) for t in texts)
            for draft, text, vector in zip(batch, texts, vectors, strict=True):
                chunks.append(
                    NewChunk(
                        position=draft.position,
                        page=draft.page,
                        heading_path=draft.heading_path,
                        text=draft.text,
                        terms=self._analyzer.terms(text),
                        embedding=vector.astype("float32").tobytes(),
                        char_start=draft.char_start,
                        char_end=draft.char_end,
                    )
                )
            self._jobs.heartbeat(document_id, len(chunks) / len(drafts), self._lease_s)
        return chunks, tokens
