"""The numbers and names of a text: what a paraphrase keeps when it gives an answer away."""

from __future__ import annotations

import re

from chatgepeto.generation.terms import fold
from chatgepeto.language.words import MULTIPLE_WORDS, NUMBER_WORDS, QUESTION_WORDS
from chatgepeto.retrieval.analyzer import Analyzer

_TOKEN = re.compile(r"\w+")
# A capitalised word inside a sentence names something; at its start it may be any word.
_INNER_WORD = re.compile(r"(?<=[^\s.!?…])\s+[(\"'«“\[]?([^\W\d_][\w-]*)")
_CONTENT = Analyzer(extra_stopwords=QUESTION_WORDS)


def words(text: str) -> set[str]:
    """The folded words of a text, stop words included."""
    return {fold(t) for t in _TOKEN.findall(text)}


_QUANTITY_WORDS = NUMBER_WORDS | MULTIPLE_WORDS


def numbers(text: str) -> set[str]:
    """The folded tokens holding a digit, and numbers written as words ("quatro", "o dobro")."""
    folded = (fold(t) for t in _TOKEN.findall(text))
    return {t for t in folded if any(c.isdigit() for c in t) or t in _QUANTITY_WORDS}


def names(text: str) -> set[str]:
    """The folded capitalised content words inside sentences ("Campo Grande", "UFMS")."""
    return {
        fold(word)
        for match in _INNER_WORD.finditer(text)
        if (word := match.group(1))[0].isupper() and _CONTENT.terms(word)
    }


def facts(text: str) -> set[str]:
    """The numbers and names of a passage."""
    return numbers(text) | names(text)


def mentioned(text: str) -> set[str]:
    """What a reply may name: its numbers and every capitalised content word, a sentence's
    first one included (a reply may well open with the name)."""
    capitalised = {fold(t) for t in _TOKEN.findall(text) if t[0].isupper() and _CONTENT.terms(t)}
    return numbers(text) | capitalised
