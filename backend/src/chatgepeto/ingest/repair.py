"""Text-layer repair shared by every format: broken accents, ligatures, hyphen marks, and
the running headers and footers of paged documents."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# LaTeX PDFs made with old fonts (dvipdfm, OT1 encoding) put each accent in the text layer
# as its own spacing character *before* the letter: "apresenta¸c˜oes", "l´ıngua".
# Spacing accent -> the combining mark it stands for.
_SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # ´ acute
    "\u02dc": "\u0303",  # ˜ tilde
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u02d9": "\u0307",  # ˙ dot above
    "\u02d8": "\u0306",  # ˘ breve
    "\u02c7": "\u030c",  # ˇ caron
    "\u02da": "\u030a",  # ˚ ring above
    "\u02dd": "\u030b",  # ˝ double acute
}
_SPACING = re.compile("([" + "".join(_SPACING_ACCENTS) + "])([^\\W\\d_])")
# Verbatim (typewriter) fonts keep ASCII: "l^amina", "declara¸c~oes". Only between a letter
# and a vowel that Portuguese puts that accent on, so "\ar[r]^{1}", "x^2", "\~n" and
# "/~user" stay as they are.
_TYPEWRITER = re.compile(r"(?<=[^\W\d_])([\^~])([aeoAEO])")
_TYPEWRITER_MARKS = {"^": "\u0302", "~": "\u0303"}
# The crasis "`a" / "`as" as a word of its own; inline code ("`a`") and "a`" are left alone.
_GRAVE = re.compile(r"(?<![\w`'])`([aA])(?=s?(?![\w`']))")
# NFC leaves ligature code points alone (only NFKC maps them); students type the letters.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
# PDFium marks a hyphenation point with U+FFFE (a noncharacter), then the line break;
# U+00AD is the soft hyphen of Word and HTML. Both join the word's halves, except before
# a capital: "Addison\ufffeWesley" (pt-lshort p. 165) is a hyphen that fell at a line end.
_SOFT_HYPHEN = re.compile(r"[\u00ad\ufffe][ \t]*(?:\r\n|\r|\n)?[ \t]*(?=(.?))", re.DOTALL)


def _compose(letter: str, mark: str) -> str | None:
    """The precomposed letter, or None when Unicode has none (then nothing is changed)."""
    base = "i" if letter == "ı" else letter  # the dotless ı of "´ı" is an accented i
    composed = unicodedata.normalize("NFC", base + mark)
    return composed if len(composed) == 1 else None


def _spacing(match: re.Match[str]) -> str:
    composed = _compose(match.group(2), _SPACING_ACCENTS[match.group(1)])
    return composed or match.group(0)


def _typewriter(match: re.Match[str]) -> str:
    composed = _compose(match.group(2), _TYPEWRITER_MARKS[match.group(1)])
    return composed or match.group(0)


def repair_text(text: str, *, code: bool = False) -> str:
    """Accents recomposed, ligatures spelled out, hyphenation marks joined; then NFC.

    NFC and not NFKC: NFKC would turn "´e" into a space and a combining mark and "x²"
    into "x2". In `code` the ASCII `^`, `~` and backtick keep their meaning.
    """
    text = _SOFT_HYPHEN.sub(lambda m: "-" if m.group(1).isupper() else "", text)
    text = _SPACING.sub(_spacing, text)
    if not code:
        text = _TYPEWRITER.sub(_typewriter, text)
        text = _GRAVE.sub(lambda m: "à" if m.group(1) == "a" else "À", text)
    return unicodedata.normalize("NFC", text).translate(_LIGATURES)


# Running headers and footers ------------------------------------------------------------

# A header or footer is one short line; a longer one is body text that happens to recur.
_MAX_RUNNING_LINE = 120
# The printed page number at either end of a line: "8 Coisas Que…", "…do Ficheiro 7",
# "3", "… 2011 13/188", "Página 3 de 10".
_LEADING_NUMBER = re.compile(r"^(\d{1,4})(?:\s|$)")
_TRAILING_NUMBER = re.compile(r"(?:^|\s)(\d{1,4})(?:\s*(?:/|de|of)\s*\d{1,4})?$", re.IGNORECASE)
# A running line is on a third of the pages and at least this many: fewer is a title on a
# few slides, or "Exercício 1".."Exercício 5" on consecutive ones, not a header or footer.
_MIN_PAGES = 5


# "Capítulo 1" atop printed page 1 (pt-lshort PDF 17) carries the page's number by chance.
_LABEL = re.compile(
    r"^(?:cap[íi]tulo|chapter|parte|part|aula|li[çc][ãa]o|unidade|m[óo]dulo)\s+\d+$",
    re.IGNORECASE,
)


def _key(line: str) -> str:
    # Exact text, not digit-masked: "Exercício 1", "Exercício 2"… are titles, not a footer
    # (a footer's changing number is the page number, which the numbering rule finds).
    return " ".join(line.casefold().split())


def _printed_numbers(line: str) -> list[int]:
    if _LABEL.match(line):
        return []
    found = (_LEADING_NUMBER.search(line), _TRAILING_NUMBER.search(line))
    return [int(match.group(1)) for match in found if match]


Edge = tuple[int, str]  # a line's index on its page, and its text


def _edges(pages: list[list[str]]) -> list[tuple[Edge | None, Edge | None]]:
    """Each page's first and last non-blank line; None where none, or one too long."""
    edges: list[tuple[Edge | None, Edge | None]] = []
    for lines in pages:
        found = [i for i, line in enumerate(lines) if line.strip()]
        ends = [(i, lines[i].strip()) for i in (found[:1] + found[-1:])]
        short = [edge if len(edge[1]) <= _MAX_RUNNING_LINE else None for edge in ends]
        edges.append((short[0], short[1]) if short else (None, None))
    return edges


