"""Each page's text as the source viewer shows it, and where every chunk sits in it.

A chunk's text is its blocks' text with the whitespace collapsed and sometimes cut at
sentences, so it is found in its page's text by comparing with the whitespace left out: the
offsets then point at the page text itself, line breaks and all.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace

from chatgepeto.ingest.types import Block, ChunkDraft, PageText

BLOCK_SEPARATOR = "\n\n"
# When a chunk is not found whole, its first and last characters (whitespace left out) are
# looked for on their own: a passage whose middle was rewritten still gets its span.
_EDGE = 48


def page_texts(blocks: Iterable[Block]) -> list[PageText]:
    """The text of every page in reading order; a document without pages is one page None."""
    parts: dict[int | None, list[str]] = {}
    headings: dict[int | None, list[tuple[int, int, int]]] = {}
    sizes: dict[int | None, int] = {}
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        page = parts.setdefault(block.page, [])
        start = sizes.get(block.page, 0) + (len(BLOCK_SEPARATOR) if page else 0)
        page.append(text)
        sizes[block.page] = start + len(text)
        if block.is_heading:
            level = max(1, len(block.heading_path))
            headings.setdefault(block.page, []).append((start, start + len(text), level))
    return [
        PageText(page, BLOCK_SEPARATOR.join(texts), tuple(headings.get(page, ())))
        for page, texts in parts.items()
    ]


class Squeezed:
    """A text without its whitespace, and where each kept character was in the original
    (built once per page: a long document without pages has hundreds of chunks)."""

    def __init__(self, text: str) -> None:
        self.where = [i for i, ch in enumerate(text) if not ch.isspace()]
        self.text = "".join(text[i] for i in self.where)

    def span(self, start: int, stop: int) -> tuple[int, int]:
        """The original [start, end) of squeezed characters [start, stop)."""
        return self.where[start], self.where[stop - 1] + 1


def find_passage(page_text: str | Squeezed, passage: str, after: int = 0) -> tuple[int, int] | None:
    """Where `passage` is in `page_text` (whitespace aside), searching from offset `after`
    first and then from the start; None when neither it nor both its edges are there."""
    page = page_text if isinstance(page_text, Squeezed) else Squeezed(page_text)
    wanted = "".join(passage.split())
    if not wanted or not page.text:
        return None
    begin = bisect_left(page.where, after)
    for origin in (begin, 0):
        at = page.text.find(wanted, origin)
        if at >= 0:
            return page.span(at, at + len(wanted))
    head, tail = wanted[:_EDGE], wanted[-_EDGE:]
    for origin in (begin, 0):
        first = page.text.find(head, origin)
        last = page.text.find(tail, first) if first >= 0 else -1
        if first >= 0 and last >= 0:
            return page.span(first, last + len(tail))
    return None


def locate(drafts: Sequence[ChunkDraft], pages: Sequence[PageText]) -> list[ChunkDraft]:
    """The drafts with their [char_start, char_end) in their page's text (None if not found).

    Chunks come in reading order, so each is looked for from where the previous one on its
    page began (overlapping chunks share sentences): a paragraph repeated on a page is
    matched to its own occurrence.
    """
    by_page = {page.page: Squeezed(page.text) for page in pages}
    cursor: dict[int | None, int] = {}
    located: list[ChunkDraft] = []
    for draft in drafts:
        text = by_page.get(draft.page)
        span = find_passage(text, draft.text, cursor.get(draft.page, 0)) if text else None
        if span is None:
            located.append(draft)
            continue
        cursor[draft.page] = span[0] + 1
        located.append(replace(draft, char_start=span[0], char_end=span[1]))
    return located
