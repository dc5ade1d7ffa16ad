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


def _line_ends(textpage: pdfium.PdfTextPage, lines: list[str]) -> list[tuple[float, float] | None]:
    """Baseline heights of each line's first and last visible characters; None if blank.

    Both ends, because PDFium joins a line that ends in a hyphenation point to the next.
    """
    ends: list[tuple[float, float] | None] = []
    offset = 0  # PDFium counts text in UTF-16 units

    def units(text: str) -> int:
        return len(text.encode("utf-16-le")) // 2

    for line in lines:
        first = len(line) - len(line.lstrip())
        last = len(line.rstrip()) - 1
        top = _height(textpage, offset + units(line[:first])) if line.strip() else None
        bottom = _height(textpage, offset + units(line[:last])) if top is not None else None
        ends.append((top, bottom) if top is not None and bottom is not None else None)
        offset += units(line) + 2  # the "\r\n" PDFium inserts
    return ends


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


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return _with_gaps(textpage, str(textpage.get_text_range()))
        finally:
            textpage.close()
    finally:
        page.close()


def page_texts(
    document: pdfium.PdfDocument, max_text_chars: int | None = None
) -> tuple[dict[int, str], list[int]]:
    """Text of each 1-based page, and the pages whose content PDFium could not load.

    With `max_text_chars`, reading stops with `too_much_text` as soon as the pages read
    hold clearly more text than that (before OCR, repairs and chunking spend on it).
    """
    texts: dict[int, str] = {}
    broken: list[int] = []
    visible = 0
    for number in range(1, len(document) + 1):
        try:
            texts[number] = _page_text(document, number - 1)
        except MemoryError:
            raise
        except Exception:  # one damaged page must not cost the teacher the others
            logger.warning("PDF page %s could not be read", number, exc_info=True)
            texts[number] = ""
            broken.append(number)
        visible += len("".join(texts[number].split()))
        if max_text_chars is not None and visible > _EARLY_TEXT_MARGIN * max_text_chars:
            raise too_much_text_error(max_text_chars)
    return texts, broken


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
