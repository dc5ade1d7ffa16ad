"""DOCX: paragraphs and tables in body order; Heading N styles build the path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from chatgepeto.ingest.formats.common import BlockBuilder, join_cells
from chatgepeto.ingest.types import ParsedDocument

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Word stores built-in names in English ("Heading 1"); some editors save the
# Portuguese UI name ("Título 1") as a custom style.
_HEADING_STYLE = re.compile(r"^(?:heading|t[íi]tulo)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "título", "titulo"}
# A custom style "based on" Heading 2 is still a heading; the chain is short.
_MAX_STYLE_DEPTH = 5


def heading_level(paragraph: Paragraph) -> int | None:
    """The outline level of a paragraph's style (Title is 0), or None for body text."""
    style = paragraph.style
    for _ in range(_MAX_STYLE_DEPTH):
        if style is None:
            return None
        name = (style.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 0
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1))
        style = style.base_style
    return None


def _cell_text(cell: _Cell) -> str:
    parts: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            parts.append(item.text)
        else:
            parts.extend(table_rows(item))
    return "\n".join(parts)


def table_rows(table: Table) -> Iterator[str]:
    """Each row of a table as one line of cell texts; merged cells counted once."""
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell))
        yield join_cells(cells)


def parse_docx(data: bytes) -> ParsedDocument:
    """Blocks of a Word document in body order, under their heading path."""
    document = docx.Document(BytesIO(data))
    builder = BlockBuilder()
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in table_rows(item):
                builder.paragraph(row)
            continue
        level = heading_level(item)
        if level is None:
            builder.paragraph(item.text)
        else:
            builder.heading(item.text, level)
    return ParsedDocument(builder.blocks, CONTENT_TYPE)
