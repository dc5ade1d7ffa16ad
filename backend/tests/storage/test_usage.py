"""Service secrets and token usage on both stores: shared by processes, atomic under threads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatgepeto.storage.factory import build_store
from chatgepeto.storage.sql_store import SqlStore


@pytest.fixture
def store(database_url: str | None, tmp_path: Path) -> Iterator[SqlStore]:
    built = build_store(database_url or f"sqlite:///{tmp_path / 'usage.db'}")
    built.migrate()
    yield built  # type: ignore[misc]
    built.engine.dispose()  # type: ignore[attr-defined]


def test_the_first_secret_stays(store: SqlStore) -> None:
    assert store.ledger.ensure_secret("client_id_signing_key", "a" * 64) == "a" * 64
    assert store.ledger.ensure_secret("client_id_signing_key", "b" * 64) == "a" * 64
    other = build_store(str(store.engine.url.render_as_string(hide_password=False)))
    assert (
        other.ledger.ensure_secret("client_id_signing_key", "c" * 64) == "a" * 64
    )  # another process
    other.engine.dispose()  # type: ignore[attr-defined]
    assert store.ledger.ensure_secret("another", "x") == "x"


def test_tokens_add_up_per_account_and_day(store: SqlStore) -> None:
    assert store.ledger.add_tokens("2026-12-01", {}) == {}
    assert store.ledger.add_tokens("2026-12-01", {"client:a": 10, "global": 10}) == {
        "client:a": 10,
        "global": 10,
    }
    assert store.ledger.add_tokens("2026-12-01", {"client:a": 5, "global": 5}) == {
        "client:a": 15,
        "global": 15,
    }
    assert store.ledger.add_tokens("2026-12-01", {"client:a": -15}) == {"client:a": 0}
    assert store.ledger.add_tokens("2026-12-02", {"client:a": 1}) == {"client:a": 1}  # a new day
    store.ledger.forget_token_usage("2026-12-02")
    assert store.ledger.add_tokens("2026-12-01", {"global": 1}) == {"global": 1}
    assert store.ledger.add_tokens("2026-12-02", {"client:a": 1}) == {"client:a": 2}


def test_concurrent_additions_are_not_lost(store: SqlStore) -> None:
    def spend() -> None:
        for _ in range(25):
            store.ledger.add_tokens("2026-12-01", {"address:x": 3, "global": 1})

    threads = [threading.Thread(target=spend) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.ledger.add_tokens("2026-12-01", {"address:x": 0, "global": 0}) == {
        "address:x": 300,
        "global": 100,
    }
