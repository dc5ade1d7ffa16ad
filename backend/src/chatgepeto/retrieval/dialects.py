"""Brazilian and European Portuguese name the same things differently ("arquivo"/"ficheiro",
"tela"/"ecrã"), and the older orthography keeps consonants the newer drops ("actual"/"atual").
Material from Portugal is common in Brazilian courses (translations, books), so the lexical
side of a question also looks for the other variety's word. Only BM25 sees the expansion: a
word that the course never uses contributes nothing."""

from __future__ import annotations

from functools import lru_cache

from chatgepeto.language.words import DIALECT_VARIANTS
from chatgepeto.retrieval.analyzer import Analyzer


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[str]]:
    analyzer = Analyzer()
    groups: dict[str, frozenset[str]] = {}
    for line in DIALECT_VARIANTS.strip().splitlines():
        stems = frozenset(analyzer.terms(line))
        for stem in stems:
            groups[stem] = groups.get(stem, frozenset()) | stems
    return groups


def with_variants(terms: list[str]) -> list[str]:
    """The query's terms, then the other varieties' stems of those that have them."""
    groups = _groups()
    extra = [v for t in terms for v in sorted(groups.get(t, ())) if v not in terms]
    return terms + list(dict.fromkeys(extra))
