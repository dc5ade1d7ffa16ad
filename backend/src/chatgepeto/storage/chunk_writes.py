"""How a database writes a document's chunks: the rows and whatever it indexes beside them.

Every write runs inside the caller's transaction, so on PostgreSQL the chunks and the BM25
statistics commit together, and on SQLite the FTS5 tables and the vector log follow the rows.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import update
from sqlalchemy.engine import Connection

from chatgepeto.storage import schema as s


class ChunkWriter(Protocol):
    """Inserts and deletes chunks (dicts of `NewChunk`'s fields) in an open transaction."""

    def insert(
        self, conn: Connection, document_id: str, collection_id: str, chunks: list[dict[str, Any]]
    ) -> None:
        """Write the document's chunks and index them."""

    def delete(self, conn: Connection, document_id: str) -> None:
        """Remove the document's chunks and take them out of every index."""


def bump_generation(conn: Connection) -> None:
    """Count a change of the searchable library (a document added, replaced or removed)."""
    conn.execute(update(s.index_state).values(generation=s.index_state.c.generation + 1))


def chunk_id(document_id: str, position: int) -> str:
    """A chunk's stable id: its document and its position there."""
    return f"{document_id}-{position}"
