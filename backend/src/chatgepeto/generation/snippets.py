"""A short, whole-word excerpt of a passage around the part that matters to a claim."""

from __future__ import annotations

import re
from collections.abc import Collection

from chatgepeto.generation.terms import analyse

SNIPPET_CHARS = 240
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’»)\]]*$")
_ELLIPSIS = "…"


def make_snippet(text: str, focus: Collection[str], max_chars: int = SNIPPET_CHARS) -> str:
    """About `max_chars` of whole words from `text`, where the `focus` terms are densest."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    if not words:
        return ""
    if words[-1][1] - words[0][0] <= max_chars:
        return " ".join(w for _, _, w in words)
    weights = [_weight(word, focus) for _, _, word in words]
    start, end = _best_window(words, weights, max_chars)
    body = " ".join(w for _, _, w in words[start:end])
    prefix = _ELLIPSIS if start > 0 else ""
    suffix = _ELLIPSIS if end < len(words) else ""
    return f"{prefix}{body}{suffix}"


def _weight(word: str, focus: Collection[str]) -> float:
    return float(sum(term in focus for term in analyse(word)))


def _best_window(
    words: list[tuple[int, int, str]], weights: list[float], max_chars: int
) -> tuple[int, int]:
    """The [start, end) word range within max_chars with the most focus weight."""
    next_hit = [len(words)] * (len(words) + 1)
    for i in range(len(words) - 1, -1, -1):
        next_hit[i] = i if weights[i] > 0 else next_hit[i + 1]
    best: tuple[float, bool, int, int, int] = (-1.0, False, 0, 0, 0)
    end = 0
    total = 0.0
    for start in range(len(words)):
        while end < len(words) and words[end][1] - words[start][0] <= max_chars:
            total += weights[end]
            end += 1
        if end == start:
            # A single word longer than the window: take it alone rather than nothing.
            end, total = start + 1, weights[start]
        # Equal weight: prefer a window that opens a sentence, so the snippet reads naturally,
        # then the one whose first match comes soonest, so the match is not cut off at the end.
        opens = start == 0 or bool(_SENTENCE_END.search(words[start - 1][2]))
        hit = next_hit[start]
        lead = -(words[hit][0] - words[start][0]) if hit < end else 0
        if (total, opens, lead) > best[:3]:
            best = (total, opens, lead, start, end)
        total -= weights[start]
    return best[3], best[4]
