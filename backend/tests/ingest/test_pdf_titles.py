"""Headings from font sizes when a PDF has no outline."""

from __future__ import annotations

from chatgepeto.ingest.formats.pdf_titles import titles_by_size


def _page(title: str, *body: str) -> list[tuple[float, str]]:
    return [(14.3, title), *((10.9, line) for line in body)]


def test_lines_larger_than_the_text_become_headings() -> None:
    sizes = {
        1: [(20.0, "Introdução ao LaTeX"), (10.9, "um curso de dois dias, com exercícios")],
        2: _page("Usando pacotes", "O comando \\usepackage carrega um pacote."),
        3: _page("Usando pacotes", "Opções vão entre colchetes."),
        4: [(10.9, "Só texto, sem título, numa página comum do curso.")],
    }
    assert titles_by_size(sizes) == {
        1: [(1, "Introdução ao LaTeX")],
        2: [(1, "Usando pacotes")],
        3: [(1, "Usando pacotes")],
    }


def test_sentences_long_lines_and_running_titles_are_not_headings() -> None:
    body = "texto comum da página, escrito em corpo normal"
    sizes = {n: [(14.3, f"Capítulo 1 - página {n}"), (10.9, body)] for n in range(1, 21)}
    sizes[3] = [(14.3, "Este é um destaque grande que termina com ponto."), (10.9, body)]
    sizes[4] = [(14.3, " ".join(["palavra"] * 13)), (10.9, body)]
    # A numbered running header on 19 of 20 pages names no section; the others are text.
    assert titles_by_size(sizes) == {}


def test_a_document_of_one_size_has_no_headings() -> None:
    assert titles_by_size({1: [(10.9, "Título"), (10.9, "texto")]}) == {}
    assert titles_by_size({}) == {}