def _running_by_text(edges: list[tuple[Edge | None, Edge | None]], min_pages: int) -> set[str]:
    """Edge lines found on at least `min_pages` pages ("Universidade Federal de Pelotas")."""
    counts = Counter(key for page in edges for key in {_key(e[1]) for e in page if e})
    return {key for key, count in counts.items() if count >= min_pages}


def _page_offset(
    edges: list[tuple[Edge | None, Edge | None]], end: int, min_pages: int
) -> int | None:
    """PDF page minus printed page, when enough first (end 0) or last (1) lines carry it.

    Books number the body from 1 after the front matter (pt-lshort: PDF 17 is page 1),
    so the offset is the most common difference, if it is common enough to be a rule.
    """
    offsets: Counter[int] = Counter()
    for number, page in enumerate(edges, start=1):
        edge = page[end]
        if edge:
            offsets.update({number - n for n in _printed_numbers(edge[1])})
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= min_pages else None


def strip_running_lines(pages: list[str]) -> list[str]:
    """Page texts without the running header and footer lines that recur page after page.

    An edge line goes when it is on a third of the pages (and at least five), or when it
    starts or ends with the page's printed number and that numbering holds on as many.
    A slide title repeated on a few consecutive slides stays.
    """
    split = [text.splitlines() for text in pages]
    edges = _edges(split)
    with_text = sum(1 for page in edges if page != (None, None))
    min_pages = max(_MIN_PAGES, round(with_text / 3))
    by_text = _running_by_text(edges, min_pages)
    offsets = (_page_offset(edges, 0, min_pages), _page_offset(edges, 1, min_pages))
    result = []
    for number, (lines, page) in enumerate(zip(split, edges, strict=True), start=1):
        drop = set()
        for edge, offset in zip(page, offsets, strict=True):
            if edge is None:
                continue
            numbered = offset is not None and number - offset in _printed_numbers(edge[1])
            if numbered or _key(edge[1]) in by_text:
                drop.add(edge[0])
        result.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return result
