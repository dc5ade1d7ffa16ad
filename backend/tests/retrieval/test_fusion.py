"""Fusion against brute-force references written independently of the implementation."""

from __future__ import annotations

import random

import pytest

from chatgepeto.retrieval.fusion import convex_fusion, reciprocal_rank_fusion, sentence_rerank


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


def _rerank_reference(ranked, best, weight, depth):
    head = ranked[:depth]
    cosines = [best[i] for i, _ in head if i in best]
    lo, hi = (min(cosines), max(cosines)) if cosines else (0.0, 0.0)
    scored = []
    for i, score in head:
        scaled = (best[i] - lo) / (hi - lo) if i in best and hi > lo else 0.0
        scored.append((i, (1 - weight) * score + weight * scaled))
    scored.sort(key=lambda p: (-p[1], p[0]))
    return scored + [(i, (1 - weight) * score) for i, score in ranked[depth:]]


@pytest.mark.parametrize("seed", range(20))
def test_sentence_rerank_matches_reference(seed: int) -> None:
    rng = random.Random(seed)
    ranked = sorted(
        ((i, rng.random()) for i in rng.sample(range(100), rng.randint(0, 15))),
        key=lambda p: (-p[1], p[0]),
    )
    best = {i: rng.uniform(0.75, 0.9) for i, _ in ranked if rng.random() < 0.8}
    weight, depth = rng.random(), rng.randint(0, 12)

    got = sentence_rerank(ranked, best, weight, depth)

    want = _rerank_reference(ranked, best, weight, depth)
    assert [i for i, _ in got] == [i for i, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want])
    assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)


def test_sentence_rerank_lifts_the_chunk_with_the_nearest_sentence_within_its_depth() -> None:
    # latex-004's fused head and best-sentence cosines: page 27 ("é assumido 10pt") was sixth.
    fused = [0.952, 0.860, 0.774, 0.760, 0.744, 0.739, 0.687, 0.683, 0.678]
    cosines = [0.844, 0.915, 0.877, 0.848, 0.851, 0.875, 0.863, 0.868, 0.99]
    ranked = list(enumerate(fused, start=1))
    best = dict(enumerate(cosines, start=1))

    got = [i for i, _ in sentence_rerank(ranked, best, 0.3, 8)]

    assert got.index(6) < 5
    assert got[-1] == 9  # past the depth, its sentence is not read
    assert [i for i, _ in sentence_rerank(ranked, best, 0.0, 8)] == [i for i, _ in ranked]


def test_sentence_rerank_gives_no_sentence_and_no_spread_no_credit() -> None:
    ranked = [(1, 0.9), (2, 0.8)]
    assert sentence_rerank(ranked, {2: 0.99}, 0.5, 2) == [(1, 0.45), (2, 0.4)]
    assert sentence_rerank(ranked, {1: 0.8, 2: 0.8}, 0.5, 2) == [(1, 0.45), (2, 0.4)]
    assert sentence_rerank(ranked, {1: 0.8, 2: 0.85}, 0.5, 2) == [(2, 0.9), (1, 0.45)]
    with pytest.raises(ValueError, match="weight"):
        sentence_rerank(ranked, {}, 1.5, 2)
    with pytest.raises(ValueError, match="depth"):
        sentence_rerank(ranked, {}, 0.5, -1)
