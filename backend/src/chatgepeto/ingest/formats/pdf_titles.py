"""Headings of a PDF without an outline, from its font sizes: a slide's title, a section's name.

Slides and many course handouts carry no bookmarks, yet print each title larger than the
text under it ("Produzindo títulos de trabalhos" at 14.3 pt over 10.9 pt text). Such lines
become the page's headings, in the same shape as the outline's, so they are placed where
they stand and give the page's passages their context.
"""

from __future__ import annotations

import re
from collections import Counter

from chatgepeto.ingest.formats.pdf_pages import Outline

# A title is at least this much larger than the body text.
TITLE_SCALE = 1.2
TITLE_WORDS = 12
# A "title" on more pages than this share (and than a title over a few slides) is a running
# header, which the page repair drops: it names no section.
RUNNING_SHARE = 0.2
RUNNING_PAGES = 4
_DIGITS = re.compile(r"\d+")
_ENDS_SENTENCE = (".", ",", ";", ":", "!", "?")


def _body_size(sizes: dict[int, list[tuple[float, str]]]) -> float | None:
    """The font size of most of the text (by characters)."""
    weight: Counter[float] = Counter()
    for lines in sizes.values():
        for size, line in lines:
            weight[round(size, 1)] += len(line)
    return weight.most_common(1)[0][0] if weight else None


def _is_title(size: float, line: str, body: float) -> bool:
    words = line.split()
    return (
        size >= TITLE_SCALE * body
        and 0 < len(words) <= TITLE_WORDS
        and any(c.isalpha() for c in line)
        and not line.endswith(_ENDS_SENTENCE)
    )


def titles_by_size(sizes: dict[int, list[tuple[float, str]]]) -> Outline:
    """The larger-than-body lines of each 1-based page as (1, title), in page order."""
    body = _body_size(sizes)
    if not body:
        return {}
    found = {
        page: [line for size, line in lines if _is_title(size, line, body)]
        for page, lines in sizes.items()
    }
    pages_of = Counter(
        key for titles in found.values() for key in {_DIGITS.sub("0", t) for t in titles}
    )
    limit = max(RUNNING_PAGES, RUNNING_SHARE * len(sizes))
    outline: Outline = {}
    for page, titles in found.items():
        # One level: sizes do not nest reliably (a word set in \Huge on an example slide
        # would become the parent of every title after it); each title opens a section.
        kept = [(1, title) for title in titles if pages_of[_DIGITS.sub("0", title)] <= limit]
        if kept:
            outline[page] = kept
    return outline
