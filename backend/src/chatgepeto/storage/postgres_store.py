"""PostgreSQL: shared by many processes; BM25 statistics kept beside the chunks, SKIP LOCKED
job claims, migrations under an advisory lock."""

from __future__ import annotations

import weakref
import zlib

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from chatgepeto.storage.jobs import SqlJobQueue
from chatgepeto.storage.passages import SqlPassages
from chatgepeto.storage.postgres_writes import PostgresChunkWriter
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.study_jobs import SqlStudyJobs

# Sized for `serve`: gunicorn's gthread workers run 32 threads each, and a thread holds a
# connection only for one short statement batch, so 5 stay open and bursts borrow up to 32.
POOL_SIZE = 5
MAX_OVERFLOW = 27
# An application-chosen advisory lock key (any bigint).
_MIGRATE_LOCK = zlib.crc32(b"chatgepeto:migrate")


def postgres_engine(
    url: str,
    pool_size: int = POOL_SIZE,
    max_overflow: int = MAX_OVERFLOW,
    pool_timeout_s: float = 10.0,
    connect_timeout_s: int = 5,
) -> Engine:
    """A pooled engine that tests each connection before use, so a restarted server is
    picked up again, and that fails fast (not after minutes) while the server is away."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):  # a bare URL means psycopg 3 here
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(
        parsed,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout_s,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args={"connect_timeout": connect_timeout_s, "application_name": "chatgepeto"},
    )


class PostgresPassages(SqlPassages):
    """The library's chunk count from the statistics row instead of a count(*) scan."""

    def count_chunks(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(text("SELECT chunks FROM lexical_totals WHERE id = 1")).scalar_one()
            )


class PostgresStore(SqlStore):
    """The store for several processes on one database (`DATABASE_URL=postgresql+psycopg://`)."""

    def __init__(
        self, url: str, pool_size: int = POOL_SIZE, max_overflow: int = MAX_OVERFLOW
    ) -> None:
        engine = postgres_engine(url, pool_size, max_overflow)
        writer = PostgresChunkWriter()
        super().__init__(
            engine,
            writer,
            passages=PostgresPassages(engine),
            jobs=SqlJobQueue(engine, writer, skip_locked=True),
            study_jobs=SqlStudyJobs(engine, skip_locked=True),
        )
        self.writer = writer
        # A dropped store closes its pooled connections instead of leaving them to the GC.
        self._finalizer = weakref.finalize(self, engine.dispose)

    def migrate(self) -> None:
        """Migrate under an advisory lock: several processes may start at once."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATE_LOCK})
            try:
                super().migrate()
                conn.execute(
                    text(
                        "INSERT INTO lexical_totals (id, chunks, tokens) VALUES (1, 0, 0) "
                        "ON CONFLICT (id) DO NOTHING"
                    )
                )
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATE_LOCK})
