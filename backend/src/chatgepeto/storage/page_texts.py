"""Page texts (what the source viewer shows): written with the chunks, removed with the
document, inside the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from chatgepeto.ingest.types import PageText
from chatgepeto.storage import schema as s

# A document without pages keeps its text as page 0 (PDF and slide pages start at 1).
NO_PAGE = 0


def page_key(page: int | None) -> int:
    """The stored page number of a chunk's page (None: the whole document)."""
    return NO_PAGE if page is None else page


def write(conn: Connection, document_id: str, pages: Sequence[PageText]) -> None:
    """Replace the document's page texts (a page the new parse lacks must not linger)."""
    remove(conn, document_id)
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


def remove(conn: Connection, document_id: str) -> None:
    """Delete the document's page texts."""
    conn.execute(delete(s.page_texts).where(s.page_texts.c.document_id == document_id))


def copy(conn: Connection, source_id: str, document_id: str) -> None:
    """Give a copied document the page texts of its source."""
    rows = conn.execute(
        select(s.page_texts).where(s.page_texts.c.document_id == source_id)
    ).mappings()
    copies = [dict(row) | {"document_id": document_id} for row in rows]
    if copies:
        conn.execute(insert(s.page_texts), copies)


def read(conn: Connection, document_id: str, page: int | None) -> PageText | None:
    """The stored text of a page, or None (unknown, or indexed before page texts)."""
    query = select(s.page_texts.c.text, s.page_texts.c.headings).where(
        s.page_texts.c.document_id == document_id, s.page_texts.c.page == page_key(page)
    )
    row = conn.execute(query).first()
    if row is None:
        return None
    headings = tuple((int(a), int(b), int(c)) for a, b, c in json.loads(row.headings or "[]"))
    return PageText(page, row.text, headings)
