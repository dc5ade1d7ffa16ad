"""The answer's text as pieces: a started model stream, metered, guarded, or a known text
cut into words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from chatgepeto.services.metering import Meter


def started(tokens: Iterator[str]) -> Iterator[str]:
    """Pull the first token now, so failures before it become JSON errors, not SSE ones."""
    first = next(tokens, None)

    def rest() -> Iterator[str]:
        if first is not None:
            yield first
        yield from tokens

    return rest()


def metered(pieces: Iterator[str], meter: Meter) -> Iterator[str]:
    """Charge the answer when its stream ends, even cut or abandoned by the client; a
    provider that ignores max_tokens is cut at as many characters as it stands for."""
    chars = 0
    try:
        for piece in pieces:
            piece = piece[: meter.max_output_chars - chars]
            chars += len(piece)
            yield piece
            if chars >= meter.max_output_chars:
                break
    finally:
        _close(pieces)  # stops the model's worker now, not when garbage collected
        meter.finish(chars)


def guarded(
    guard: Callable[[Iterator[str]], Iterator[str]], pieces: Iterator[str]
) -> Iterator[str]:
    """The guard's stream over `pieces`, closing them (and so the meter) when it stops."""
    try:
        yield from guard(pieces)
    finally:
        _close(pieces)


def words(text: str) -> Iterator[str]:
    """The text's words, each with the blanks after it."""
    for match in re.finditer(r"\S+\s*", text):
        yield match.group(0)


def _close(pieces: Iterator[str]) -> None:
    close = getattr(pieces, "close", None)
    if close is not None:
        close()
