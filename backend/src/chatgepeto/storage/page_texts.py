"""Page texts (what the source viewer shows) and where each chunk sits in its page."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.engine import Connection

from chatgepeto.ingest.types import PageText
from chatgepeto.storage import schema as s

# A document without pages keeps its text as page 0 (PDF and slide pages start at 1).
NO_PAGE = 0


def page_key(page: int | None) -> int:
    """The stored page number of a chunk's page (None: the whole document)."""
    return NO_PAGE if page is None else page


class PageTextsMixin:
    """Mixed into SqlStore: written with the chunks, removed with the document."""

    engine: Engine

    def _write_page_texts(
        self, conn: Connection, document_id: str, pages: Sequence[PageText]
    ) -> None:
        # A re-index replaces every page: a page the new parse lacks must not linger.
        self._delete_page_texts(conn, document_id)
        if pages:
            conn.execute(
                insert(s.page_texts),
                [
                    {
                        "document_id": document_id,
                        "page": page_key(p.page),
                        "text": p.text,
                        "headings": json.dumps([list(h) for h in p.headings]),
                    }
                    for p in pages
                ],
            )

    def _delete_page_texts(self, conn: Connection, document_id: str) -> None:
        conn.execute(delete(s.page_texts).where(s.page_texts.c.document_id == document_id))

    def _copy_page_texts(self, conn: Connection, source_id: str, document_id: str) -> None:
        rows = conn.execute(
            select(s.page_texts).where(s.page_texts.c.document_id == source_id)
        ).mappings()
        copies = [dict(row) | {"document_id": document_id} for row in rows]
        if copies:
            conn.execute(insert(s.page_texts), copies)

    def get_page_text(self, document_id: str, page: int | None) -> PageText | None:
        """The stored text of a page, or None (unknown, or indexed before page texts)."""
        query = select(s.page_texts.c.text, s.page_texts.c.headings).where(
            s.page_texts.c.document_id == document_id, s.page_texts.c.page == page_key(page)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        headings = tuple((int(a), int(b), int(c)) for a, b, c in json.loads(row.headings or "[]"))
        return PageText(page, row.text, headings)

    def chunk_offsets(self, chunk_id: str) -> tuple[int, int] | None:
        """The chunk's [start, end) in its page's text, or None when none was recorded."""
        query = select(s.chunks.c.char_start, s.chunks.c.char_end).where(s.chunks.c.id == chunk_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or row.char_start is None or row.char_end is None:
            return None
        return int(row.char_start), int(row.char_end)

    def page_chunk_texts(self, document_id: str, page: int | None) -> list[str]:
        """The texts of a page's chunks in reading order (to rebuild a page not stored)."""
        where = s.chunks.c.page.is_(None) if page is None else s.chunks.c.page == page
        query = (
            select(s.chunks.c.text)
            .where(s.chunks.c.document_id == document_id, where)
            .order_by(s.chunks.c.position)
        )
        with self.engine.connect() as conn:
            return [row.text for row in conn.execute(query)]
