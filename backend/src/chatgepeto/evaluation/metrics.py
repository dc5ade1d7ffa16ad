"""Retrieval metrics over ranked results (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def first_hit(hits: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant result, or None."""
    return next((i for i, hit in enumerate(hits, start=1) if hit), None)


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    """Share of questions with a relevant result within the top k."""
    if not ranks:
        return 0.0
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mrr_at(ranks: Sequence[int | None], k: int) -> float:
    """Mean reciprocal rank, counting only ranks within k."""
    if not ranks:
        return 0.0
    return sum(1.0 / r for r in ranks if r is not None and r <= k) / len(ranks)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`, 0 for none."""
    return float(np.percentile(values, q)) if values else 0.0
