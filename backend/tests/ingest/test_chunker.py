"""The structure-following chunker and the sentence splitter."""

from __future__ import annotations

import itertools

import pytest

from chatgepeto.ingest.chunker import ChunkerConfig, split
from chatgepeto.ingest.sentences import split_sentences
from chatgepeto.ingest.types import Block

SENTENCE = "A fotossíntese converte luz em energia química nas folhas das plantas verdes."


def test_short_paragraphs_under_one_heading_are_merged() -> None:
    blocks = [
        Block("Biologia", heading_path=("Biologia",), is_heading=True),
        Block("Primeiro parágrafo curto.", heading_path=("Biologia",)),
        Block("Segundo parágrafo curto.", heading_path=("Biologia",)),
    ]
    chunks = split(blocks)
    assert len(chunks) == 1
    assert chunks[0].text == "Primeiro parágrafo curto.\n\nSegundo parágrafo curto."
    assert chunks[0].heading_path == ("Biologia",)


def test_pages_and_headings_are_never_mixed_in_one_chunk() -> None:
    blocks = [
        Block("Texto da página um.", page=1),
        Block("Texto da página dois.", page=2),
        Block("Outra seção.", page=2, heading_path=("Seção B",)),
    ]
    chunks = split(blocks)
    assert [(c.page, c.heading_path) for c in chunks] == [(1, ()), (2, ()), (2, ("Seção B",))]
    assert [c.position for c in chunks] == [0, 1, 2]


def test_a_line_that_only_restates_its_heading_is_no_chunk() -> None:
    # Real cases: page 106 of R-intro.pdf ("Appendix C The command-line editor" under the
    # outline entry "C The command-line editor") and page 33 of pt-lshort.pdf ("Capítulo 2").
    editor = ("C The command-line editor",)
    blocks = [
        Block("Appendix C The command-line editor", page=106, heading_path=editor),
        Block("Capítulo 2", page=33, heading_path=("1.8 Grandes Projectos",)),
        Block("Dia 12 de maio", page=2, heading_path=("Data da prova",)),
        Block("Nada de senhas aqui", page=2, heading_path=("Senhas",)),
        Block("Senhas.", page=2, heading_path=("Senhas",)),
        Block("prova", page=3, heading_path=("Data da prova e local da prova",)),
        Block(
            "C The command-line editor\nR keeps a history of commands.", page=4, heading_path=editor
        ),
    ]

    texts = [c.text for c in split(blocks)]

    assert texts == [
        "Dia 12 de maio",
        "Nada de senhas aqui\n\nSenhas.",
        "prova",
        "C The command-line editor R keeps a history of commands.",
    ]


def test_long_paragraph_is_cut_at_sentence_boundaries_with_overlap() -> None:
    paragraph = " ".join(f"{SENTENCE[:-1]} número {i}." for i in range(40))
    config = ChunkerConfig(target_chars=400, max_chars=600)
    chunks = split([Block(paragraph, page=3)], config)
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.page == 3
        assert chunk.text.endswith(".")
        assert chunk.text[0].isupper()
        assert len(chunk.text) <= config.max_chars
    # one sentence of overlap: each chunk starts with the previous one's last sentence
    for before, after in itertools.pairwise(chunks):
        assert after.text.startswith(split_sentences(before.text)[-1])
    words = set(paragraph.split())
    assert all(set(c.text.split()) <= words for c in chunks)  # never cut mid-word


def test_empty_input_and_headings_only_give_no_chunks() -> None:
    assert split([]) == []
    assert split([Block("Título", is_heading=True), Block("   ")]) == []


def test_config_validation_messages() -> None:
    with pytest.raises(ValueError, match="target_chars must be > 0"):
        ChunkerConfig(target_chars=0)
    with pytest.raises(ValueError, match="max_chars"):
        ChunkerConfig(target_chars=500, max_chars=100)
