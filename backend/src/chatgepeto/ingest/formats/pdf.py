"""PDF: text by page with pypdf; pages without a text layer go to OCR when possible."""

from __future__ import annotations

import logging
import time
from io import BytesIO

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from chatgepeto.errors import IngestError
from chatgepeto.ingest import ocr
from chatgepeto.ingest.formats.common import (
    BlockBuilder,
    clean_text,
    empty_document_error,
    malformed_error,
)
from chatgepeto.ingest.types import ParsedDocument

CONTENT_TYPE = "application/pdf"
OCR_IMAGE_TIMEOUT_S = 120.0
# A long scanned book must not hold a worker for hours; later pages are reported.
OCR_BUDGET_S = 600.0
# A line shorter than this share of a full line ends its paragraph (or is a heading).
_SHORT_LINE = 0.7

logger = logging.getLogger(__name__)


def _encrypted_error() -> IngestError:
    return IngestError(
        "Este PDF está protegido por senha ou criptografado. Remova a proteção e envie "
        "novamente. / This PDF is password-protected or encrypted: remove the protection.",
        code="encrypted_document",
    )


def _open(data: bytes) -> PdfReader:
    """A reader whose page tree is known to be readable (the empty password tried)."""
    try:
        reader = PdfReader(BytesIO(data))
        _ = len(reader.pages)
    except (FileNotDecryptedError, DependencyError) as exc:
        # DependencyError: AES encryption needs the optional `cryptography` package.
        raise _encrypted_error() from exc
    return reader


def _line_paragraphs(text: str) -> list[str]:
    """Paragraphs of a page's lines: a blank line or a short line ends one.

    pypdf gives one string per line and rarely a blank line between paragraphs;
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
    for line in lines:
        if line:
            current.append(line)
        ends = not line or (len(line) < _SHORT_LINE * full_line and not line.endswith("-"))
        if current and ends:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _extract(pages: list[PageObject]) -> tuple[dict[int, str], list[int]]:
    """Text of each 1-based page, and the pages whose content pypdf could not decode."""
    texts: dict[int, str] = {}
    broken: list[int] = []
    for number, page in enumerate(pages, start=1):
        try:
            texts[number] = page.extract_text()
        except Exception:  # one damaged page must not cost the teacher the others
            logger.warning("PDF page %s could not be read", number, exc_info=True)
            texts[number] = ""
            broken.append(number)
    return texts, broken


def _ocr(pages: list[PageObject], numbers: list[int], binary: str) -> tuple[dict[int, str], bool]:
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
            texts[number] = ocr.ocr_page(pages[number - 1], binary, min(left, OCR_IMAGE_TIMEOUT_S))
        except Exception:
            logger.warning("OCR of PDF page %s failed", number, exc_info=True)
            failed = True
    return texts, failed


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:15])
    return shown + (" …" if len(numbers) > 15 else "")


def _fill_by_ocr(pages: list[PageObject], texts: dict[int, str], warnings: list[str]) -> bool:
    """Replace empty pages' text with OCR output; True when some page could not be OCR'd."""
    binary = ocr.tesseract_path()
    empty = [n for n, text in texts.items() if not clean_text(text)]
    if not empty or binary is None:
        return False
    found, failed = _ocr(pages, empty, binary)
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
            "O OCR não conseguiu ler algumas páginas digitalizadas (tempo esgotado ou imagem "
            "em formato não suportado). / OCR could not read some scanned pages."
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


def parse_pdf(data: bytes) -> ParsedDocument:
    """Blocks of each page's paragraphs, with the 1-based page number."""
    reader = _open(data)
    pages = list(reader.pages)
    texts, broken = _extract(pages)
    warnings: list[str] = []
    ocr_failed = _fill_by_ocr(pages, texts, warnings)
    builder = BlockBuilder()
    for number, text in texts.items():
        for paragraph in _line_paragraphs(text):
            builder.paragraph(paragraph, page=number, join_hyphens=True)
    if not builder.blocks:
        raise _no_text_error(broken, len(pages), ocr_failed)
    skipped = [n for n, text in texts.items() if not clean_text(text)]
    if skipped:
        warnings.append(_skipped_warning(skipped))
    return ParsedDocument(builder.blocks, CONTENT_TYPE, page_count=len(pages), warnings=warnings)
