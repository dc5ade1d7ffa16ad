"""Limits checked before the work they bound: a text file too large is refused unread."""

from __future__ import annotations

import tracemalloc

import pytest

from chatgepeto.errors import IngestError
from chatgepeto.ingest.parse import IngestLimits, parse_document

LIMITS = IngestLimits(max_pages=2000, max_text_chars=1_000_000)
PARAGRAPH = "O relevo brasileiro é antigo e desgastado pela erosão.\n\n"


def _peak_while(data: bytes, name: str) -> tuple[IngestError, int]:
    tracemalloc.start()
    try:
        with pytest.raises(IngestError) as refused:
            parse_document(data, name, LIMITS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return refused.value, peak


@pytest.mark.parametrize(
    ("name", "wrap"),
    [
        ("relevo.txt", "{}"),
        ("relevo.md", "# Relevo\n\n{}"),
        ("relevo.html", "<html><body><p>{}</p></body></html>"),
    ],
)
def test_a_text_file_too_big_for_the_text_limit_is_refused_unread(name: str, wrap: str) -> None:
    data = wrap.format(PARAGRAPH * 200_000).encode()  # 11 MB for a 1,000,000-character limit
    refused, peak = _peak_while(data, name)
    assert refused.code == "too_much_text"
    assert "1.000.000 caracteres" in refused.message
    assert peak < 1024 * 1024  # decoding it alone would take 11 MB, parsing many times that


def test_a_text_file_within_the_byte_allowance_is_still_counted_after_parsing() -> None:
    data = (PARAGRAPH * 20_000).encode()  # 1.1 MB of text: under 4 bytes a character
    refused, peak = _peak_while(data, "relevo.txt")
    assert refused.code == "too_much_text"
    assert peak > len(data)  # it was read: the exact count needs the parsed text


def test_a_text_file_under_the_limit_is_parsed() -> None:
    document = parse_document((PARAGRAPH * 1000).encode(), "relevo.txt", LIMITS)
    assert len(document.blocks) == 1000
