"""The single entry point of ingestion: bytes and a file name in, blocks out."""

from __future__ import annotations

import importlib
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from io import BytesIO

from chatgepeto.errors import IngestError
from chatgepeto.ingest import detect, quality
from chatgepeto.ingest.formats.common import (
    empty_document_error,
    malformed_error,
    too_much_text_error,
)
from chatgepeto.ingest.formats.pdf_pages import page_count
from chatgepeto.ingest.types import ParsedDocument

logger = logging.getLogger(__name__)

Parser = Callable[[bytes], ParsedDocument]

_SLIDE = re.compile(r"^ppt/slides/slide\d+\.xml$")
_INFLATE_STEP = 1 << 20
# Bytes of a text file per character of its text, past which it is refused unread: UTF-32
# takes four (Portuguese in UTF-8 about 1.05); HTML's markup gets as much again.
_BYTES_PER_CHAR = {detect.MARKDOWN: 4, detect.PLAIN_TEXT: 4, detect.HTML: 8}


@dataclass(frozen=True)
class IngestLimits:
    """What one document may hold before it is refused: pages (or slides) and text."""

    max_pages: int
    max_text_chars: int

    def __post_init__(self) -> None:
        if self.max_pages <= 0 or self.max_text_chars <= 0:
            raise ValueError(f"limits must be > 0, got {self.max_pages} and {self.max_text_chars}")


# content type -> (parser module, the name a teacher knows the format by). Imported when
# first needed: each parse runs in a fresh child (sandbox.py), which then loads one library
# (PDFium alone for a PDF) instead of all of them, 0.3 s of its start.
PARSERS: dict[str, tuple[str, str]] = {
    detect.PDF: ("pdf", "PDF"),
    detect.DOCX: ("docx", "DOCX"),
    detect.PPTX: ("pptx", "PPTX"),
    detect.MARKDOWN: ("markdown", "Markdown"),
    detect.HTML: ("html", "HTML"),
    detect.PLAIN_TEXT: ("text", "TXT"),
}


def _parser(content_type: str, limits: IngestLimits | None) -> tuple[Parser, str]:
    module, label = PARSERS[content_type]
    parser: Callable[..., ParsedDocument] = getattr(
        importlib.import_module(f"chatgepeto.ingest.formats.{module}"), f"parse_{module}"
    )
    if limits and content_type == detect.PDF:
        return partial(parser, max_text_chars=limits.max_text_chars), label
    return parser, label


def parse_document(
    data: bytes, filename: str, limits: IngestLimits | None = None, *, assess: bool = True
) -> ParsedDocument:
    """Detect the format of an upload and parse it into blocks in reading order.

    Every failure is an IngestError with a code and a message for the teacher;
    a library exception on a damaged file becomes `malformed_document`. With `limits`,
    a document larger than they allow is refused before (or as soon as) its text is read.
    `assess=False` leaves `suspect_pages` to a later `assess_quality`.
    """
    content_type = detect.detect_content_type(data, filename)
    if limits:
        _check_size(data, content_type, limits)
    parser, label = _parser(content_type, limits)
    try:
        if content_type in (detect.DOCX, detect.PPTX):
            _inflate_in_steps(data)
        document = parser(data)
    except (IngestError, MemoryError):  # a MemoryError is the sandbox's to report
        raise
    except Exception as exc:  # parsers of untrusted files fail in any way; none may leak
        logger.warning("could not parse %r as %s", filename, content_type, exc_info=True)
        raise malformed_error(label) from exc
    if not document.blocks:
        raise empty_document_error()
    if limits and sum(len(block.text) for block in document.blocks) > limits.max_text_chars:
        raise too_much_text_error(limits.max_text_chars)
    return assess_quality(document) if assess else document


def assess_quality(document: ParsedDocument) -> ParsedDocument:
    """The document with its suspect pages (corrupted text layers) flagged.

    Here, not in each parser: every paged format (PDF pages, PPTX slides) is checked. Apart
    from parsing, because its vocabulary takes 0.6 s to load: a long-lived worker loads it
    once, while every parse starts a fresh child.
    """
    return replace(document, suspect_pages=quality.suspect_pages(document.blocks))


def _too_many_pages_error(pages: int, limit: int) -> IngestError:
    return IngestError(
        f"O documento tem {pages} páginas (ou slides); o limite é {limit}. Divida-o em partes "
        f"menores e envie cada uma. / The document has {pages} pages; the limit is {limit}.",
        code="too_many_pages",
    )


def _check_size(data: bytes, content_type: str, limits: IngestLimits) -> None:
    """Refuse, before it is read, a document larger than its limits could ever allow."""
    pages = _page_count(data, content_type)
    if pages is not None and pages > limits.max_pages:
        raise _too_many_pages_error(pages, limits.max_pages)
    per_char = _BYTES_PER_CHAR.get(content_type)
    if per_char is not None and len(data) > per_char * limits.max_text_chars:
        raise too_much_text_error(limits.max_text_chars)


def _inflate_in_steps(data: bytes) -> None:
    """Inflate every entry a step at a time, before the Office library reads it whole.

    The upload check trusts the sizes the ZIP declares; zipfile stops at the declared size
    but inflates a whole read in one call, so an entry that claims 4 KiB and holds 1 GiB
    costs a gigabyte of memory in `ZipFile.read`. Read in steps, it fails its CRC at once.
    """
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for entry in archive.infolist():
            with archive.open(entry) as stream:
                while stream.read(_INFLATE_STEP):
                    pass


def _page_count(data: bytes, content_type: str) -> int | None:
    """Pages of a PDF or slides of a PPTX, read from the structure alone; None if unknown."""
    try:
        if content_type == detect.PDF:
            return page_count(data)
        if content_type == detect.PPTX:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                return sum(1 for name in archive.namelist() if _SLIDE.match(name))
    except Exception:  # damaged or encrypted: the parser itself says so, in its words
        return None
    return None
