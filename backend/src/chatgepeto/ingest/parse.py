"""The single entry point of ingestion: bytes and a file name in, blocks out."""

from __future__ import annotations

import logging
from collections.abc import Callable

from chatgepeto.errors import IngestError
from chatgepeto.ingest import detect
from chatgepeto.ingest.formats.common import empty_document_error, malformed_error
from chatgepeto.ingest.formats.docx import parse_docx
from chatgepeto.ingest.formats.html import parse_html
from chatgepeto.ingest.formats.markdown import parse_markdown
from chatgepeto.ingest.formats.pdf import parse_pdf
from chatgepeto.ingest.formats.pptx import parse_pptx
from chatgepeto.ingest.formats.text import parse_text
from chatgepeto.ingest.types import ParsedDocument

logger = logging.getLogger(__name__)

Parser = Callable[[bytes], ParsedDocument]

# content type -> (parser, the name a teacher knows the format by)
PARSERS: dict[str, tuple[Parser, str]] = {
    detect.PDF: (parse_pdf, "PDF"),
    detect.DOCX: (parse_docx, "DOCX"),
    detect.PPTX: (parse_pptx, "PPTX"),
    detect.MARKDOWN: (parse_markdown, "Markdown"),
    detect.HTML: (parse_html, "HTML"),
    detect.PLAIN_TEXT: (parse_text, "TXT"),
}


def parse_document(data: bytes, filename: str) -> ParsedDocument:
    """Detect the format of an upload and parse it into blocks in reading order.

    Every failure is an IngestError with a code and a message for the teacher;
    a library exception on a damaged file becomes `malformed_document`.
    """
    content_type = detect.detect_content_type(data, filename)
    parser, label = PARSERS[content_type]
    try:
        document = parser(data)
    except IngestError:
        raise
    except Exception as exc:  # parsers of untrusted files fail in any way; none may leak
        logger.warning("could not parse %r as %s", filename, content_type, exc_info=True)
        raise malformed_error(label) from exc
    if not document.blocks:
        raise empty_document_error()
    return document
