"""PDF: text by page with PDFium; pages without a text layer go to OCR when possible."""

from __future__ import annotations

import logging
import re
import time

import pypdfium2 as pdfium

from chatgepeto.errors import IngestError
from chatgepeto.ingest import ocr
from chatgepeto.ingest.formats.common import (
    BlockBuilder,
    clean_text,
    empty_document_error,
    malformed_error,
)
from chatgepeto.ingest.formats.pdf_pages import Outline, open_pdf, outline, page_texts
from chatgepeto.ingest.formats.pdf_titles import titles_by_size
from chatgepeto.ingest.repair import strip_running_lines
from chatgepeto.ingest.types import ParsedDocument

CONTENT_TYPE = "application/pdf"
OCR_IMAGE_TIMEOUT_S = 120.0
# A long scanned book must not hold a worker for hours; later pages are reported.
OCR_BUDGET_S = 600.0
# A line shorter than this share of a full line ends its paragraph (or is a heading).
_SHORT_LINE = 0.7
# Hyphenation marks (PDFium's U+FFFE, the soft hyphen): the paragraph goes on.
_CONTINUES = ("-", "\ufffe", "\u00ad")
# "1.4 Estrutura do Ficheiro", "A.3 TEX em Windows": the numbering an outline title lacks.
_SECTION_NUMBER = re.compile(r"^[\dA-Z]{1,3}(?:\.\d+)*\.?\s+")

logger = logging.getLogger(__name__)


def _resumes(line: str, following: str) -> bool:
    """A short line without an ending whose next line opens in lower case is one sentence
    broken by the layout (a line shortened by an inline command or a formula), not a
    paragraph's end or a heading."""
    return not line.endswith((".", ":", "!", "?", ";")) and following[:1].islower()


def _line_paragraphs(text: str) -> list[str]:
    """Paragraphs of a page's lines: a blank line or a short line ends one.

    PDFium gives one string per line and rarely a blank line between paragraphs;
    OCR output has them. A line much shorter than a full line is a paragraph's
    last line or a heading.
    """
    lines = [line.strip() for line in text.splitlines()]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return []
    full_line = lengths[int(0.8 * (len(lengths) - 1))]
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if line:
            current.append(line)
        ends = not line or (
            len(line) < _SHORT_LINE * full_line
            and not line.endswith(_CONTINUES)
            and not _resumes(line, lines[i + 1] if i + 1 < len(lines) else "")
        )
        if current and ends:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _ocr_one(document: pdfium.PdfDocument, number: int, binary: str, timeout_s: float) -> str:
    page = document[number - 1]
    try:
        return ocr.ocr_page(page, binary, timeout_s)
    finally:
        page.close()


def _ocr(
    document: pdfium.PdfDocument, numbers: list[int], binary: str
) -> tuple[dict[int, str], bool]:
    """OCR text for the given page numbers, and whether some page could not be OCR'd.

    A page fails when the time budget is spent or its image cannot be decoded
    (no Pillow, or a JBIG2 scan without the `jbig2dec` program).
    """
    deadline = time.monotonic() + OCR_BUDGET_S
    texts: dict[int, str] = {}
    failed = False
    for number in numbers:
        left = deadline - time.monotonic()
        if left <= 0:
            return texts, True
        try:
            texts[number] = _ocr_one(document, number, binary, min(left, OCR_IMAGE_TIMEOUT_S))
        except Exception:
            logger.warning("OCR of PDF page %s failed", number, exc_info=True)
            failed = True
    return texts, failed


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:15])
    return shown + (" …" if len(numbers) > 15 else "")


def _fill_by_ocr(document: pdfium.PdfDocument, texts: dict[int, str], warnings: list[str]) -> bool:
    """Replace empty pages' text with OCR output; True when some page could not be OCR'd."""
    binary = ocr.tesseract_path()
    empty = [n for n, text in texts.items() if not clean_text(text)]
    if not empty or binary is None:
        return False
    found, failed = _ocr(document, empty, binary)
    read = [n for n, text in found.items() if clean_text(text)]
    for number in read:
        texts[number] = found[number]
    if read:
        warnings.append(
            f"Páginas lidas por OCR (confira o texto): {_page_list(read)}. "
            f"/ Pages read by OCR: {_page_list(read)}."
        )
    if failed:
        warnings.append(
            "O OCR não conseguiu ler algumas páginas digitalizadas (tempo esgotado, imagem "
            "grande demais ou em formato não suportado). / OCR could not read some scanned pages."
        )
    return failed


