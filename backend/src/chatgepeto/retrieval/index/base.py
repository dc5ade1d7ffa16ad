"""What retrieval asks of an index: ranked chunk rowids for a query, in a scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from chatgepeto.storage.roles import Passages


class LexicalIndex(Protocol):
    """BM25 over analysed terms, scored as SQLite FTS5's bm25() scores on both databases."""

    def search(
        self, terms: list[str], collection_id: str | None, k: int
    ) -> list[tuple[int, float]]:
        """(chunk rowid, score), best first. A course-scoped search uses that collection's
        own statistics (N, mean length, document frequencies), so its scores do not change
        when other collections grow."""
        ...

    def term_statistics(
        self, terms: list[str], collection_id: str | None
    ) -> tuple[int, dict[str, int]]:
        """(chunks in scope, document frequency in scope of each distinct term; 0 if absent)."""
        ...


class VectorIndex(Protocol):
    """Cosine nearest neighbours of a query vector."""

    def search(
        self,
        query_vector: npt.NDArray[np.float32],
        collection_id: str | None,
        k: int,
        also_rowids: list[int] | None = None,
    ) -> dict[int, float]:
        """Cosine similarity of the k nearest chunks (all of them when the scope holds k or
        fewer), plus the exact cosine of every chunk in `also_rowids`: {rowid: cosine}."""
        ...


@dataclass(frozen=True)
class SearchIndex:
    """The two indexes of one database and the passages their rowids name."""

    lexical: LexicalIndex
    vectors: VectorIndex
    passages: Passages
