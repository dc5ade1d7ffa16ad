"""Comparing an item's words with its passage the way a reader does: case, accents and
spacing aside (the evaluation sets' "contains" rule)."""

from __future__ import annotations

import re

from chatgepeto.generation.terms import analyse, fold

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Folded (lower case, no accents), blanks collapsed."""
    return _SPACE.sub(" ", fold(text)).strip()


def occurs_in(needle: str, haystack: str) -> bool:
    """True when `needle` is in `haystack` once both are normalised (empty needles never)."""
    wanted = normalise(needle)
    return bool(wanted) and wanted in normalise(haystack)


def content_terms(text: str) -> frozenset[str]:
    """The stemmed content terms the retrieval analyzer sees (stop words dropped)."""
    return frozenset(analyse(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 for two empty sets."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def word_set(words: str) -> frozenset[str]:
    """A word list written as one blank-separated string."""
    return frozenset(words.split())
