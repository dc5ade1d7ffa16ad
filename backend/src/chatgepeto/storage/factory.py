"""Builds the store named by the database URL."""

from __future__ import annotations

from chatgepeto.storage.roles import Store
from chatgepeto.storage.sqlite_store import SqliteStore


def build_store(database_url: str) -> Store:
    """SQLite for `sqlite:///...`; PostgreSQL for `postgresql+psycopg://...`."""
    if database_url.startswith("sqlite"):
        return SqliteStore(database_url)
    if database_url.startswith("postgresql"):
        from chatgepeto.storage.postgres_store import PostgresStore

        return PostgresStore(database_url)
    raise ValueError(f"Unsupported DATABASE_URL scheme: {database_url.split(':', 1)[0]!r}")
