"""The typical peer default, as a baseline: fixed 1,000-character chunks with 200 overlap.

This is the baseline, not the product: popular RAG tools split raw text into fixed windows,
embed them, retrieve by cosine alone and put the top 4 in the prompt. It is indexed through
the product's own parser, embedder, analyser, store and worker loop (`run_once`); only the
splitter differs (and the peer has no heading paths to prepend).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from chatgepeto.embeddings.base import Embedder
from chatgepeto.errors import AppError
from chatgepeto.ingest.parse import parse_document
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.services.indexer import EMBED_BATCH
from chatgepeto.storage.roles import Store
from chatgepeto.storage.types import NewChunk

PEER_CHUNK_CHARS = 1000
PEER_OVERLAP_CHARS = 200
PEER_PROMPT_K = 4


def fixed_windows(
    text: str, size: int = PEER_CHUNK_CHARS, overlap: int = PEER_OVERLAP_CHARS
) -> Iterator[str]:
    """Windows of at most `size` characters, each starting `overlap` before the last one ended.

    Cuts move back to the nearest space (within half a window) so no word is split: the
    character splitters of popular tools do the same, and it spares the baseline answers
    cut in half.
    """
    if size <= 0 or not 0 <= overlap < size:
        raise ValueError(f"need size > 0 and 0 <= overlap < size, got {size} and {overlap}")
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            space = text.rfind(" ", start + size // 2, end)
            end = space if space > 0 else end
        piece = text[start:end].strip()
        if piece:
            yield piece
        if end >= len(text):
            return
        start = max(end - overlap, start + 1)
        space = text.find(" ", start, end)
        if 0 <= space < start + overlap // 2 and not text[start - 1].isspace():
            start = space + 1


class PeerIndexer:
    """Indexes a document the peer's way: whole text, fixed windows, then the product's
    embedder (in the Indexer's batch size), analyser and store; `index` as the worker expects."""

    def __init__(self, store: Store, embedder: Embedder, lease_s: float = 300.0) -> None:
        self._store = store
        self._embedder = embedder
        self._analyzer = Analyzer()
        self._lease_s = lease_s

    def index(self, document_id: str) -> bool:
        """Index one document; True when it ended ready."""
        started = time.monotonic()
        document = self._store.documents.get_document(document_id)
        data = self._store.documents.get_original(document_id)
        if document is None or data is None:
            return False
        try:
            parsed = parse_document(data, document.filename)
        except AppError as exc:
            self._store.jobs.fail_job(document_id, exc.message, exc.code)
            return False
        text = "\n\n".join(block.text for block in parsed.blocks if block.text.strip())
        chunks, tokens = self._embed(document_id, list(fixed_windows(text)))
        self._store.jobs.complete_job(
            document_id, chunks, parsed.page_count, tokens, time.monotonic() - started
        )
        return True

    def _embed(self, document_id: str, pieces: list[str]) -> tuple[list[NewChunk], int]:
        chunks: list[NewChunk] = []
        tokens = 0
        for start in range(0, len(pieces), EMBED_BATCH):
            batch = pieces[start : start + EMBED_BATCH]
            vectors = self._embedder.embed_passages(batch)
            tokens += sum(self._embedder.count_tokens(t) for t in batch)
            chunks += [
                NewChunk(
                    start + i,
                    None,
                    (),
                    text,
                    self._analyzer.terms(text),
                    vector.astype("float32").tobytes(),
                )
                for i, (text, vector) in enumerate(zip(batch, vectors, strict=True))
            ]
            self._store.jobs.heartbeat(document_id, len(chunks) / len(pieces), self._lease_s)
        return chunks, tokens
