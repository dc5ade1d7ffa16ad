"""Plain text in any common encoding: paragraphs are separated by blank lines."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from chatgepeto.ingest.formats.common import BlockBuilder
from chatgepeto.ingest.types import ParsedDocument

CONTENT_TYPE = "text/plain"

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BLANK_LINE = re.compile(r"\n\s*\n")


def has_bom(data: bytes) -> bool:
    """Whether the bytes start with a Unicode byte-order mark."""
    return any(data.startswith(bom) for bom, _ in _BOMS)


def decode_text(data: bytes) -> str:
    """The bytes as text: BOM, then UTF-8, then Windows-1252, then a detector's guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Legacy Brazilian files are Windows-1252 (Latin-1's superset for text). The
    # detector misreads short Portuguese samples ("Educação" as cp1006 or cp1250),
    # so it only decides bytes that Windows-1252 cannot decode.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("latin-1")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by one or more blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in _BLANK_LINE.split(text) if p.strip()]


def parse_text(data: bytes) -> ParsedDocument:
    """Blocks for each blank-line-separated paragraph of a plain-text file."""
    builder = BlockBuilder()
    for paragraph in split_paragraphs(decode_text(data)):
        builder.paragraph(paragraph)
    return ParsedDocument(builder.blocks, CONTENT_TYPE)
