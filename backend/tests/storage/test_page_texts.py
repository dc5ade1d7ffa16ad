"""Page texts and chunk offsets in storage, on SQLite and on PostgreSQL: written with the
chunks, replaced by a re-index, copied with a document, gone with it; migration 0008 keeps
every existing row."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from chatgepeto.ingest.types import PageText
from chatgepeto.storage import schema
from chatgepeto.storage.factory import build_store
from chatgepeto.storage.migrate import alembic_config
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.types import NewChunk

VECTOR = (np.ones(4, dtype=np.float32) / 2).tobytes()
PAGE_2 = PageText(2, "Título\n\nA água ferve a cem graus.", ((0, 6, 1),))


@pytest.fixture
def store(database_url: str | None, tmp_path: Path) -> Iterator[SqlStore]:
    built = build_store(database_url or f"sqlite:///{tmp_path / 'pages.db'}")
    built.migrate()
    yield built  # type: ignore[misc]
    built.engine.dispose()  # type: ignore[attr-defined]


def _indexed(store: SqlStore, data: bytes, pages: list[PageText], chunks: list[NewChunk]) -> str:
    document = store.documents.add_document(
        "default", "f.pdf", "application/pdf", data, hashlib.sha256(data).hexdigest()
    )
    assert store.jobs.claim_job("w", 60) is not None
    store.jobs.complete_job(document.id, chunks, 2, 1, 0.1, page_texts=pages)
    return document.id


def _chunk(text: str, start: int | None, end: int | None, position: int = 0) -> NewChunk:
    return NewChunk(position, 2, ("Título",), text, text.split(), VECTOR, start, end)


def _count(store: SqlStore) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.page_texts)).scalar_one())


def test_pages_and_offsets_follow_the_document(store: SqlStore) -> None:
    document_id = _indexed(store, b"um", [PAGE_2], [_chunk("A água ferve a cem graus.", 8, 33)])
    chunk_id = f"{document_id}-0"
    assert store.passages.get_page_text(document_id, 2) == PAGE_2
    assert store.passages.get_page_text(document_id, 1) is None
    assert store.passages.chunk_offsets(chunk_id) == (8, 33)
    assert store.passages.page_chunk_texts(document_id, 2) == ["A água ferve a cem graus."]
    assert store.passages.page_chunk_texts(document_id, None) == []

    store.courses.create_collection("c2", "C2")
    copy = store.documents.copy_document(document_id, "c2", "copia.pdf")
    assert store.passages.get_page_text(copy.id, 2) == PAGE_2
    assert store.passages.chunk_offsets(f"{copy.id}-0") == (8, 33)

    # A re-index replaces every page: a page the new parse lacks does not linger.
    store.jobs.requeue_document(document_id)
    assert store.jobs.claim_job("w", 60) is not None
    page_1 = PageText(1, "Outra coisa.")
    store.jobs.complete_job(
        document_id, [_chunk("Outra coisa.", None, None)], 1, 1, 0.1, [], [page_1]
    )
    assert store.passages.get_page_text(document_id, 2) is None
    assert store.passages.get_page_text(document_id, 1) == page_1
    assert store.passages.chunk_offsets(chunk_id) is None

    store.documents.delete_document(document_id)
    assert store.passages.get_page_text(document_id, 1) is None and _count(store) == 1
    store.documents.delete_document(copy.id)
    assert _count(store) == 0


def test_a_document_without_pages_is_stored_as_page_zero(store: SqlStore) -> None:
    whole = PageText(None, "# Só texto\n\nCorpo.", ((0, 10, 1),))
    document_id = _indexed(store, b"md", [whole], [])
    assert store.passages.get_page_text(document_id, None) == whole
    assert store.passages.get_page_text(document_id, 0) == PageText(0, whole.text, whole.headings)


def test_migration_0008_keeps_existing_rows_and_goes_back(store: SqlStore) -> None:
    document_id = _indexed(store, b"dois", [PAGE_2], [_chunk("A água ferve.", 8, 21)])
    config = alembic_config(store.engine)
    command.downgrade(config, "0007")
    for gone in ("SELECT char_start FROM chunks", "SELECT count(*) FROM page_texts"):
        with store.engine.connect() as conn, pytest.raises(DBAPIError):
            conn.execute(text(gone))
    command.upgrade(config, "head")
    chunk = store.passages.get_chunk(f"{document_id}-0")
    assert chunk is not None and chunk.text == "A água ferve."
    assert store.passages.chunk_offsets(chunk.id) is None  # recorded again by a re-index
    assert store.passages.get_page_text(document_id, 2) is None
    document = store.documents.get_document(document_id)
    assert document is not None and document.chunk_count == 1
