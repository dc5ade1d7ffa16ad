"""The in-memory vector table against brute force, through growth and slot reuse."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from chatgepeto.retrieval.index.vector_table import MIN_CAPACITY, VectorTable


def _unit(rng: np.random.Generator, n: int, dim: int = 6) -> np.ndarray:
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _brute(rows: dict[int, tuple[str, np.ndarray]], query, collection, k) -> dict[int, float]:
    scores = {r: float(v @ query) for r, (c, v) in rows.items() if collection in (None, c)}
    return dict(sorted(scores.items(), key=lambda p: -p[1])[:k])


def test_search_matches_brute_force_through_growth_removal_and_reuse() -> None:
    rng = np.random.default_rng(0)
    start = _unit(rng, 10)
    rows = {i: ("a" if i % 3 else "b", start[i]) for i in range(10)}
    table = VectorTable.of(list(rows), [c for c, _ in rows.values()], start)
    extra = _unit(rng, MIN_CAPACITY + 50)  # past the first capacity: the matrix grows
    for i, vector in enumerate(extra, start=100):
        with table.lock.exclusive():
            table.put(i, "c" if i % 2 else "a", vector)
        rows[i] = ("c" if i % 2 else "a", vector)
    for i in list(rows)[::4]:
        with table.lock.exclusive():
            table.remove(i)
        del rows[i]
    replacement = _unit(rng, 1)[0]
    with table.lock.exclusive():
        table.put(1, "b", replacement)  # a rowid may come back with another vector
        table.remove(123456)  # absent: nothing happens
    rows[1] = ("b", replacement)
    assert len(table) == len(rows)
    query = _unit(rng, 1)[0]
    for collection in (None, "a", "b", "c", "none"):
        got = table.search(query, collection, 7)
        assert got == pytest.approx(_brute(rows, query, collection, 7)), collection
    also = table.search(query, "b", 1, also_rowids=[101, 99999])
    assert 101 in also and 99999 not in also and len(also) == 2
    assert also[101] == pytest.approx(float(rows[101][1] @ query))
    rowids, collections, matrix = table.snapshot()
    assert list(rowids) == sorted(rows) and matrix.shape == (len(rows), 6)
    assert collections[list(rowids).index(1)] == "b"


def test_empty_table_and_nothing_asked() -> None:
    table = VectorTable.of([], [], np.zeros((0, 0), dtype=np.float32))
    query = np.ones(4, dtype=np.float32) / 2
    assert table.search(query, None, 5) == {}
    with table.lock.exclusive():
        table.put(7, "a", query)
    assert table.search(query, None, 0) == {}
    assert table.search(query, "a", 5) == pytest.approx({7: 1.0})


def test_searches_never_see_a_change_half_made() -> None:
    rng = np.random.default_rng(1)
    vectors = _unit(rng, 200)
    table = VectorTable.of(list(range(200)), ["a"] * 200, vectors)
    query = vectors[0]
    stop, bad = threading.Event(), []

    def search() -> None:
        while not stop.is_set():
            found = table.search(query, "a", 3)
            # outside a change rowid 0 is always there with its own vector
            if 0 not in found or abs(found[0] - 1.0) > 1e-5:
                bad.append(found)

    threads = [threading.Thread(target=search) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(300):
        with table.lock.exclusive():  # rowid 0 leaves and comes back in one slow change
            table.remove(0)
            time.sleep(0.0005)
            table.put(0, "a", vectors[0])
    stop.set()
    for thread in threads:
        thread.join()
    assert bad == []
