"""Re-indexing a stored original, on SQLite and PostgreSQL: through the durable job queue,
old passages searchable until the new ones replace them, nothing lost when it fails."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from api.course import BIOLOGY_MD, index_all

from chatgepeto.errors import Conflict, NotFound
from chatgepeto.ingest.parse import parse_document
from chatgepeto.ingest.types import ParsedDocument
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.services import indexer
from chatgepeto.services.container import Services
from chatgepeto.services.indexer import Indexer
from chatgepeto.storage import jobs as stored_jobs
from chatgepeto.storage.types import DocumentStatus


def _new_extraction(
    data: bytes, filename: str, limits: Any = None, _sandbox: Any = None
) -> ParsedDocument:
    """The 'upgraded' parser: another word where the old text had 'estroma', pages flagged."""
    parsed = parse_document(data, filename, limits)
    blocks = [replace(b, text=b.text.replace("estroma", "tilacoide")) for b in parsed.blocks]
    return replace(parsed, blocks=blocks, suspect_pages=[3, 1])


def _texts(services: Services, words: list[str]) -> list[str]:
    terms = [t for w in words for t in Analyzer().terms(w)]
    hits = open_index(services.store).lexical.search(terms, "default", 20)
    return [c.text for c in services.store.passages.chunks_by_rowid([r for r, _ in hits]).values()]


def _ready_document(services: Services) -> str:
    document = services.library.upload("bio.md", BIOLOGY_MD.encode(), None).document
    assert index_all(services) == 1
    assert services.store.documents.get_document(document.id).suspect_pages == ()  # type: ignore[union-attr]
    return document.id


def test_reindex_replaces_chunks_and_suspect_pages(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id = _ready_document(services)
    before = services.store.documents.get_document(document_id)
    queued = services.library.reindex(document_id)
    assert queued.status is DocumentStatus.QUEUED and queued.chunk_count == before.chunk_count
    with pytest.raises(Conflict):
        services.library.reindex(document_id)  # already queued
    assert _texts(services, ["estroma"])  # the old passages answer while it waits
    monkeypatch.setattr(indexer, "parse_isolated", _new_extraction)
    assert index_all(services) == 1
    after = services.store.documents.get_document(document_id)
    assert after.status is DocumentStatus.READY and after.suspect_pages == (1, 3)
    assert after.error is None and after.chunk_count == before.chunk_count
    assert _texts(services, ["estroma"]) == []
    assert any("tilacoide" in t for t in _texts(services, ["tilacoide"]))
    assert services.store.passages.count_chunks() == before.chunk_count  # replaced, not added


def test_a_failed_reindex_keeps_the_previous_passages(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id = _ready_document(services)
    old = _texts(services, ["estroma"])

    def broken(*_args: Any) -> ParsedDocument:
        raise RuntimeError("parser bug")

    services.library.reindex(document_id)
    monkeypatch.setattr(indexer, "parse_isolated", broken)
    assert index_all(services) == 1
    document = services.store.documents.get_document(document_id)
    assert document.status is DocumentStatus.READY and document.error_code == "ingest:unreadable"
    assert document.error.startswith("A reindexação falhou")
    assert _texts(services, ["estroma"]) == old
    services.library.reindex(document_id)  # a later attempt is allowed, and clears the error
    monkeypatch.setattr(indexer, "parse_isolated", _new_extraction)
    assert index_all(services) == 1
    assert services.store.documents.get_document(document_id).error is None


def test_old_passages_stay_until_the_new_ones_are_committed(services: Services) -> None:
    document_id = _ready_document(services)
    services.library.reindex(document_id)
    job = services.store.jobs.claim_job("w", 60)
    assert job is not None and job.document_id == document_id
    assert services.store.documents.get_document(document_id).status is DocumentStatus.PROCESSING
    assert _texts(services, ["estroma"])  # being processed: still searchable
    with pytest.raises(Conflict):
        services.library.reindex(document_id)
    assert Indexer(services.store.documents, services.store.jobs, services.embedder).index(
        document_id
    )
    assert services.store.documents.get_document(document_id).status is DocumentStatus.READY


def test_reindex_many_and_unknown_documents(services: Services) -> None:
    first = _ready_document(services)
    services.store.courses.create_collection("vazia", "Vazia")
    with pytest.raises(NotFound):
        services.library.reindex("nao-existe")
    with pytest.raises(NotFound):
        services.library.reindex_many(collection_id="nao-existe")
    assert services.library.reindex_many(collection_id="vazia") == ([], [])
    queued, skipped = services.library.reindex_many()
    assert [d.id for d in queued] == [first] and skipped == []
    queued, skipped = services.library.reindex_many()
    assert queued == [] and [d.id for d in skipped] == [first]


def test_the_answer_says_queued_even_when_a_worker_claims_it_at_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker polling the queue can claim the job between the commit and the read-back of
    # the document (the e2e study flow saw "processing"); the answer reports the request.
    document_id = _ready_document(services)
    store = services.store
    read_back = stored_jobs.read_document
    claimed: list[str] = []

    def worker_first(conn, doc_id: str):  # type: ignore[no-untyped-def]
        job = store.jobs.claim_job("fast-worker", 60)
        claimed.append(job.document_id if job else "")
        return read_back(conn, doc_id)

    monkeypatch.setattr(stored_jobs, "read_document", worker_first)
    document = services.library.reindex(document_id)
    monkeypatch.undo()

    assert claimed == [document_id]
    assert document.status is DocumentStatus.QUEUED and document.progress == 0.0
    assert store.documents.get_document(document_id).status is DocumentStatus.PROCESSING  # type: ignore[union-attr]
