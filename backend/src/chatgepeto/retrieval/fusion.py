"""Fusion of the lexical and the dense ranking: pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Ranked = Sequence[tuple[int, float]]

# 60 is the constant of Cormack et al. (2009): it damps the head of each list so
# one method's first place cannot outvote agreement lower down.
RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Ranked], weights: Sequence[float] | None = None, k: int = RRF_K
) -> list[tuple[int, float]]:
    """Weighted RRF: sum of weight / (k + rank) over the lists an item appears in."""
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"weights must match rankings ({len(rankings)}), got {len(weights)}")
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (item, _score) in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def _max_normalised(scores: Mapping[int, float]) -> dict[int, float]:
    top = max(scores.values(), default=0.0)
    return {item: (score / top if top > 0 else 0.0) for item, score in scores.items()}


def _range_normalised(scores: Mapping[int, float]) -> dict[int, float]:
    low = min(scores.values(), default=0.0)
    high = max(scores.values(), default=0.0)
    span = high - low
    return {item: ((score - low) / span if span > 0 else 1.0) for item, score in scores.items()}


def convex_fusion(
    lexical: Mapping[int, float], dense: Mapping[int, float], lexical_weight: float
) -> list[tuple[int, float]]:
    """Weighted sum of normalised scores over the union of candidates.

    BM25 is divided by the query's best BM25 (zero stays zero: no matching term
    means no lexical evidence); cosine is min-max scaled over the candidates,
    because e5 cosines crowd into a narrow band (0.75-0.90) whose absolute level
    carries little meaning. Every candidate must have a dense score (the caller
    computes cosines exactly); a candidate absent from `lexical` scores 0 there.
    """
    if not 0.0 <= lexical_weight <= 1.0:
        raise ValueError(f"lexical_weight must be within [0, 1], got {lexical_weight}")
    items = set(lexical) | set(dense)
    missing = items - set(dense)
    if missing:
        raise ValueError(f"every candidate needs a dense score; missing {sorted(missing)[:5]}")
    lex = _max_normalised({i: lexical.get(i, 0.0) for i in items})
    den = _range_normalised({i: dense[i] for i in items})
    fused = {i: lexical_weight * lex[i] + (1 - lexical_weight) * den[i] for i in items}
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))


def sentence_rerank(
    ranked: Ranked, best_sentence: Mapping[int, float], weight: float, depth: int
) -> list[tuple[int, float]]:
    """The first `depth` items of a fused ranking re-scored with each one's best sentence.

    A chunk's vector averages all it says; the one sentence that answers a question is
    closer to it than the chunk around it. Each of the head scores (1 - weight) times its
    fused score plus weight times its best sentence's cosine min-max scaled over the head
    (0 for an item without a measured sentence, such as a table of contents, and for all
    when the cosines do not differ); the rest keep their order below, at (1 - weight) times
    their score, so that scores still fall with rank.
    """
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must be within [0, 1], got {weight}")
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}")
    head, tail = ranked[:depth], ranked[depth:]
    measured = {item: best_sentence[item] for item, _ in head if item in best_sentence}
    spread = len(set(measured.values())) > 1
    scaled = _range_normalised(measured) if spread else {}
    rescored = [
        (item, (1 - weight) * score + weight * scaled.get(item, 0.0)) for item, score in head
    ]
    rescored.sort(key=lambda pair: (-pair[1], pair[0]))
    return rescored + [(item, (1 - weight) * score) for item, score in tail]
