"""Snippets: whole words, about 240 characters, around the focus."""

from __future__ import annotations

from chatgepeto.generation.snippets import make_snippet
from chatgepeto.generation.terms import analyse

FILLER = "A célula é a unidade básica da vida. " * 6
TARGET = "A anáfase separa as cromátides-irmãs, que migram para os polos opostos. "
TEXT = FILLER + TARGET + "Outros temas do curso incluem genética e evolução. " * 6


def test_short_text_is_returned_whole():
    assert make_snippet("  A mitose  divide.\n", set()) == "A mitose divide."


def test_window_centres_on_the_focus_and_opens_a_sentence():
    snippet = make_snippet(TEXT, set(analyse("o que acontece na anáfase?")))

    assert snippet.startswith("…A anáfase separa")
    assert snippet.endswith("…")
    assert len(snippet) <= 242


def test_without_focus_the_start_is_used():
    snippet = make_snippet(TEXT, set())

    assert snippet.startswith("A célula é")
    assert snippet.endswith("…") and len(snippet) <= 241


def test_only_whole_words():
    snippet = make_snippet(TEXT, set(analyse("genética")), max_chars=100)

    assert all(word.strip("…") in TEXT.split() for word in snippet.split())


def test_empty_text():
    assert make_snippet("", {"mitos"}) == ""
