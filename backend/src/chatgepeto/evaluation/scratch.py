"""A throwaway PostgreSQL database for one evaluation run, dropped when the process exits."""

from __future__ import annotations

import atexit
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool


def scratch_postgres_url(database_url: str) -> str:
    """Create an empty database beside `database_url`'s and return its URL.

    The evaluation ingests a corpus and must neither see nor touch the product's data;
    a database of its own also gives BM25 statistics of the corpus alone. The role needs
    CREATEDB. The database is dropped at exit (WITH FORCE ends the run's pooled connections).
    """
    url = make_url(database_url)
    name = f"chatgepeto_eval_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        engine = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    atexit.register(drop)
    return url.set(database=name).render_as_string(hide_password=False)
