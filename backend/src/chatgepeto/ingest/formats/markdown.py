"""Markdown: ATX and Setext headings build the path; paragraphs, list items, code are blocks."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from chatgepeto.ingest.formats.common import BlockBuilder, join_cells
from chatgepeto.ingest.formats.html import html_fragment_text
from chatgepeto.ingest.formats.text import decode_text
from chatgepeto.ingest.types import ParsedDocument

CONTENT_TYPE = "text/markdown"

# YAML front matter ("---" ... "---") would otherwise read as a Setext heading.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_INLINE_TEXT = {"text", "code_inline", "image"}


def _inline_text(token: Token) -> str:
    """The visible text of an inline token: markup, link targets and raw HTML dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _walk(tokens: list[Token], builder: BlockBuilder) -> None:
    row: list[str] | None = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            builder.heading(_inline_text(tokens[i + 1]), level=int(token.tag[1:]))
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            builder.paragraph(join_cells(row))
            row = None
        elif token.type == "inline" and row is not None:
            row.append(_inline_text(token))
        elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            builder.paragraph(_inline_text(token))
        elif token.type in ("fence", "code_block"):
            builder.paragraph(token.content, code=True)
        elif token.type == "html_block":
            builder.paragraph(html_fragment_text(token.content))


def parse_markdown(data: bytes) -> ParsedDocument:
    """Blocks of a Markdown file in reading order, under their heading path."""
    source = decode_text(data).replace("\r\n", "\n")
    source = _FRONT_MATTER.sub("", source, count=1)
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    builder = BlockBuilder()
    _walk(tokens, builder)
    return ParsedDocument(builder.blocks, CONTENT_TYPE)
