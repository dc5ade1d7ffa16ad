"""The lexical analyzer: the same terms for documents and questions, Portuguese first."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import Stemmer

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase and strip accents, so 'Educação' and 'educacao' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    raw = resources.files("chatgepeto.retrieval").joinpath("stopwords.txt").read_text("utf-8")
    words = (line.strip() for line in raw.splitlines() if not line.startswith("#"))
    return frozenset(fold(w) for w in words if w)


class Analyzer:
    """Folds accents, drops stop words and stems with Snowball Portuguese.

    Folding comes before stemming so that a question typed without accents
    produces the same stems as the accented text of the material.
    """

    def __init__(self, language: str = "portuguese") -> None:
        self._stemmer = Stemmer.Stemmer(language)
        self._stop = _stopwords()

    def terms(self, text: str) -> list[str]:
        """Index terms of `text`, in order, repeats kept (term frequency matters)."""
        words = [
            w
            for w in _WORD.findall(fold(text))
            if w not in self._stop and (len(w) > 1 or w.isdigit())
        ]
        return [str(t) for t in self._stemmer.stemWords(words)]
