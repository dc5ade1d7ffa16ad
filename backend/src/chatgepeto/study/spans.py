"""The answerable spans of a sentence and their kind, by surface shape alone.

No part-of-speech or entity model is reachable offline, so a span's kind comes from how it
is written: a date, a year, a number (in digits or words), an acronym, a run of capitalised
words (a name), or a lowercase content word. The kind decides how a question asks for the
span and which other spans of the course can stand in as its distractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from chatgepeto.generation.terms import GENERIC_TERMS, analyse, fold
from chatgepeto.language.words import NUMBER_WORDS
from chatgepeto.study.text import word_set

SpanKind = Literal["date", "year", "number", "acronym", "name", "term"]

_MONTHS = (
    "janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|"
    "dezembro|january|february|march|april|may|june|july|august|september|october|november|"
    "december"
)
_DATE = re.compile(rf"\b(?:\d{{1,2}}º?\s+de\s+)?(?:{_MONTHS})\s+de\s+\d{{4}}\b", re.IGNORECASE)
_MONTH_NAME = re.compile(_MONTHS, re.IGNORECASE)
_DECADE = re.compile(r"(?:década|decada|decade)\s+(?:de\s+|of\s+)?$", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.,])\b(?:1[5-9]\d{2}|20\d{2})\b(?![\d.,]\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|(?<![\w.,])\d+(?:,\d+)?%?(?!\w)")
# After these a number names a law, an article or an item ("Lei nº 2.620", "art. 5"): an
# identifier nobody studies, not a quantity.
_IDENTIFIER_CUES = word_set(
    "n nº no n° num numero art arts artigo inciso incisos paragrafo § lei resolucao portaria "
    "decreto item alinea capitulo secao anexo"
)
_ACRONYM = re.compile(r"\b[A-ZÀ-Þ][A-ZÀ-Þ0-9]{1,7}\b")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_WORD = re.compile(r"[^\W\d_][\w-]*")
# Inside a name these small words join capitalised ones: "Mato Grosso do Sul".
_NAME_JOINERS = word_set("de do da dos das e of the and")
MIN_TERM_LETTERS = 5


@dataclass(frozen=True)
class Span:
    """A candidate answer: its text as written, where it sits, its kind and the folded words
    around it (a cue to what it is: "em <place>", "o professor <person>")."""

    text: str
    start: int
    end: int
    kind: SpanKind
    before: str = ""
    after: str = ""
    decade: bool = False  # "a década de 1930": a year that stands for ten

    @property
    def terms(self) -> frozenset[str]:
        """The span's content stems (empty for a bare number)."""
        return frozenset(analyse(self.text))


def spans(sentence: str) -> list[Span]:
    """Every candidate span, in reading order, none overlapping another: a date's year is
    not also a year, a name's words are not also terms."""
    found: list[tuple[int, int, SpanKind]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: SpanKind) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, end, kind))

    for m in _DATE.finditer(sentence):
        add(m.start(), m.end(), "date")
    for m in _YEAR.finditer(sentence):
        if not _is_identifier(sentence, m.start()):
            add(m.start(), m.end(), "year")
    for m in _NUMBER.finditer(sentence):
        if not _is_identifier(sentence, m.start()):
            add(m.start(), m.end(), "number")
    for m in _ACRONYM.finditer(sentence):
        if not _ROMAN.match(m.group()):
            add(m.start(), m.end(), "acronym")
    for start, end in _names(sentence):
        if not _MONTH_NAME.fullmatch(sentence[start:end]):  # "Agosto" in a calendar
            add(start, end, "name")
    for m in _WORD.finditer(sentence):
        word = m.group()
        if fold(word) in NUMBER_WORDS:
            add(m.start(), m.end(), "number")
        elif _is_term(word):
            add(m.start(), m.end(), "term")
    found.sort()
    return [
        Span(
            sentence[s:e],
            s,
            e,
            kind,
            _word_before(sentence, s),
            _word_after(sentence, e),
            kind == "year" and bool(_DECADE.search(sentence[:s])),
        )
        for s, e, kind in found
    ]


def _is_identifier(sentence: str, start: int) -> bool:
    before = _word_before(sentence, start)
    if _MONTH_NAME.fullmatch(before):
        return True  # "setembro de 94": a year written short, not a count
    return before in _IDENTIFIER_CUES or sentence[max(0, start - 2) : start].strip() in {"§", "º"}


def _is_term(word: str) -> bool:
    if not word[0].islower() or sum(c.isalpha() for c in word) < MIN_TERM_LETTERS:
        return False
    stems = analyse(word)
    return bool(stems) and not set(stems) <= GENERIC_TERMS


def _names(sentence: str) -> list[tuple[int, int]]:
    """Runs of capitalised words, small joiners allowed inside. A sentence's first word is
    capitalised whatever it is: a run starting there counts only with two capitalised words
    ("Campo Grande ..." is a name, "Além disso ..." is not), and a leading stop word
    ("A UFMS") is left out."""
    words = list(_WORD.finditer(sentence))
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _capitalised(words[i].group()) or not analyse(words[i].group()):
            i += 1
            continue
        j, capitals = i, 1
        while j + 1 < len(words) and _adjacent(sentence, words[j], words[j + 1]):
            nxt = words[j + 1].group()
            if _capitalised(nxt):
                j, capitals = j + 1, capitals + 1
            elif (
                fold(nxt) in _NAME_JOINERS
                and j + 2 < len(words)
                and _capitalised(words[j + 2].group())
                and _adjacent(sentence, words[j + 1], words[j + 2])
            ):
                j, capitals = j + 2, capitals + 1
            else:
                break
        at_start = not sentence[: words[i].start()].strip(" \"'“«(")
        if capitals >= 2 or not at_start:
            runs.append((words[i].start(), words[j].end()))
        i = j + 1
    return runs


def _capitalised(word: str) -> bool:
    return word[0].isupper() and any(c.islower() for c in word[1:])


def _adjacent(sentence: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Only blanks between the two words: a comma or a bracket ends a name."""
    return not sentence[a.end() : b.start()].strip()


def _word_before(sentence: str, start: int) -> str:
    words = re.findall(r"[\w§º°]+", sentence[:start])
    return fold(words[-1]) if words else ""


def _word_after(sentence: str, end: int) -> str:
    m = re.match(r"\W*(\w+)", sentence[end:])
    return fold(m.group(1)) if m else ""
