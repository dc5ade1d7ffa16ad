"""Mapping the model's [n] markers to citations."""

from __future__ import annotations

import time

import pytest

from chatgepeto.generation.citations import MAX_ANSWER_CHARS, map_markers

from .passages import MITOSIS, PHOTOSYNTHESIS, passage

PASSAGES = [passage(1, MITOSIS), passage(2, PHOTOSYNTHESIS), passage(3, "Texto sobre meiose.")]


def test_valid_markers_are_renumbered_by_first_appearance():
    text, citations = map_markers(
        "A fotossíntese ocorre nos cloroplastos [2]. Mitose [1].", PASSAGES
    )

    assert text == "A fotossíntese ocorre nos cloroplastos [1]. Mitose [2]."
    assert [c.chunk_id for c in citations] == ["c2", "c1"]
    first = citations[0]
    assert (first.document_id, first.title, first.page) == ("d2", "Aula 2", 2)


def test_out_of_range_markers_are_dropped_from_the_text():
    text, citations = map_markers("Algo [7]. Outra coisa [0]. Mitose [1].", PASSAGES)

    assert text == "Algo. Outra coisa. Mitose [1]."
    assert [c.chunk_id for c in citations] == ["c1"]


def test_repeated_markers_share_one_citation():
    text, citations = map_markers("Um [3]. Dois [3]. Três [1]. Quatro [3].", PASSAGES)

    assert text == "Um [1]. Dois [1]. Três [2]. Quatro [1]."
    assert [c.chunk_id for c in citations] == ["c3", "c1"]


def test_grouped_and_adjacent_markers():
    text, citations = map_markers("Ambas [2, 1]. Também [3][2]. E [1-3]. Não [9, 1].", PASSAGES)

    assert text == "Ambas [1][2]. Também [3][1]. E [2][1][3]. Não [2]."
    assert [c.chunk_id for c in citations] == ["c2", "c1", "c3"]


def test_brackets_inside_code_are_not_markers():
    text, citations = map_markers("Use `lista[2]` aqui [1].\n```\nx = v[3]\n```", PASSAGES)

    assert text == "Use `lista[2]` aqui [1].\n```\nx = v[3]\n```"
    assert [c.chunk_id for c in citations] == ["c1"]


def test_snippet_is_whole_words_around_the_cited_claim():
    long_text = "Introdução geral ao curso e seus objetivos. " * 8 + MITOSIS
    passages = [passage(1, long_text)]

    _, (citation,) = map_markers("Na anáfase as cromátides-irmãs se separam [1].", passages)

    assert "cromátides-irmãs se separam" in citation.snippet
    assert len(citation.snippet) <= 245
    words = set(long_text.split())
    assert all(w.strip("…") in words for w in citation.snippet.split())


def test_empty_answer_and_no_passages():
    assert map_markers("", PASSAGES) == ("", [])
    assert map_markers("Sem fontes [1].", []) == ("Sem fontes.", [])


ADVERSARIAL = {
    "markers": "[1] ",
    "word and marker": "a [1] ",
    "blanks": " \t" * 8 + "[1]",
    "unclosed brackets": "[1 " + "[" * 6,
    "long claim": "palavra " * 12 + "[1][2]",
}


def _seconds(text: str) -> float:
    started = time.perf_counter()
    map_markers(text, PASSAGES, max_chars=None)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_mapping_is_linear_in_the_answer_length(unit: str):
    # What a model can be asked to write: 100 KB of markers, blanks or open brackets.
    small = "Resposta. " + unit * (10_000 // len(unit))
    large = "Resposta. " + unit * (100_000 // len(unit))

    small_s = min(_seconds(small) for _ in range(3))
    large_s = min(_seconds(large) for _ in range(3))

    assert large_s < 1.0
    assert large_s / max(small_s, 1e-4) < 20


def test_a_long_answer_is_cut_before_mapping():
    text, citations = map_markers("Mitose [1]. " + "x " * 20_000 + "Fotossíntese [2].", PASSAGES)

    assert len(text) <= MAX_ANSWER_CHARS
    assert [c.chunk_id for c in citations] == ["c1"]


def test_claims_of_adjacent_markers_after_a_bracket_are_the_words_between():
    _, citations = map_markers("Veja [nota]: a fotossíntese usa luz [2].", PASSAGES)

    assert "fotossíntese" in citations[0].snippet.lower()
