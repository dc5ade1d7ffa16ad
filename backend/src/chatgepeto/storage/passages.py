"""The indexed passages and the page texts they were cut from, read over SQLAlchemy Core."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Row

from chatgepeto.ingest.types import PageText
from chatgepeto.storage import page_texts
from chatgepeto.storage import schema as s
from chatgepeto.storage.types import ChunkRecord

_CHUNK_COLUMNS = (
    s.chunks.c.rowid,
    s.chunks.c.id,
    s.chunks.c.document_id,
    s.chunks.c.collection_id,
    s.documents.c.title,
    s.chunks.c.position,
    s.chunks.c.page,
    s.chunks.c.heading_path,
    s.chunks.c.text,
)


def _chunk(row: Row[Any]) -> ChunkRecord:
    m = row._mapping
    return ChunkRecord(
        id=m["id"],
        document_id=m["document_id"],
        collection_id=m["collection_id"],
        title=m["title"],
        position=m["position"],
        page=m["page"],
        heading_path=tuple(json.loads(m["heading_path"] or "[]")),
        text=m["text"],
    )


class SqlPassages:
    """Passages with their document's title, page texts and passage offsets."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _query(self) -> Any:
        return select(*_CHUNK_COLUMNS).join(s.documents, s.documents.c.id == s.chunks.c.document_id)

    def get_chunk(self, chunk_id: str) -> ChunkRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._query().where(s.chunks.c.id == chunk_id)).first()
        return _chunk(row) if row else None

    def chunks_by_rowid(self, rowids: list[int]) -> dict[int, ChunkRecord]:
        if not rowids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(self._query().where(s.chunks.c.rowid.in_(rowids))).all()
        return {r.rowid: _chunk(r) for r in rows}

    def count_chunks(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(s.chunks)).scalar_one())

    def get_page_text(self, document_id: str, page: int | None) -> PageText | None:
        with self.engine.connect() as conn:
            return page_texts.read(conn, document_id, page)

    def chunk_offsets(self, chunk_id: str) -> tuple[int, int] | None:
        query = select(s.chunks.c.char_start, s.chunks.c.char_end).where(s.chunks.c.id == chunk_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or row.char_start is None or row.char_end is None:
            return None
        return int(row.char_start), int(row.char_end)

    def page_chunk_texts(self, document_id: str, page: int | None) -> list[str]:
        where = s.chunks.c.page.is_(None) if page is None else s.chunks.c.page == page
        query = (
            select(s.chunks.c.text)
            .where(s.chunks.c.document_id == document_id, where)
            .order_by(s.chunks.c.position)
        )
        with self.engine.connect() as conn:
            return [row.text for row in conn.execute(query)]

    def document_chunks(self, document_id: str) -> list[ChunkRecord]:
        query = (
            self._query().where(s.chunks.c.document_id == document_id).order_by(s.chunks.c.position)
        )
        with self.engine.connect() as conn:
            return [_chunk(r) for r in conn.execute(query)]
