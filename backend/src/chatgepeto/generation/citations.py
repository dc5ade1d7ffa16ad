"""Turn the model's `[n]` markers into numbered citations that point at real passages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from chatgepeto.generation.snippets import make_snippet
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.types import Citation
from chatgepeto.retrieval.types import RetrievedChunk

# "[1]", "[1, 2]", "[1;2]", "[1-3]": the inside of a bracket that is a citation marker.
_NUMBER = r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
_MARKER_BODY = re.compile(rf"\s*({_NUMBER}(?:\s*[,;]\s*{_NUMBER})*)\s*")
# One pass over the text, every piece matched where it starts and never tried again: a
# bracket (no nested "[" and no line break inside), a run of blanks, or anything else.
# Each alternative stops at the first character another one starts with, so the scan is
# linear in the answer's length whatever the model writes (runs of "[1] ", of spaces).
_TOKEN = re.compile(r"\[[^\[\]\n]*\]|\s+|[^\s\[]+|\[")
# Code spans and fenced blocks: `a[1]` there is an index, not a citation.
_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`", re.S)
_SENTENCE_END = ".!?…"
# The words a marker backs are the end of its sentence: enough to aim the snippet.
_CLAIM_CHARS = 400
_MAX_RANGE = 20
# The longest answer mapped; the model's max_tokens keeps real answers far below it.
MAX_ANSWER_CHARS = 20_000


def map_markers(
    answer_text: str,
    passages: Sequence[RetrievedChunk],
    max_chars: int | None = MAX_ANSWER_CHARS,
) -> tuple[str, list[Citation]]:
    """Keep markers naming a given passage, renumber them by first use, cite those passages.

    The answer is cut to `max_chars` first (None: whole); the pass is linear either way.
    """
    order: dict[str, int] = {}  # chunk_id -> new 1-based number
    cited: list[RetrievedChunk] = []
    focus: dict[str, set[str]] = {}
    last_claim: list[tuple[str, list[str]]] = []  # adjacent markers back the same claim

    def terms_of(claim: str) -> list[str]:
        if not last_claim or last_claim[0][0] is not claim:
            last_claim[:] = [(claim, analyse(claim))]
        return last_claim[0][1]

    def replace(match: re.Match[str], claim: str) -> str:
        numbers: list[int] = []
        for index in _expand(match.group(1)):
            if not 1 <= index <= len(passages):
                continue  # the model cited a passage it was never given
            passage = passages[index - 1]
            if passage.chunk_id not in order:
                order[passage.chunk_id] = len(cited) + 1
                cited.append(passage)
            focus.setdefault(passage.chunk_id, set()).update(terms_of(claim))
            if order[passage.chunk_id] not in numbers:
                numbers.append(order[passage.chunk_id])
        return "".join(f"[{n}]" for n in numbers)

    text = _outside_code(answer_text[:max_chars] if max_chars else answer_text, replace)
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
    """Apply `replace(marker, claim)` to each marker that is not inside code."""
    pieces: list[str] = []
    last = 0
    for code in [*_CODE.finditer(text), None]:
        stop = code.start() if code else len(text)
        pieces.append(_map_segment(text[last:stop], replace))
        if code:
            pieces.append(code.group(0))
            last = code.end()
    return "".join(pieces)


def _map_segment(segment: str, replace: Callable[[re.Match[str], str], str]) -> str:
    """Markers replaced in one stretch of prose, in a single left-to-right pass.

    A marker's claim runs from the last sentence end, line break or bracket before it to
    the run of blanks and brackets that ends just before it ("Mitose [2][1]": both back
    "Mitose"). Blanks and tabs right before a dropped marker go with it.
    """
    out: list[str] = []
    claim_start = 0  # where the current claim begins
    run_start: int | None = None  # start of the blanks and brackets just before here
    boundary: int | None = None  # the last claim boundary seen inside that run
    claim_cache: tuple[int, int, str] | None = None
    for token in _TOKEN.finditer(segment):
        piece = token.group(0)
        if piece.isspace() or (piece.startswith("[") and piece.endswith("]")):
            if run_start is None:
                run_start = token.start()
                ends_sentence = token.start() > 0 and segment[token.start() - 1] in _SENTENCE_END
                boundary = token.start() - 1 if ends_sentence and piece.isspace() else None
            if piece.isspace():
                newline = piece.rfind("\n")
                if newline >= 0:
                    boundary = token.start() + newline
                out.append(piece)
                continue
            marker = _MARKER_BODY.fullmatch(piece, 1, len(piece) - 1)
            if marker is None:
                boundary = token.end() - 1
                out.append(piece)
                continue
            if claim_cache is None or claim_cache[:2] != (claim_start, run_start):
                claim = segment[max(claim_start, run_start - _CLAIM_CHARS) : run_start]
                claim_cache = (claim_start, run_start, claim)
            replaced = replace(marker, claim_cache[2])
            if not replaced:
                _drop_trailing_blanks(out)
            out.append(replaced)
            boundary = token.end() - 1
            continue
        if run_start is not None:
            if boundary is not None:
                claim_start = boundary
            run_start = None
        bracket = piece.rfind("]")
        if bracket >= 0:
            claim_start = token.start() + bracket
        out.append(piece)
    return "".join(out)


def _drop_trailing_blanks(out: list[str]) -> None:
    """Remove the spaces and tabs (not line breaks) that end the output so far."""
    while out and out[-1].isspace():
        kept = out[-1].rstrip(" \t")
        if kept:
            out[-1] = kept
            return
        out.pop()


def _expand(group: str) -> list[int]:
    """The passage numbers a marker names, in order: "3, 1-2" gives [3, 1, 2]."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group.strip()):
        bounds = [int(b) for b in re.split(r"\s*[-–]\s*", part)]
        # A reversed or huge range is a typo, not twenty citations.
        if 0 <= bounds[-1] - bounds[0] <= _MAX_RANGE:
            numbers.extend(range(bounds[0], bounds[-1] + 1))
    return numbers
