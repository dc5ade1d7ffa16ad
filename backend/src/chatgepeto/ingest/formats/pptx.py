"""PPTX: one page per slide; the slide title is the heading, then text in reading order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from io import BytesIO

import pptx
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.slide import Slide

from chatgepeto.ingest.formats.common import BlockBuilder, join_cells
from chatgepeto.ingest.types import ParsedDocument

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# Repeated on every slide, they would only add noise to each slide's blocks.
_CHROME = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE}


def _reading_order(shapes: Iterable[BaseShape]) -> list[BaseShape]:
    # The XML keeps z-order; people read top to bottom, then left to right.
    return sorted(shapes, key=lambda shape: (shape.top or 0, shape.left or 0))


def _is_chrome(shape: BaseShape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in _CHROME


def _shape_texts(shape: BaseShape) -> Iterator[str]:
    """The paragraphs (or table rows) of one shape, groups opened recursively."""
    if _is_chrome(shape):
        return
    if isinstance(shape, GroupShape):
        for inner in _reading_order(shape.shapes):
            yield from _shape_texts(inner)
    elif isinstance(shape, GraphicFrame) and shape.has_table:
        for row in shape.table.rows:
            yield join_cells(cell.text for cell in row.cells)
    elif shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:  # type: ignore[attr-defined]
            yield paragraph.text


def _notes(slide: Slide) -> list[str]:
    """Speaker notes often carry the explanation the slide only hints at."""
    if not slide.has_notes_slide:
        return []
    frame = slide.notes_slide.notes_text_frame
    return [p.text for p in frame.paragraphs] if frame is not None else []


def _add_slide(builder: BlockBuilder, slide: Slide, number: int) -> None:
    builder.reset()
    title = slide.shapes.title
    if title is not None and title.has_text_frame:
        builder.heading(title.text_frame.text, level=1, page=number)
    title_id = title.shape_id if title is not None else None
    for shape in _reading_order(slide.shapes):
        if shape.shape_id == title_id:
            continue
        for text in _shape_texts(shape):
            builder.paragraph(text, page=number)
    for text in _notes(slide):
        builder.paragraph(text, page=number)


def parse_pptx(data: bytes) -> ParsedDocument:
    """Blocks of each slide, `page` being the 1-based slide number."""
    presentation = pptx.Presentation(BytesIO(data))
    builder = BlockBuilder()
    slides = list(presentation.slides)
    for number, slide in enumerate(slides, start=1):
        _add_slide(builder, slide, number)
    return ParsedDocument(builder.blocks, CONTENT_TYPE, page_count=len(slides))
