"""A sentence splitter for course material: abbreviations, numbers and list items kept whole.

The chunker cuts long paragraphs with it and the extractive answerer quotes its sentences."""

from __future__ import annotations

import re
from typing import NamedTuple

# Lower-cased, without the final period: a period after these rarely ends a sentence.
_ABBREVIATIONS_WORDS = """
    dr dra drs dras prof profa profs sr sra srs sras srta exmo exma sto sta art arts inc cap
    caps fig figs tab p pp pag pags ed eds vol vols n no nos num obs ex cf aprox approx min max
    sec seg av lda ltda jr sr mr mrs ms st vs etal al e.g i.e dept depto tel op cit ibid id
    cia eg etc ie máx nº núm pág
    """
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_WORDS.split())
_LIST_ITEM = re.compile(r"^\s*(?:[-*•▪◦‣·–]|\d{1,3}[.)]|[a-z]\))\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
# A run of terminal punctuation, closing quotes or brackets, then the gap to the next sentence.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")
_NEXT_STARTS_SENTENCE = re.compile(r"[\"'“‘«(\[]?[A-ZÀ-ÖØ-Þ0-9]")
# In lower-case text (OCR, transcripts, notes) a sentence may start with any letter.
_NEXT_STARTS_LOWER = re.compile(r"[\"'“‘«(\[]?[a-zß-öø-ÿ]")
_LAST_WORD = re.compile(r"(\S+)$")
_MAX_LIST_BLOCK = 500

# Shorter units are headings or fragments, not statements that could answer anything.
MIN_SENTENCE_WORDS = 4
# A table of contents' or an index's dot leaders ("NaN . . . . . . 17", "Operators......52"):
# such an entry joins a name to a page number and states nothing.
_DOT_LEADER = re.compile(r"(?:\.\s?){6,}")


class Sentence(NamedTuple):
    """A sentence, or a heading that gives the sentences after it their context."""

    text: str
    heading: bool = False


def split_sentences(text: str) -> list[str]:
    """Split text into whole sentences; list items apart, a short list kept with its intro."""
    return [unit.text for unit in sentence_units(text)]


def sentence_units(text: str) -> list[Sentence]:
    """The sentences of `text` in order, headings marked so they are not quoted as answers."""
    sentences: list[Sentence] = []
    for kind, unit in _units(text):
        if kind == "item" and sentences and _can_take_item(sentences[-1].text, unit):
            sentences[-1] = Sentence(f"{sentences[-1].text}\n{unit}")
        elif kind == "prose":
            sentences.extend(Sentence(s) for s in _split_prose(unit))
        else:
            sentences.append(Sentence(unit, heading=kind == "heading"))
    return sentences


def _can_take_item(previous: str, item: str) -> bool:
    # An intro ending in ":" means nothing without its items, so they travel together.
    intro = previous.split("\n", 1)[0]
    return intro.endswith(":") and len(previous) + len(item) < _MAX_LIST_BLOCK


def _units(text: str) -> list[tuple[str, str]]:
    """Paragraphs with wrapped lines joined, list items and headings as units of their own."""
    units: list[tuple[str, str]] = []
    current: list[str] = []
    kind = "prose"

    def flush() -> None:
        if current:
            units.append((kind, " ".join(current)))
            current.clear()

    lines = text.replace("\r\n", "\n").split("\n")
    for i, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line:
            flush()
            kind = "prose"
        elif _HEADING.match(line) or (not current and _looks_like_heading(line, lines[i + 1 :])):
            flush()
            units.append(("heading", _HEADING.sub("", line)))
            kind = "prose"
        elif _LIST_ITEM.match(line):
            flush()
            current.append(line)
            kind = "item"
        elif kind == "item" and _ends_item(current[-1], line):
            flush()
            current.append(line)
            kind = "prose"
        else:
            current.append(line)
    flush()
    return units


def _ends_item(item_line: str, line: str) -> bool:
    # A wrapped item continues in lower case; a finished item followed by a capital is prose.
    return bool(re.search(r"[.!?;…]$", item_line)) and bool(_NEXT_STARTS_SENTENCE.match(line))


def _looks_like_heading(line: str, rest: list[str]) -> bool:
    # A short unpunctuated line opening a paragraph would otherwise glue itself to the first
    # sentence ("Mitose A mitose é ..."); PDF text keeps such titles on their own line.
    following = next((r.strip() for r in rest if r.strip()), "")
    return (
        len(line) <= 60
        and len(line.split()) <= 8
        and not re.search(r"[.!?:;,…]$", line)
        and bool(_NEXT_STARTS_SENTENCE.match(following))
        and not _LIST_ITEM.match(line)
    )


def _split_prose(unit: str) -> list[str]:
    lowercase = _is_lowercase_text(unit)
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(unit):
        starts = _NEXT_STARTS_SENTENCE.match(unit, match.end()) or (
            lowercase and _NEXT_STARTS_LOWER.match(unit, match.end())
        )
        if not starts:
            continue
        if _ends_with_abbreviation(unit[start : match.start()], unit[match.start()]):
            continue
        sentences.append(unit[start : match.end()].strip())
        start = match.end()
    tail = unit[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_lowercase_text(unit: str) -> bool:
    """True when sentences here mostly start in lower case: text written or OCR'd caseless.

    Cased prose keeps the old rule (a period before a lower-case word is an abbreviation
    more often than an ending); caseless text would otherwise be one endless sentence.
    """
    upper = lower = 0
    for match in _BOUNDARY.finditer(unit):
        after = unit[match.end() : match.end() + 2].lstrip("\"'“‘«([")[:1]
        upper += after.isupper()
        lower += after.islower()
    return lower > upper


def _ends_with_abbreviation(before: str, punctuation: str) -> bool:
    if punctuation != ".":
        return False
    found = _LAST_WORD.search(before)
    if not found:
        return False
    word = found.group(1).lstrip("([\"'“«").lower()
    # Single-letter initials ("J. Silva") and dotted forms ("e.g.", "i.e.") are not endings.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def statements(text: str) -> list[str]:
    """The sentences of a passage that could answer a question: not headings, not fragments
    of a few words, not entries of a table of contents or an index."""
    return [
        unit.text
        for unit in sentence_units(text)
        if not unit.heading
        and not _DOT_LEADER.search(unit.text)
        and _words(unit.text) >= MIN_SENTENCE_WORDS
    ]


def _words(text: str) -> int:
    """Words holding a letter or a digit: ". . ." and "<-" are none."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))
