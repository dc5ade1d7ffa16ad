"""Cut parsed blocks into retrieval chunks that follow the document's structure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from chatgepeto.ingest.sentences import split_sentences
from chatgepeto.ingest.types import Block, ChunkDraft


@dataclass(frozen=True)
class ChunkerConfig:
    """Sizes in characters.

    A paragraph is the natural unit of an answer, so paragraphs stay whole up to
    `max_chars`; shorter neighbours under the same heading and page are merged up
    to `target_chars`; longer ones are cut at sentence boundaries with
    `overlap_sentences` carried over so a fact that spans a cut is still found.
    """

    target_chars: int = 900
    max_chars: int = 1400
    overlap_sentences: int = 1

    def __post_init__(self) -> None:
        if self.target_chars <= 0:
            raise ValueError(f"target_chars must be > 0, got {self.target_chars}")
        if self.max_chars < self.target_chars:
            raise ValueError(
                f"max_chars must be >= target_chars ({self.target_chars}), got {self.max_chars}"
            )
        if self.overlap_sentences < 0:
            raise ValueError(f"overlap_sentences must be >= 0, got {self.overlap_sentences}")


def _split_long(text: str, config: ChunkerConfig) -> list[str]:
    """Windows of whole sentences of about target_chars, overlapping by whole sentences."""
    sentences = split_sentences(text)
    pieces: list[str] = []
    window: list[str] = []
    for sentence in sentences:
        if window and len(" ".join([*window, sentence])) > config.target_chars:
            pieces.append(" ".join(window))
            keep = window[-config.overlap_sentences :] if config.overlap_sentences else []
            window = keep if len(" ".join(keep)) < config.target_chars // 2 else []
        window.append(sentence)
    if window:
        pieces.append(" ".join(window))
    return [_cut_words(p, config.max_chars * 2) for p in pieces]


def _cut_words(text: str, limit: int) -> str:
    """A last resort for a single sentence longer than any sane chunk: cut at a space."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


# A chapter's or an appendix's label on its opening page ("Capítulo 2", "Appendix C").
_LABEL = re.compile(
    r"(?:cap[ií]tulo|chapter|ap[eê]ndice|appendix|anexo|annex|parte|part|unidade|unit|aula|"
    r"lesson|m[oó]dulo|module)\s+[\w.]{1,6}",
    re.IGNORECASE,
)
_TITLE_WORDS = 12


def _repeats_heading(text: str, block: Block) -> bool:
    """A line that only restates where it is: the section's title the PDF printed above its
    text (the heading path already carries it), or a bare chapter label. Alone in a chunk
    it is all title, and a short text's embedding comes close to any question on the topic."""
    if "\n" in text.strip() or len(text.split()) > _TITLE_WORDS:
        return False
    line = " ".join(text.casefold().split())
    if _LABEL.fullmatch(line):
        return True
    heading = " ".join(block.heading_path[-1].casefold().split()) if block.heading_path else ""
    # "Appendix C The command-line editor" under "C The command-line editor", or the other
    # way round; not a sentence that names its section ("Nada de senhas aqui." under "Senhas").
    if not heading or line[-1] in ".!?;:" or not (heading in line or line in heading):
        return False
    return 2 * min(len(line), len(heading)) >= max(len(line), len(heading))


def _units(blocks: Iterable[Block], config: ChunkerConfig) -> list[tuple[str, Block]]:
    units: list[tuple[str, Block]] = []
    for block in blocks:
        if block.is_heading or not block.text.strip() or _repeats_heading(block.text, block):
            continue
        text = " ".join(block.text.split())
        if len(text) <= config.max_chars:
            units.append((text, block))
        else:
            units.extend((piece, block) for piece in _split_long(text, config))
    return units


def split(blocks: Iterable[Block], config: ChunkerConfig | None = None) -> list[ChunkDraft]:
    """Chunks in reading order, each with the page and heading path it came from."""
    config = config or ChunkerConfig()
    chunks: list[ChunkDraft] = []
    buffer: list[str] = []
    anchor: Block | None = None

    def flush() -> None:
        if buffer and anchor is not None:
            chunks.append(
                ChunkDraft("\n\n".join(buffer), anchor.page, anchor.heading_path, len(chunks))
            )
        buffer.clear()

    for text, block in _units(blocks, config):
        same_place = anchor is not None and (block.page, block.heading_path) == (
            anchor.page,
            anchor.heading_path,
        )
        fits = len("\n\n".join([*buffer, text])) <= config.target_chars
        if not (buffer and same_place and fits):
            flush()
            anchor = block
        buffer.append(text)
    flush()
    return chunks
