"""A PDF's pages through PDFium: the text of each page, with paragraph gaps, and the outline."""

from __future__ import annotations

import ctypes
import itertools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from chatgepeto.errors import IngestError
from chatgepeto.ingest.formats.common import clean_text, malformed_error, too_much_text_error

# PDFium keeps global state and is not thread-safe, even across documents: one at a time.
_PDFIUM = threading.Lock()
# A line that starts this many usual line pitches below the previous one follows a
# blank line's worth of space: a new paragraph (PDFium gives no blank lines).
_GAP_PITCHES = 1.6
# Visible characters read, over the text limit, at which reading stops: repairs and running
# headers never take away a fifth of a document's text, so the final count would fail too.
_EARLY_TEXT_MARGIN = 1.25
# 1-based page -> its outline headings, (level from 1, title) in outline order.
Outline = dict[int, list[tuple[int, str]]]

logger = logging.getLogger(__name__)


def _encrypted_error() -> IngestError:
    return IngestError(
        "Este PDF está protegido por senha ou criptografado. Remova a proteção e envie "
        "novamente. / This PDF is password-protected or encrypted: remove the protection.",
        code="encrypted_document",
    )


@contextmanager
def open_pdf(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """The document, opened with the empty password (what viewers try), under the lock."""
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise _encrypted_error() from exc
            raise malformed_error("PDF") from exc
        try:
            yield document
        finally:
            document.close()


def page_count(data: bytes) -> int:
    """Pages of a PDF, from its page tree alone; IngestError when it cannot be opened."""
    with open_pdf(data) as document:
        return len(document)


def _height(textpage: pdfium.PdfTextPage, text_index: int) -> float | None:
    """Baseline height of the character at a text index, None when it has no place."""
    x, y = ctypes.c_double(), ctypes.c_double()
    char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
    if char >= 0 and pdfium_c.FPDFText_GetCharOrigin(textpage, char, x, y):
        return float(y.value)
    return None


def _line_starts(lines: list[str]) -> Iterator[tuple[str, int]]:
    """Each line with its text index: PDFium counts text in UTF-16 units, "\\r\\n" between."""
    offset = 0
    for line in lines:
        yield line, offset
        offset += _units(line) + 2


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _line_ends(textpage: pdfium.PdfTextPage, lines: list[str]) -> list[tuple[float, float] | None]:
    """Baseline heights of each line's first and last visible characters; None if blank.

    Both ends, because PDFium joins a line that ends in a hyphenation point to the next.
    """
    ends: list[tuple[float, float] | None] = []
    for line, offset in _line_starts(lines):
        first = len(line) - len(line.lstrip())
        last = len(line.rstrip()) - 1
        top = _height(textpage, offset + _units(line[:first])) if line.strip() else None
        bottom = _height(textpage, offset + _units(line[:last])) if top is not None else None
        ends.append((top, bottom) if top is not None and bottom is not None else None)
    return ends


def _line_sizes(textpage: pdfium.PdfTextPage, lines: list[str]) -> list[tuple[float, str]]:
    """(font size of its first visible character, line) for each line that shows text."""
    sized = []
    for line, offset in _line_starts(lines):
        if not line.strip():
            continue
        first = len(line) - len(line.lstrip())
        char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, offset + _units(line[:first]))
        if char >= 0:
            sized.append((float(pdfium_c.FPDFText_GetFontSize(textpage, char)), line.strip()))
    return sized


def _with_gaps(textpage: pdfium.PdfTextPage, text: str) -> str:
    """The page text with a blank line where the page leaves vertical space."""
    lines = text.split("\r\n")
    shown = [(i, ends) for i, ends in enumerate(_line_ends(textpage, lines)) if ends]
    steps = [(i, before[1] - now[0]) for (_, before), (i, now) in itertools.pairwise(shown)]
    # A step up is a new column; the lower quartile is the body's line pitch even on a
    # short page or one with subscripts or big gaps.
    pitches = sorted(step for _, step in steps if step > 0)
    if len(pitches) < 2:
        return "\n".join(lines)
    usual = pitches[len(pitches) // 4]
    gaps = {i for i, step in steps if step > _GAP_PITCHES * usual}
    return "\n".join(("\n" + line) if i in gaps else line for i, line in enumerate(lines))


def _page_text(document: pdfium.PdfDocument, index: int) -> tuple[str, list[tuple[float, str]]]:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            text = str(textpage.get_text_range())
            return _with_gaps(textpage, text), _line_sizes(textpage, text.split("\r\n"))
        finally:
            textpage.close()
    finally:
        page.close()


def page_texts(
    document: pdfium.PdfDocument, max_text_chars: int | None = None
) -> tuple[dict[int, str], list[int], dict[int, list[tuple[float, str]]]]:
    """Text of each 1-based page, the pages whose content PDFium could not load, and each
    page's lines with their font sizes.

    With `max_text_chars`, reading stops with `too_much_text` as soon as the pages read
    hold clearly more text than that (before OCR, repairs and chunking spend on it).
    """
    texts: dict[int, str] = {}
    sizes: dict[int, list[tuple[float, str]]] = {}
    broken: list[int] = []
    visible = 0
    for number in range(1, len(document) + 1):
        try:
            texts[number], sizes[number] = _page_text(document, number - 1)
        except MemoryError:
            raise
        except Exception:  # one damaged page must not cost the teacher the others
            logger.warning("PDF page %s could not be read", number, exc_info=True)
            texts[number], sizes[number] = "", []
            broken.append(number)
        visible += len("".join(texts[number].split()))
        if max_text_chars is not None and visible > _EARLY_TEXT_MARGIN * max_text_chars:
            raise too_much_text_error(max_text_chars)
    return texts, broken, sizes


def outline(document: pdfium.PdfDocument) -> Outline:
    """Bookmarks by 1-based page: (level from 1, title), in outline order."""
    headings: Outline = {}
    try:
        for bookmark in document.get_toc():
            dest = bookmark.get_dest()
            index = dest.get_index() if dest is not None else None
            title = clean_text(bookmark.get_title() or "")
            if index is not None and title and 0 <= index < len(document):
                headings.setdefault(index + 1, []).append((bookmark.level + 1, title))
    except Exception:  # a broken outline costs the headings, not the text
        logger.warning("PDF outline could not be read", exc_info=True)
    return headings
