"""Helpers every format parser shares: text cleaning and the heading trail."""

from __future__ import annotations

import re
from collections.abc import Iterable

from chatgepeto.errors import IngestError
from chatgepeto.ingest.repair import repair_text
from chatgepeto.ingest.types import Block

# Invisible characters that would otherwise split words for search: zero-width
# space/joiners, BOM; and C0/C1 controls other than tab/newline.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n\s*(\w)")


def _join_hyphen(match: re.Match[str]) -> str:
    # "educa-\nção" is one word cut by the layout; "Rio-\nGrande" keeps its hyphen.
    before, after = match.group(1), match.group(2)
    return before + after if after.islower() else f"{before}-{after}"


def clean_text(text: str, *, join_hyphens: bool = False, keep_lines: bool = False) -> str:
    """Repaired NFC text (see repair.py) with invisible characters removed and whitespace
    collapsed: every format's text passes here, so this is where the repair is applied.

    `join_hyphens` mends words a PDF line break cut in two; `keep_lines` keeps
    line breaks and indentation (code), otherwise every run of whitespace
    becomes one space.
    """
    text = repair_text(text, code=keep_lines)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    if join_hyphens:
        text = _HYPHEN_BREAK.sub(_join_hyphen, text)
    if keep_lines:
        lines = [line.rstrip().expandtabs(4) for line in text.split("\n")]
        return "\n".join(lines).strip("\n")
    # str.split() also splits on NBSP and the other Unicode spaces.
    return " ".join(text.split())


def join_cells(cells: Iterable[str]) -> str:
    """A table row as one line: non-empty cells separated by " | "."""
    return " | ".join(c for c in (clean_text(cell) for cell in cells) if c)


class BlockBuilder:
    """Collects blocks in reading order and tracks the current heading path.

    Levels are numbers where smaller means higher in the outline (h1 < h2); a
    new heading closes every open heading at its level or below.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._trail: list[tuple[int, str]] = []

    @property
    def path(self) -> tuple[str, ...]:
        """The heading texts from the top level down to the current section."""
        return tuple(text for _, text in self._trail)

    def heading(self, text: str, level: int, page: int | None = None) -> None:
        """Open a section; the heading block's own path ends with itself."""
        text = clean_text(text)
        if not text:
            return
        while self._trail and self._trail[-1][0] >= level:
            self._trail.pop()
        self._trail.append((level, text))
        self.blocks.append(Block(text, page, self.path, is_heading=True))

    def paragraph(
        self, text: str, page: int | None = None, *, join_hyphens: bool = False, code: bool = False
    ) -> None:
        """Add a body block under the current headings; blank text is dropped."""
        text = clean_text(text, join_hyphens=join_hyphens, keep_lines=code)
        if text:
            self.blocks.append(Block(text, page, self.path))

    def reset(self) -> None:
        """Forget open headings (a new slide starts a new outline)."""
        self._trail.clear()


ACCEPTED_FORMATS = "PDF, DOCX, PPTX, Markdown (.md), HTML ou texto (.txt)"


def empty_document_error() -> IngestError:
    """The file has no text we could extract."""
    return IngestError(
        "O arquivo está vazio ou não contém texto que possamos ler. "
        "/ The file is empty or has no readable text.",
        code="empty_document",
    )


def malformed_error(kind: str) -> IngestError:
    """The file claims to be `kind` but its library could not open it."""
    return IngestError(
        f"Não foi possível ler este arquivo {kind}: ele parece corrompido ou incompleto. "
        "Abra-o no programa em que foi criado, salve de novo e reenvie. "
        f"/ This {kind} file could not be read: it looks corrupt or truncated.",
        code="malformed_document",
    )


def too_much_text_error(limit: int) -> IngestError:
    """The document holds more text than one document may."""
    shown = f"{limit:_}".replace("_", ".")  # 5.000.000, as Brazilians write it
    return IngestError(
        f"O texto deste arquivo passa de {shown} caracteres, o limite por documento. Divida-o "
        f"em partes menores e envie cada uma. / The text is over the {limit} character limit.",
        code="too_much_text",
    )
