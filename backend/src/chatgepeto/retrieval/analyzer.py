"""The lexical analyzer: the same terms for documents and questions, Portuguese first."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import Stemmer

_WORD = re.compile(r"\w+", re.UNICODE)
# PyStemmer objects are not thread-safe and the API answers on several threads: one each.
_local = threading.local()


def fold(text: str) -> str:
    """Lowercase and strip accents, so 'Educação' and 'educacao' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    raw = resources.files("chatgepeto.language").joinpath("stopwords.txt").read_text("utf-8")
    words = (line.strip() for line in raw.splitlines() if not line.startswith("#"))
    return frozenset(fold(w) for w in words if w)


# Plurals Snowball Portuguese leaves whole. "-ns" is the plural of "-m" ("imagens"/"imagem",
# "itens"/"item", "bons"/"bom"), but the stemmer strips neither, so a question about an
# "imagem" never met a page about "imagens". A consonant before the final "s" ("overlays",
# "links", "papers") ends no Portuguese word: it is an English plural inside Portuguese
# text, and the singular is what a question names.
_NATIVE_PLURAL_M = re.compile(r"(?<=[^\W\d_]{2}[eiou])ns$")
_LOANWORD_PLURAL = re.compile(r"(?<=[^\W\d_]{2}[bcdfghjklmpqrtvwxyz])s$")


def singular(word: str) -> str:
    """The singular of a folded plural the Portuguese stemmer would keep apart from it."""
    if _NATIVE_PLURAL_M.search(word):
        return word[:-2] + "m"
    return _LOANWORD_PLURAL.sub("", word)


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers: dict[str, Stemmer.Stemmer] = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(language)
    return stemmers[language]


class Analyzer:
    """Folds accents, drops stop words and stems with Snowball Portuguese.

    Folding comes before stemming so that a question typed without accents
    produces the same stems as the accented text of the material. One analyzer may be
    shared by many threads.
    """

    def __init__(self, language: str = "portuguese", extra_stopwords: Iterable[str] = ()) -> None:
        self._language = language
        self._stop = _stopwords() | frozenset(fold(w) for w in extra_stopwords)
        _stemmer(language)  # an unknown language fails here, not on the first text

    def stems(self, words: Iterable[str]) -> list[str]:
        """The stems of already folded words."""
        if self._language == "portuguese":
            words = [singular(w) for w in words]
        return self._stem(words)

    def terms(self, text: str) -> list[str]:
        """Index terms of `text`, in order, repeats kept (term frequency matters)."""
        folded = fold(text)
        words = [
            (m.group(), m.start() > 0 and folded[m.start() - 1] == "\\")
            for m in _WORD.finditer(folded)
            if m.group() not in self._stop and (len(m.group()) > 1 or m.group().isdigit())
        ]
        if not words:
            return []
        # A command's name ("\\cdots" beside "\\cdot") is an identifier, not a plural.
        if self._language == "portuguese":
            return self._stem([w if command else singular(w) for w, command in words])
        return self._stem([w for w, _ in words])

    def _stem(self, words: Iterable[str]) -> list[str]:
        return [str(t) for t in _stemmer(self._language).stemWords(list(words))]
