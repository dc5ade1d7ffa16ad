"""Turn the model's `[n]` markers into numbered citations that point at real passages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from chatgepeto.generation.snippets import make_snippet
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.types import Citation
from chatgepeto.retrieval.types import RetrievedChunk

# "[1]", "[1, 2]", "[1;2]", "[1-3]"; the spaces before it go too when the marker is dropped.
_NUMBER = r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
_MARKER = re.compile(rf"([ \t]*)\[\s*({_NUMBER}(?:\s*[,;]\s*{_NUMBER})*)\s*\]")
# Code spans and fenced blocks: `a[1]` there is an index, not a citation.
_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`", re.S)
_CLAIM_START = re.compile(r"(?:[.!?…]\s+|\n|\])[^.!?…\n\]]*$")
_TRAILING_MARKERS = re.compile(r"(?:\s*\[[^\]\n]*\])+\s*$")
_MAX_RANGE = 20


def map_markers(answer_text: str, passages: Sequence[RetrievedChunk]) -> tuple[str, list[Citation]]:
    """Keep markers naming a given passage, renumber them by first use, cite those passages."""
    order: dict[str, int] = {}  # chunk_id -> new 1-based number
    cited: list[RetrievedChunk] = []
    focus: dict[str, set[str]] = {}

    def replace(match: re.Match[str], claim: str) -> str:
        numbers: list[int] = []
        for index in _expand(match.group(2)):
            if not 1 <= index <= len(passages):
                continue  # the model cited a passage it was never given
            passage = passages[index - 1]
            if passage.chunk_id not in order:
                order[passage.chunk_id] = len(cited) + 1
                cited.append(passage)
            focus.setdefault(passage.chunk_id, set()).update(analyse(claim))
            if order[passage.chunk_id] not in numbers:
                numbers.append(order[passage.chunk_id])
        return match.group(1) + "".join(f"[{n}]" for n in numbers) if numbers else ""

    text = _outside_code(answer_text, replace)
    citations = [
        Citation(
            document_id=p.document_id,
            title=p.title,
            page=p.page,
            snippet=make_snippet(p.text, focus.get(p.chunk_id, set())),
            chunk_id=p.chunk_id,
        )
        for p in cited
    ]
    return text, citations


def _outside_code(text: str, replace: Callable[[re.Match[str], str], str]) -> str:
    """Apply `replace(match, claim)` to each marker that is not inside code."""
    pieces: list[str] = []
    last = 0
    for code in [*_CODE.finditer(text), None]:
        stop = code.start() if code else len(text)
        segment = text[last:stop]

        def one(marker: re.Match[str], segment: str = segment) -> str:
            return replace(marker, _claim(segment, marker.start()))

        pieces.append(_MARKER.sub(one, segment))
        if code:
            pieces.append(code.group(0))
            last = code.end()
    return "".join(pieces)


def _claim(text: str, marker_start: int) -> str:
    """The words the marker backs: back to the previous sentence end, line or marker."""
    before = _TRAILING_MARKERS.sub("", text[:marker_start])
    found = _CLAIM_START.search(before)
    return before[found.start() :] if found else before


def _expand(group: str) -> list[int]:
    """The passage numbers a marker names, in order: "3, 1-2" gives [3, 1, 2]."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group.strip()):
        bounds = [int(b) for b in re.split(r"\s*[-–]\s*", part)]
        # A reversed or huge range is a typo, not twenty citations.
        if 0 <= bounds[-1] - bounds[0] <= _MAX_RANGE:
            numbers.extend(range(bounds[0], bounds[-1] + 1))
    return numbers
