"""Terms for matching a question to the material's sentences: the retrieval analyzer, with
the words that only frame a question ("explique", "what") dropped as well."""

from __future__ import annotations

from chatgepeto.language.words import GENERIC, QUESTION_WORDS
from chatgepeto.retrieval.analyzer import Analyzer, fold

__all__ = ["GENERIC_TERMS", "analyse", "fold"]

_ANALYZER = Analyzer(extra_stopwords=QUESTION_WORDS)

GENERIC_TERMS = frozenset(_ANALYZER.stems(sorted(fold(w) for w in GENERIC)))


def analyse(text: str) -> list[str]:
    """The content terms of a text, in order, as folded stems."""
    return _ANALYZER.terms(text)
