"""Data that flows out of ingestion: parsed blocks and the chunks cut from them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """A structural unit of a document: a heading or a paragraph, with where it sits."""

    text: str
    page: int | None = None
    heading_path: tuple[str, ...] = ()
    is_heading: bool = False


@dataclass(frozen=True)
class ParsedDocument:
    """What a parser returns: the blocks in reading order and the detected content type."""

    blocks: list[Block]
    content_type: str
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)
    # 1-based pages whose text layer looks corrupted (glued words, broken accents, garbage).
    suspect_pages: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ChunkDraft:
    """A chunk before storage: text plus its page and heading path."""

    text: str
    page: int | None
    heading_path: tuple[str, ...]
    position: int
    # Where the passage sits in its page's text (ingest/page_text.py): [char_start, char_end).
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True)
class PageText:
    """The text of one page (the whole document when it has none), as the source viewer shows
    it: its blocks' text joined by blank lines, with each heading's span and level."""

    page: int | None
    text: str
    # (start, end, level) of each heading line in `text`; level 1 is the top of the outline.
    headings: tuple[tuple[int, int, int], ...] = ()
