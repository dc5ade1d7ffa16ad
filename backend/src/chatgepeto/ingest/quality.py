"""How trustworthy a page's text layer looks: glued words, broken accents, garbage.

Figures are computed on the text as indexed (after repair.py), so they report what is
still wrong, not what was mended. Thresholds are conservative: a teacher is told about a
page only when its text would clearly mislead search (see tests/ingest/test_quality.py
for the real pages of the LaTeX course that must pass and the corruptions that must not).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from chatgepeto.ingest.types import Block

# Portuguese and English words stay under 25 letters ("inconstitucionalissimamente" is
# 27 and rare); a longer run of letters is words whose spaces the extractor lost.
_GLUED_LETTERS = 25
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A spacing accent still before its letter is one repair.py could not compose; one after
# a letter or alone ("a˙", the math accents of a symbol table) is no broken word.
_BROKEN_ACCENT = re.compile(
    r"[\u00b4\u02dc\u00b8\u02c6\u00a8\u02d9\u02d8\u02c7\u02da\u02dd][^\W\d_]"
)
# Quotes, brackets and sentence punctuation around a word; not "\" (\alpha is code).
_EDGE_PUNCTUATION = re.compile(r"^[\"'“”‘’«»(\[{<]+|[\"'“”‘’»)\]}>.,;:!?…]+$")
# Fewer words than this say nothing about a page (a title slide, a figure caption).
_MIN_WORDS = 20
# wordfreq's small lists (33k Portuguese, 29k English forms) ship in its wheel, so no
# network; 24 MB and 0.2 s to load, where the large ones cost 110 MB for the same verdicts
# on the LaTeX course (its index pages, full of package names, stay under 0.7 unknown).
_WORDLIST = "small"


@dataclass(frozen=True)
class PageQuality:
    """Shares over a page's tokens; `words` counts the all-letter ones the shares use."""

    tokens: int
    words: int
    glued: float  # letters in runs longer than 25 letters
    glued_runs: int  # distinct such runs
    accents: float  # tokens still holding a spacing accent before a letter ("´e", "¸c")
    unknown: float  # words in neither the Portuguese nor the English word list
    junk: float  # characters that are controls, private-use or unassigned code points

    @property
    def suspect(self) -> bool:
        """Whether the page's text layer looks corrupted (each reason is a failed page)."""
        # Distinct runs: a glued page has many different ones, while a real long word
        # ("supercalifragilisticexpialidocious" on pt-lshort p. 37) is one, maybe repeated.
        # A short slide glued whole may be one run, but a large share of its letters.
        glued = (self.glued >= 0.04 and self.glued_runs >= 2) or self.glued >= 0.1
        accents = self.accents >= 0.02 and self.accents * self.tokens >= 3
        garbage = self.junk >= 0.3 or (self.words >= _MIN_WORDS and self.unknown >= 0.75)
        return glued or accents or garbage


@cache
def _vocabulary() -> frozenset[str]:
    """Known word forms, loaded once per process and only for paged documents."""
    import wordfreq  # imported here: only quality figures need it

    words: set[str] = set()
    for language in ("pt", "en"):
        words.update(wordfreq.get_frequency_dict(language, wordlist=_WORDLIST))
    return frozenset(words)


def _is_junk(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs") or char == "\ufffd"


def page_quality(text: str) -> PageQuality:
    """The figures of one page's text."""
    tokens = text.split()
    words = [w for w in (_EDGE_PUNCTUATION.sub("", t) for t in tokens) if w.isalpha()]
    long_words = [w.lower() for w in words if len(w) > 2]  # "de", "a": no evidence
    runs = _LETTER_RUN.findall(text)
    glued = {run.lower() for run in runs if len(run) > _GLUED_LETTERS}
    chars = [c for c in text if not c.isspace()]
    known = _vocabulary()
    return PageQuality(
        tokens=len(tokens),
        words=len(words),
        glued=sum(len(r) for r in runs if len(r) > _GLUED_LETTERS) / max(sum(map(len, runs)), 1),
        glued_runs=len(glued),
        accents=sum(bool(_BROKEN_ACCENT.search(t)) for t in tokens) / max(len(tokens), 1),
        unknown=sum(w not in known for w in long_words) / max(len(long_words), 1),
        junk=sum(_is_junk(c) for c in chars) / max(len(chars), 1),
    )


def page_texts(blocks: Iterable[Block]) -> dict[int, str]:
    """The text of each page, its blocks joined (blocks without a page are left out)."""
    pages: dict[int, list[str]] = {}
    for block in blocks:
        if block.page is not None:
            pages.setdefault(block.page, []).append(block.text)
    return {page: "\n".join(texts) for page, texts in pages.items()}


def suspect_pages(blocks: Iterable[Block]) -> list[int]:
    """Sorted 1-based pages whose text layer looks corrupted."""
    return sorted(n for n, text in page_texts(blocks).items() if page_quality(text).suspect)
