"""Chunk vectors in memory, searched exactly; a change costs the rows it touches.

Rows live in preallocated slots: a new chunk takes a free slot (or one past the end, the
matrix growing by doubling, so appends cost O(1) amortised), a deleted one frees its slot.
Searches share the table; changes take it alone, so no search sees half a row.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

import numpy as np
import numpy.typing as npt

# Room left past the rows of a full load, so the next uploads do not grow the matrix at once.
SLACK = 0.125
MIN_CAPACITY = 1024


class SharedLock:
    """Many readers or one writer; a waiting writer holds new readers back."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        """Held by searches."""
        with self._cond:
            while self._writing or self._waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Held by changes."""
        with self._cond:
            self._waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class VectorTable:
    """Unit vectors by chunk rowid, each tagged with its collection."""

    def __init__(self, dim: int, capacity: int = 0) -> None:
        self._dim = dim
        self._matrix = np.zeros((capacity, dim), dtype=np.float32)
        self._rowids = np.full(capacity, -1, dtype=np.int64)
        self._codes = np.full(capacity, -1, dtype=np.int32)
        self._slots: dict[int, int] = {}
        self._free: list[int] = []
        self._end = 0  # slots [0, end) have been used
        self._collections: dict[str, int] = {}
        self.lock = SharedLock()

    @classmethod
    def of(
        cls,
        rowids: list[int],
        collections: list[str],
        vectors: npt.NDArray[np.float32],
    ) -> VectorTable:
        """A table holding these rows, with room to grow."""
        dim = int(vectors.shape[1]) if vectors.size else 0
        n = len(rowids)
        table = cls(dim, max(MIN_CAPACITY, n + int(n * SLACK)))
        if n:
            table._matrix[:n] = vectors
            table._rowids[:n] = rowids
            table._codes[:n] = [table._code(c) for c in collections]
            table._slots = {int(r): i for i, r in enumerate(rowids)}
            table._end = n
        return table

    def __len__(self) -> int:
        return len(self._slots)

    @property
    def dim(self) -> int:
        """Vector dimension (0 until the first vector)."""
        return self._dim

    def put(self, rowid: int, collection_id: str, vector: npt.NDArray[np.float32]) -> None:
        """Add or replace one row (hold `lock.exclusive()`)."""
        if not self._dim:
            self._dim = int(vector.shape[0])
            self._matrix = np.zeros((self._rowids.shape[0], self._dim), dtype=np.float32)
        slot = self._slots.get(rowid)
        if slot is None:
            slot = self._free.pop() if self._free else self._append_slot()
            self._slots[rowid] = slot
        self._matrix[slot] = vector
        self._rowids[slot] = rowid
        self._codes[slot] = self._code(collection_id)

    def remove(self, rowid: int) -> None:
        """Drop one row if present (hold `lock.exclusive()`)."""
        slot = self._slots.pop(rowid, None)
        if slot is None:
            return
        self._matrix[slot] = 0.0
        self._rowids[slot] = -1
        self._codes[slot] = -1
        self._free.append(slot)

    def search(
        self,
        query: npt.NDArray[np.float32],
        collection_id: str | None,
        k: int,
        also_rowids: list[int] | None = None,
    ) -> dict[int, float]:
        """Cosine of the k nearest rows (in one collection or all), plus those asked for."""
        with self.lock.shared():
            if not self._slots or k <= 0:
                return {}
            end = self._end
            if collection_id is None:
                slots = np.flatnonzero(self._codes[:end] >= 0)
            elif (code := self._collections.get(collection_id)) is None:
                slots = np.zeros(0, dtype=np.int64)
            else:
                slots = np.flatnonzero(self._codes[:end] == code)
            result: dict[int, float] = {}
            if slots.size:
                # Gathering a small course's rows is cheaper than scoring the whole matrix.
                if slots.size * 4 < end:
                    scores = self._matrix[slots] @ query
                else:
                    scores = (self._matrix[:end] @ query)[slots]
                count = min(k, slots.size)
                top = np.argpartition(-scores, count - 1)[:count]
                result = {int(self._rowids[slots[i]]): float(scores[i]) for i in top}
            for rowid in also_rowids or ():
                slot = self._slots.get(rowid)
                if slot is not None and rowid not in result:
                    result[rowid] = float(self._matrix[slot] @ query)
            return result

    def snapshot(
        self,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.object_], npt.NDArray[np.float32]]:
        """(rowids ascending, their collections, their vectors): a compact copy."""
        names = {code: name for name, code in self._collections.items()}
        with self.lock.shared():
            order = sorted(self._slots.items())
            slots = np.array([slot for _, slot in order], dtype=np.int64)
            rowids = np.array([rowid for rowid, _ in order], dtype=np.int64)
            collections = np.array([names[int(c)] for c in self._codes[slots]], dtype=object)
            matrix = (
                self._matrix[slots].copy() if slots.size else np.zeros((0, self._dim), np.float32)
            )
        return rowids, collections, matrix

    def _code(self, collection_id: str) -> int:
        return self._collections.setdefault(collection_id, len(self._collections))

    def _append_slot(self) -> int:
        if self._end == self._rowids.shape[0]:
            capacity = max(MIN_CAPACITY, 2 * self._end)
            self._matrix = _grown(self._matrix, capacity, 0.0)
            self._rowids = _grown(self._rowids, capacity, -1)
            self._codes = _grown(self._codes, capacity, -1)
        self._end += 1
        return self._end - 1


_Array = TypeVar("_Array", bound=npt.NDArray[np.generic])


def _grown(array: _Array, capacity: int, fill: float) -> _Array:
    bigger = np.full((capacity, *array.shape[1:]), fill, dtype=array.dtype)
    bigger[: array.shape[0]] = array
    return bigger  # type: ignore[return-value]
