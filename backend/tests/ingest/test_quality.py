"""Text-quality figures: clean pages pass, glued, unrepaired or garbage ones are flagged."""

from __future__ import annotations

import random
import re

from chatgepeto.ingest.quality import page_quality, suspect_pages
from chatgepeto.ingest.types import Block

# pt-lshort p. 18 (PDF), as PDFium reads it: clean text.
PROSE = (
    "O LATEX permite aos autores preparar e imprimir o seu trabalho ao mais alto nível de "
    "qualidade tipográfica, usando um modelo profissional pré-definido. Normalmente não é "
    "possível ver o resultado final enquanto se escreve o texto, mas pode ver-se o resultado "
    "no ecrã depois de processar o ficheiro com o LATEX. Em seguida, pode incluir comandos "
    "que influenciam o estilo de todo o documento, ou pode incluir pacotes que adicionarão "
    "novas propriedades ao sistema LATEX."
)
# tutorialbeamer p. 2 before repair: every accent a spacing character.
BROKEN_ACCENTS = (
    "Beamer apresenta algumas vantagens para usu´arios LATEX em rela¸c˜ao ao Powerpoint: "
    "Suporte do LATEX para constru¸c˜oes matem´aticas ´e superior; facilidades para a "
    "estrutura¸c˜ao das lˆaminas decorrentes de LATEX (se¸c˜ao, subse¸c˜ao, etc.)."
)
# cursolatex slide 137: a table of arrows, symbols and command names, which is no garbage.
SYMBOL_TABLE = """Setas
← \\leftarrow ⇐ \\Leftarrow → \\rightarrow ⇒ \\Rightarrow
↔ \\leftrightarrow ⇔ \\Leftrightarrow ↦ \\mapsto ↩ \\hookleftarrow
↼ \\leftharpoonup ↽ \\leftharpoondown ⇌ \\rightleftharpoons ↪ \\hookrightarrow
↑ \\uparrow ⇑ \\Uparrow ↓ \\downarrow ⇓ \\Downarrow ↕ \\updownarrow ⇕ \\Updownarrow
↗ \\nearrow ↘ \\searrow ↙ \\swarrow ↖ \\nwarrow ⟵ \\longleftarrow ⟶ \\longrightarrow"""


def test_clean_prose_and_a_symbol_table_pass() -> None:
    for text in (PROSE, SYMBOL_TABLE, "Figura 1: Página de título", ""):
        assert not page_quality(text).suspect, text[:40]
    figures = page_quality(PROSE)
    assert figures.glued == 0 and figures.accents == 0 and figures.unknown < 0.1


def test_words_without_spaces_are_glued() -> None:
    figures = page_quality(re.sub(r"\s+", "", PROSE))
    assert figures.glued > 0.9 and figures.suspect


def test_a_few_glued_lines_among_clean_ones_are_flagged() -> None:
    # pypdf on pt-lshort p. 18 glued the italic lines, 1-2 per page.
    glued = "normalmentenãoépossívelveroresultadofinalenquanto Asegundapartefocaasestruturas"
    assert page_quality(f"{PROSE} {glued} {PROSE}").suspect


def test_one_long_real_word_is_not_glue() -> None:
    # pt-lshort p. 37 hyphenates "supercalifragilisticexpialidocious" in an example.
    assert not page_quality(f"{PROSE} supercalifragilisticexpialidocious {PROSE}").suspect


def test_unrepaired_accents_are_flagged() -> None:
    figures = page_quality(BROKEN_ACCENTS)
    assert figures.accents > 0.1 and figures.suspect


def test_random_letters_and_control_characters_are_garbage() -> None:
    rng = random.Random(7)
    letters = "bcdfghjklmnpqrstvwxz"
    noise = " ".join("".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(80))
    assert page_quality(noise).unknown > 0.9 and page_quality(noise).suspect
    assert page_quality("\x01\x02\ue000\ue001 " * 40).suspect


def test_suspect_pages_are_sorted_and_pageless_blocks_ignored() -> None:
    blocks = [
        Block(re.sub(r"\s+", "", PROSE), page=3),
        Block(PROSE, page=1),
        Block(BROKEN_ACCENTS, page=2),
        Block(re.sub(r"\s+", "", PROSE)),
    ]
    assert suspect_pages(blocks) == [2, 3]
    assert suspect_pages([]) == []
