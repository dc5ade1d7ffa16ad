"""Fusion against brute-force references written independently of the implementation."""

from __future__ import annotations

import random

import pytest

from chatgepeto.retrieval.fusion import convex_fusion, reciprocal_rank_fusion


def _rrf_reference(rankings, weights, k=60):
    items = {item for ranking in rankings for item, _ in ranking}
    out = []
    for item in items:
        total = 0.0
        for ranking, weight in zip(rankings, weights, strict=True):
            ids = [i for i, _ in ranking]
            if item in ids:
                total += weight / (k + ids.index(item) + 1)
        out.append((item, total))
    return sorted(out, key=lambda p: (-p[1], p[0]))


def _convex_reference(lexical, dense, w):
    items = set(lexical) | set(dense)
    top = max([lexical.get(i, 0.0) for i in items] or [0.0])
    lo, hi = min(dense[i] for i in items), max(dense[i] for i in items)
    scored = []
    for i in items:
        lex = lexical.get(i, 0.0) / top if top > 0 else 0.0
        den = (dense[i] - lo) / (hi - lo) if hi > lo else 1.0
        scored.append((i, w * lex + (1 - w) * den))
    return sorted(scored, key=lambda p: (-p[1], p[0]))


@pytest.mark.parametrize("seed", range(20))
def test_rrf_matches_reference(seed: int) -> None:
    rng = random.Random(seed)
    rankings = [
        [(item, 0.0) for item in rng.sample(range(40), rng.randint(0, 25))] for _ in range(2)
    ]
    weights = [rng.uniform(0.5, 3), rng.uniform(0.5, 3)]
    got = reciprocal_rank_fusion(rankings, weights)
    want = _rrf_reference(rankings, weights)
    assert [i for i, _ in got] == [i for i, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want])


@pytest.mark.parametrize("seed", range(20))
def test_convex_matches_reference(seed: int) -> None:
    rng = random.Random(seed)
    dense = {i: rng.uniform(0.7, 0.9) for i in rng.sample(range(60), rng.randint(1, 30))}
    lexical = {i: rng.uniform(0, 20) for i in rng.sample(sorted(dense), rng.randint(0, len(dense)))}
    w = rng.random()
    got = convex_fusion(lexical, dense, w)
    want = _convex_reference(lexical, dense, w)
    assert [i for i, _ in got] == [i for i, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want])


def test_convex_lexical_agreement_beats_dense_only() -> None:
    fused = convex_fusion({1: 10.0}, {1: 0.80, 2: 0.82}, 0.5)
    assert fused[0][0] == 1


def test_empty_inputs() -> None:
    assert reciprocal_rank_fusion([[], []]) == []
    assert convex_fusion({}, {}, 0.5) == []


def test_invalid_arguments_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="lexical_weight"):
        convex_fusion({}, {}, 1.5)
    with pytest.raises(ValueError, match="dense score"):
        convex_fusion({1: 1.0}, {}, 0.5)
    with pytest.raises(ValueError, match="weights"):
        reciprocal_rank_fusion([[]], [1.0, 2.0])
