"""Portuguese-or-English detection."""

from __future__ import annotations

import pytest

from chatgepeto.language.detect import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "O que é fotossíntese?",
        "Quais são as fases da mitose?",
        "explique a diferenca entre mitose e meiose",
        "Qual a função do ribossomo na célula",
        "como funciona o ciclo de krebs",
        "Me explica o que cai na prova",
    ],
)
def test_portuguese(text):
    assert detect_language(text) == "pt"


@pytest.mark.parametrize(
    "text",
    [
        "What is photosynthesis?",
        "What are the phases of mitosis?",
        "Explain the difference between mitosis and meiosis",
        "How does the Krebs cycle work?",
        "What's on the exam?",
    ],
)
def test_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   ", "DNA", "mitose", "42?"])
def test_portuguese_when_unsure(text):
    assert detect_language(text) == "pt"