def _no_text_error(broken: list[int], page_count: int, ocr_failed: bool) -> IngestError:
    """Why a PDF gave no text at all: damaged, scanned without (working) OCR, or empty."""
    if len(broken) == page_count:
        return malformed_error("PDF")
    if ocr_failed or ocr.tesseract_path() is None:
        return ocr.needs_ocr_error()
    return empty_document_error()


def _skipped_warning(skipped: list[int]) -> str:
    pages = _page_list(skipped)
    if ocr.tesseract_path() is None:
        return (
            f"Páginas sem texto foram ignoradas: {pages}. Se forem digitalizadas, precisam de "
            f"OCR. / Pages without text were skipped (scanned pages need OCR): {pages}."
        )
    return f"Páginas sem texto legível foram ignoradas: {pages}. / Pages without text: {pages}."


def _heading_key(text: str) -> str:
    return " ".join(_SECTION_NUMBER.sub("", text).casefold().split())


def _slots(keys: list[str], headings: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """For each paragraph (and one past the last), the outline headings that open it.

    A heading goes before the paragraph that holds its title ("1.4 Estrutura do
    Ficheiro" for "Estrutura do Ficheiro"), else right after the previous heading.
    """
    slots: list[list[tuple[int, str]]] = [[] for _ in range(len(keys) + 1)]
    start = 0
    for level, title in headings:
        wanted = _heading_key(title)
        found = next((i for i in range(start, len(keys)) if keys[i] == wanted), None)
        slots[start if found is None else found].append((level, title))
        start = start if found is None else found + 1
    return slots


def _add_page(
    builder: BlockBuilder, number: int, text: str, headings: list[tuple[int, str]]
) -> None:
    """The page's paragraphs, with its outline headings where their titles stand."""
    paragraphs = _line_paragraphs(text)
    if not headings:
        for paragraph in paragraphs:
            builder.paragraph(paragraph, page=number, join_hyphens=True)
        return
    keys = [_heading_key(clean_text(p)) for p in paragraphs]
    for index, slot in enumerate(_slots(keys, headings)):
        for level, title in slot:
            # The page's own wording keeps the section number students cite.
            is_title = index < len(keys) and keys[index] == _heading_key(title)
            builder.heading(paragraphs[index] if is_title else title, level, page=number)
        if index < len(keys) and not (slot and keys[index] == _heading_key(slot[-1][1])):
            builder.paragraph(paragraphs[index], page=number, join_hyphens=True)


def _read(
    data: bytes, warnings: list[str], max_text_chars: int | None
) -> tuple[dict[int, str], list[int], Outline, bool]:
    """Page texts (OCR filling the empty ones), broken pages, headings (the outline, else
    the lines printed larger than the text), whether OCR failed."""
    with open_pdf(data) as document:
        texts, broken, sizes = page_texts(document, max_text_chars)
        ocr_failed = _fill_by_ocr(document, texts, warnings)
        return texts, broken, outline(document) or titles_by_size(sizes), ocr_failed


def parse_pdf(data: bytes, max_text_chars: int | None = None) -> ParsedDocument:
    """Blocks of each page's paragraphs, with the 1-based page number; with `max_text_chars`,
    a PDF whose pages clearly hold more text is refused while they are read."""
    warnings: list[str] = []
    texts, broken, headings, ocr_failed = _read(data, warnings, max_text_chars)
    numbers = sorted(texts)
    pages = dict(zip(numbers, strip_running_lines([texts[n] for n in numbers]), strict=True))
    builder = BlockBuilder()
    for number in numbers:
        _add_page(builder, number, pages[number], headings.get(number, []))
    if not any(not block.is_heading for block in builder.blocks):
        raise _no_text_error(broken, len(numbers), ocr_failed)
    skipped = [n for n, text in texts.items() if not clean_text(text)]
    if skipped:
        warnings.append(_skipped_warning(skipped))
    return ParsedDocument(builder.blocks, CONTENT_TYPE, page_count=len(numbers), warnings=warnings)
