"""Whitespace, hyphenation and Unicode normalisation inside blocks."""

from __future__ import annotations

import pytest

from chatgepeto.ingest.formats.common import BlockBuilder, clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  muitos    espaços\te\ttabs  ", "muitos espaços e tabs"),
        ("linha\nquebrada\r\nno meio", "linha quebrada no meio"),
        ("sem\u00a0quebra e zero\u200bwidth", "sem quebra e zerowidth"),
        ("hífen\u00admole", "hífenmole"),
        ("e\ufb01ciente \ufb02uxo", "eficiente fluxo"),
        ("controle\x00\x07 removido", "controle removido"),
        ("educac\u0327a\u0303o", "educação"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_hyphenated_line_breaks_join_only_when_asked_and_before_lowercase() -> None:
    assert clean_text("educa-\nção", join_hyphens=True) == "educação"
    assert clean_text("Rio-\nGrande do Sul", join_hyphens=True) == "Rio-Grande do Sul"
    assert clean_text("educa-\nção") == "educa- ção"


def test_code_keeps_lines_and_indentation() -> None:
    assert clean_text("\n\nif x:  \n    y()\n\n", keep_lines=True) == "if x:\n    y()"


def test_builder_closes_deeper_sections_and_drops_blank_blocks() -> None:
    builder = BlockBuilder()
    builder.heading("A", 1)
    builder.heading("A.1", 2)
    builder.paragraph("   ")
    builder.heading("B", 1)
    builder.paragraph("texto")
    assert [(b.text, b.heading_path, b.is_heading) for b in builder.blocks] == [
        ("A", ("A",), True),
        ("A.1", ("A", "A.1"), True),
        ("B", ("B",), True),
        ("texto", ("B",), False),
    ]
