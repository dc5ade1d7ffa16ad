"""Analysed terms: lower-cased, accent-folded, stop words out, Portuguese snowball stems."""

from __future__ import annotations

import re
import threading
import unicodedata

import Stemmer

from chatgepeto.generation.stopwords import ALL as STOP_WORDS
from chatgepeto.generation.stopwords import GENERIC

_TOKEN = re.compile(r"[a-z0-9]+")
# PyStemmer objects are not thread-safe and the API answers on several threads.
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("portuguese")
    return stemmer


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so "Reação" and "reacao" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


GENERIC_TERMS = frozenset(_stemmer().stemWords(sorted(GENERIC)))


def analyse(text: str) -> list[str]:
    """The content terms of a text, in order, as folded stems."""
    # Folding before stemming keeps students who type without accents on the same stems.
    words = [w for w in _TOKEN.findall(fold(text)) if len(w) > 1 and w not in STOP_WORDS]
    return list(_stemmer().stemWords(words)) if words else []
