"""Text repair: each rule on a real case from the LaTeX course PDFs (shared/eval/latex-pt)."""

from __future__ import annotations

import pytest

from chatgepeto.ingest.formats.common import clean_text
from chatgepeto.ingest.repair import repair_text, strip_running_lines


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # tutorialbeamer.pdf: every accent is a spacing character before its letter.
        ("apresenta¸c˜oes", "apresentações"),
        ("´e superior", "é superior"),
        ("l´ıngua", "língua"),  # the dotless ı under an acute is an í
        ("seq¨uˆencia", "seqüência"),
        ("suporte `a\r\n", "suporte à\r\n"),
        # Its verbatim code has ASCII accents, between a letter and a vowel only.
        ("T´ıtulo da l^amina", "Título da lâmina"),
        ("declara¸c~oes", "declarações"),
        ("\\item <3- | alert@3> L^e $0$", "\\item <3- | alert@3> Lê $0$"),
        # pt-lshort p. 111: an acute over a precomposed ê.
        ("Hàn Th´ê Thành", "Hàn Thế Thành"),
        # Hyphenation: PDFium's U+FFFE with or without its line break, and U+00AD.
        ("actua\ufffe\r\nlizada", "actualizada"),
        ("disponi\ufffebilizado", "disponibilizado"),
        ("Addison\ufffeWesley", "Addison-Wesley"),  # pt-lshort p. 165: a real hyphen
        ("educa\u00ad\nção", "educação"),
        ("e\ufb01ciente \ufb02uxo", "eficiente fluxo"),
    ],
)
def test_broken_text_is_repaired(raw: str, expected: str) -> None:
    assert repair_text(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "\\xymatrix{A \\ar[r]^{1} & B \\ar[d]^{0}}",  # tutorialbeamer p. 14
        "http://www.di.uminho.pt/~albie/lshort",  # pt-lshort p. 7
        "H\\^otel e Se\\~nor",  # LaTeX accent commands, pt-lshort p. 41
        "$E=mc^2$ e x^{2}",
        "TeX~é um espaço inquebrável",  # cursolatex: a tie before a vowel that takes no ~
        "a` \\grave{a} a˙ \\dot{a}",  # pt-lshort p. 95: math accents after the letter
        "use `a` no Markdown",
        "x² e H₂O",  # NFKC would give x2 and H2O
        "don´t",  # no precomposed t with an acute: nothing to compose
    ],
)
def test_code_urls_and_symbols_are_untouched(kept: str) -> None:
    assert repair_text(kept) == kept


def test_code_keeps_ascii_accents_but_composes_spacing_ones() -> None:
    assert repair_text("T´ıtulo da l^amina", code=True) == "Título da l^amina"


def test_every_format_gets_the_repair_through_clean_text() -> None:
    assert clean_text("informa¸c˜oes da l^amina") == "informações da lâmina"


def test_empty_text() -> None:
    assert repair_text("") == ""
    assert strip_running_lines([]) == []
    assert strip_running_lines(["", ""]) == ["", ""]


FOOTER = "Campani&Beccari (UFPel/Torino) O Preparador de Documentos LATEX 27 de setembro de 2011"


def test_slide_footer_goes_and_a_title_on_three_slides_stays() -> None:
    # cursolatex: the footer ends "N/188"; "Usando pacotes" heads slides 53-55.
    titles = ["Pacotes", "Usando pacotes", "Usando pacotes", "Usando pacotes", "Ambientes"]
    titles += [f"Exercício {n}" for n in range(1, 6)]  # numbered titles are no footer
    titles += [f"Tópico {word}" for word in "abcdefghij"]
    pages = [f"{t}\r\nTexto {t}.\r\n{FOOTER} {n}/20" for n, t in enumerate(titles, 1)]
    stripped = strip_running_lines(pages)
    assert all(FOOTER not in page for page in stripped)
    assert [page.splitlines()[0] for page in stripped] == titles


def test_book_headers_with_the_printed_page_number_go() -> None:
    # pt-lshort: PDF page 17 is printed page 1; even pages start "N Chapter", odd ones
    # "section title N", and a section title may head a single page (1.4 on PDF 23).
    sections = ["1.2 Bases", "1.3 Ficheiros LATEX", "1.4 Estrutura do Ficheiro"] * 4
    heads = {}
    for n in range(18, 42):
        printed = n - 16
        heads[n] = f"{printed} Coisas Que Precisa de Saber"
        if printed % 2:
            heads[n] = f"{sections[(n - 19) // 2]} {printed}"
    pages = [f"Prefácio, parte {chr(97 + n)}" for n in range(16)]
    pages.append("Capítulo 1\nCoisas Que Precisa de Saber\nNa primeira parte")
    ends = {n: "fim" + "." * n for n in heads}  # the last lines differ, as real ones do
    pages += [
        f"{heads[n]}\nTexto da página {n}\n1.4 Estrutura do Ficheiro\n{ends[n]}" for n in heads
    ]
    stripped = strip_running_lines(pages)
    assert [page.splitlines()[0] for page in stripped[17:]] == [
        f"Texto da página {n}" for n in heads
    ]
    assert stripped[22].splitlines()[:2] == ["Texto da página 23", "1.4 Estrutura do Ficheiro"]
    assert stripped[16].startswith("Capítulo 1")
    assert stripped[:16] == pages[:16]


def test_bare_page_numbers_at_the_foot_go() -> None:
    # tutorialbeamer: each page ends with its number on a line of its own.
    words = ["frames", "overlays", "temas", "blocos", "colunas", "transições", "notas"]
    pages = [f"Sobre {word} no Beamer.\n{n}" for n, word in enumerate(words, 1)]
    assert strip_running_lines(pages) == [f"Sobre {word} no Beamer." for word in words]


def test_a_short_document_keeps_everything() -> None:
    pages = ["Resumo\nTexto um.\n1", "Resumo\nTexto dois.\n2"]
    assert strip_running_lines(pages) == ["Resumo\nTexto um.\n1", "Resumo\nTexto dois.\n2"]
