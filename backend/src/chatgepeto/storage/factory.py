"""Builds the store named by the database URL."""

from __future__ import annotations

from chatgepeto.storage.base import DocumentStore
from chatgepeto.storage.sqlite_store import SqliteStore


def build_store(database_url: str) -> DocumentStore:
    """SQLite for `sqlite:///...`; PostgreSQL for `postgresql+psycopg://...`."""
    if database_url.startswith("sqlite"):
        return SqliteStore(database_url)
    if database_url.startswith("postgresql"):
        from chatgepeto.storage.postgres_store import PostgresStore  # type: ignore[import-not-found]

        return PostgresStore(database_url)  # type: ignore[no-any-return]
    raise ValueError(f"Unsupported DATABASE_URL scheme: {database_url.split(':', 1)[0]!r}")
