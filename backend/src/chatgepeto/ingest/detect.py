"""Decide a file's format from its bytes (and its extension for text kinds)."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import PurePath

from chatgepeto.errors import IngestError
from chatgepeto.ingest.formats.common import (
    ACCEPTED_FORMATS,
    empty_document_error,
    malformed_error,
)
from chatgepeto.ingest.formats.text import decode_text, has_bom

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MARKDOWN = "text/markdown"
HTML = "text/html"
PLAIN_TEXT = "text/plain"

# Zip bomb defence: what the entries declare is what zipfile will inflate at most.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000

# Formats recognised by their bytes: with this extension but other bytes, the file is damaged.
_BINARY_EXTENSIONS = {".docx": "DOCX", ".pptx": "PPTX", ".pdf": "PDF"}
_MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
_PLAIN_EXTENSIONS = {".txt", ".text"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .ppt, .xls before 2007
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
# Text has tabs, newlines, form feeds and the odd escape; binaries are full of controls.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
_MAX_CONTROL_SHARE = 0.01


def unsupported_type_error() -> IngestError:
    """The file is none of the formats we read."""
    return IngestError(
        f"Este tipo de arquivo não é aceito. Envie um arquivo {ACCEPTED_FORMATS}. "
        "/ Unsupported file type: we accept PDF, DOCX, PPTX, Markdown, HTML and plain text.",
        code="unsupported_type",
    )


def _legacy_office_error() -> IngestError:
    return IngestError(
        "Arquivos .doc e .ppt (formato antigo do Office) não são aceitos: abra no Word ou "
        "PowerPoint, salve como .docx ou .pptx e envie de novo. "
        "/ Legacy .doc/.ppt files are not supported: save them as .docx or .pptx.",
        code="unsupported_type",
    )


def _too_large_error() -> IngestError:
    limit_mb = MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
    return IngestError(
        f"Este arquivo, descompactado, passaria de {limit_mb} MB, o limite para DOCX e PPTX. "
        "Reduza as imagens ou divida o documento em partes. "
        f"/ Uncompressed, this file would exceed {limit_mb} MB.",
        code="too_large_uncompressed",
    )


def _office_type(data: bytes, extension: str) -> str:
    """DOCX or PPTX by the parts the ZIP holds, after the zip bomb check."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        if extension in _BINARY_EXTENSIONS:
            raise malformed_error(_BINARY_EXTENSIONS[extension]) from exc
        raise unsupported_type_error() from exc
    names = {entry.filename for entry in entries}
    if "word/document.xml" in names:
        content_type = DOCX
    elif "ppt/presentation.xml" in names:
        content_type = PPTX
    else:
        raise unsupported_type_error()  # a plain .zip, .xlsx, .odt...
    declared = sum(entry.file_size for entry in entries)
    if declared > MAX_UNCOMPRESSED_BYTES or len(entries) > MAX_ZIP_ENTRIES:
        raise _too_large_error()
    return content_type


def looks_binary(data: bytes) -> bool:
    """Whether the bytes are not text: NUL bytes or many control characters."""
    if has_bom(data):
        return False  # UTF-16/32 text is full of NULs
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _text_type(data: bytes, extension: str) -> str:
    """Markdown, HTML or plain text: the extension first, then a look at the start."""
    if extension in _MARKDOWN_EXTENSIONS:
        return MARKDOWN
    if extension in _HTML_EXTENSIONS:
        return HTML
    if extension not in _PLAIN_EXTENSIONS and _HTML_START.match(decode_text(data[:2048])):
        return HTML
    return PLAIN_TEXT


def detect_content_type(data: bytes, filename: str) -> str:
    """The MIME type of an upload, or an IngestError saying why it cannot be read."""
    if not data:
        raise empty_document_error()
    extension = PurePath(filename).suffix.lower()
    # PDF readers accept the header after some leading junk; we do when the name says
    # PDF, so a text file that merely mentions "%PDF-" stays text.
    if data.startswith(b"%PDF-") or (extension == ".pdf" and b"%PDF-" in data[:1024]):
        return PDF
    if data.startswith(_ZIP_MAGIC):
        return _office_type(data, extension)
    if extension in _BINARY_EXTENSIONS:
        raise malformed_error(_BINARY_EXTENSIONS[extension])
    if data.startswith(_OLE2_MAGIC) or extension in {".doc", ".ppt"}:
        raise _legacy_office_error()
    if looks_binary(data):
        raise unsupported_type_error()
    return _text_type(data, extension)
