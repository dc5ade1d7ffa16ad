"""The grammatical gender of the course's nouns, read off the articles in front of them.

"quantos dias" but "quantas fases", "uma ___" takes "fase" but not "prazo": Portuguese
endings guess wrong for "dia", "sistema", "fase", "parte", while the course itself writes
"os dias", "a fase" somewhere. The endings are the fallback for a word never seen so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from chatgepeto.generation.terms import fold
from chatgepeto.study.text import word_set

Gender = str  # "f", "m", or "" when unknown

FEMININE = word_set("a as uma umas da das na nas pela pelas sua suas")
MASCULINE = word_set("o os um uns do dos no nos pelo pelos seu seus ao aos")
# The lookahead lets each word be the next pair's article: "todos os dias".
_PAIR = re.compile(r"\b(\w+)\s+(?=([^\W\d_][\w-]*))")
_FEMININE_ENDINGS = (
    "a",
    "as",
    "ade",
    "ades",
    "cao",
    "coes",
    "gem",
    "gens",
    "ie",
    "ies",
    "se",
    "ses",
    "ez",
    "ezes",
)
_MASCULINE_ENDINGS = ("ema", "emas", "ama", "amas", "o", "os")
_MASCULINE_WORDS = frozenset({"dia", "dias", "mapa", "mapas"})


def determiner_gender(word: str) -> Gender:
    """ "f" after "a", "uma", "da"...; "m" after "o", "um", "do"...; else ""."""
    folded = fold(word)
    if folded in FEMININE:
        return "f"
    return "m" if folded in MASCULINE else ""


def genders(texts: Iterable[str]) -> dict[str, Gender]:
    """Each folded noun's gender by the majority of the articles before it in `texts`."""
    votes: dict[str, Counter[str]] = {}
    for text in texts:
        folded = fold(text)
        for m in _PAIR.finditer(folded):
            gender = determiner_gender(m.group(1))
            if gender:
                votes.setdefault(m.group(2), Counter())[gender] += 1
    known = {}
    for word, counts in votes.items():
        (first, n), *rest = counts.most_common()
        if not rest or rest[0][1] < n:  # a tie leaves the word to its ending
            known[word] = first
    return known


def gender_of(word: str, known: Mapping[str, Gender]) -> Gender:
    """The course's gender for `word`, else the endings' guess."""
    folded = fold(word)
    if folded in known:
        return known[folded]
    if folded in _MASCULINE_WORDS or folded.endswith(_MASCULINE_ENDINGS):
        return "m"
    return "f" if folded.endswith(_FEMININE_ENDINGS) else ""
