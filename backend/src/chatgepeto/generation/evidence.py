"""How well the retrieved passages support a question, in numbers that mean the same on any course.

BM25 scores and raw cosines depend on the corpus (its size, its vocabulary, its casing), so
the refusal gate reads only figures normalised within the question's own scope:
- how far the best cosine stands above the question's other nearest chunks;
- the IDF-weighted share of the question's terms that the best sentence holds;
- the IDF-weighted share of its topical terms that occur nowhere in the course.
IDF comes from the scope's own statistics (the course, or the library when none is chosen),
so a course gets the same figures alone and inside a library twenty times larger.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from chatgepeto.generation.terms import GENERIC_TERMS, analyse
from chatgepeto.generation.types import Language
from chatgepeto.ingest.sentences import statements
from chatgepeto.language.detect import detect_language
from chatgepeto.retrieval.types import RetrievedChunk

# Framing terms ("tipos", "ocorre") count half: they rarely carry what a question is about.
GENERIC_WEIGHT = 0.5
# Sentences of the best few passages are read; lower ones rarely hold the answer.
PASSAGES_READ = 3
# Stems shorter than this are matched only exactly: short prefixes join unrelated words.
MIN_SHARED_PREFIX = 5

# Cosines of the question to sentences, in their order (the embedding model's, in practice).
SentenceSimilarity = Callable[[list[str]], Sequence[float]]


@dataclass(frozen=True)
class Evidence:
    """What the gate decides on; every figure is in [0, 1] except the cosines."""

    best_cosine: float | None  # None when the dense side saw nothing
    cosine_gap: float  # best cosine minus the mean of the nearest ones (0 with one chunk)
    coverage: float  # share of the question's weighted terms in its best-covered sentence
    absent: float  # share of its weighted topical terms found in no chunk of the scope
    cross_lingual: bool  # the question and the passages are in different languages
    question_language: Language = "pt"
    sentence_cosine: float | None = None  # the best sentence's cosine, when measured
    sentence_cosines: Mapping[str, float] = field(default_factory=dict, compare=False)


def matched_terms(terms: set[str], wanted: set[str]) -> set[str]:
    """The wanted terms that `terms` hold, allowing Portuguese derivation the stemmer keeps
    apart ("doutorando"/"doutorado", "constrói"/"construção"): one stem extends the other
    or both share all but their last letter, over at least MIN_SHARED_PREFIX letters."""
    found = wanted & terms
    for term in wanted - found:
        for other in terms:
            shared = _shared_prefix(term, other)
            if shared >= MIN_SHARED_PREFIX and shared >= min(len(term), len(other)) - 1:
                found.add(term)
                break
    return found


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def term_weights(terms: set[str], chunks: int, frequencies: Mapping[str, int]) -> dict[str, float]:
    """BM25's IDF of each term in the scope, generic framing terms at half weight."""
    weights = {}
    for term in terms:
        df = frequencies.get(term, 0)
        idf = math.log(1 + (chunks - df + 0.5) / (df + 0.5))
        weights[term] = idf * (1.0 if term not in GENERIC_TERMS else GENERIC_WEIGHT)
    return weights


def gather(
    question: str,
    passages: Sequence[RetrievedChunk],
    nearest_cosines: Sequence[float],
    chunks: int,
    frequencies: Mapping[str, int],
    similarity: SentenceSimilarity | None = None,
) -> Evidence:
    """The evidence for `question` from its passages and the scope's term statistics."""
    wanted = set(analyse(question))
    topical = wanted - GENERIC_TERMS or wanted
    weights = term_weights(wanted, chunks, frequencies)
    total = sum(weights.values())
    topical_total = sum(weights[t] for t in topical)
    absent = sum(weights[t] for t in topical if frequencies.get(t, 0) == 0)
    coverage = 0.0
    sentences: list[str] = []
    for passage in passages[:PASSAGES_READ]:
        for sentence in statements(passage.text):
            sentences.append(sentence)
            matched = matched_terms(set(analyse(sentence)), wanted)
            if total and matched & topical:
                coverage = max(coverage, sum(weights[t] for t in matched) / total)
    cosines_of = {}
    if similarity is not None and sentences:
        unique = list(dict.fromkeys(sentences))
        cosines_of = dict(zip(unique, (float(c) for c in similarity(unique)), strict=True))
    cosines = sorted(nearest_cosines, reverse=True)
    best = cosines[0] if cosines else None
    gap = cosines[0] - sum(cosines) / len(cosines) if cosines else 0.0
    language = detect_language(question)
    material = detect_language(" ".join(p.text for p in passages[:PASSAGES_READ]))
    return Evidence(
        best_cosine=best,
        cosine_gap=gap,
        coverage=coverage,
        absent=absent / topical_total if topical_total else 0.0,
        cross_lingual=bool(passages) and material != language,
        question_language=language,
        sentence_cosine=max(cosines_of.values()) if cosines_of else None,
        sentence_cosines=cosines_of,
    )
