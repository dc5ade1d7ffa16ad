"""Page texts and chunk offsets: every chunk's span in its page holds the chunk's text."""

from __future__ import annotations

from chatgepeto.ingest.chunker import ChunkerConfig, split
from chatgepeto.ingest.page_text import find_passage, locate, page_texts
from chatgepeto.ingest.types import Block, ChunkDraft, PageText


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_page_texts_join_blocks_per_page_and_mark_headings() -> None:
    blocks = [
        Block("Capítulo 1", 1, ("Capítulo 1",), is_heading=True),
        Block("Primeiro parágrafo.", 1, ("Capítulo 1",)),
        Block("Segundo\nparágrafo.", 2, ("Capítulo 1",)),
        Block("  ", 2, ("Capítulo 1",)),
        Block("Seção", 2, ("Capítulo 1", "Seção"), is_heading=True),
    ]
    pages = page_texts(blocks)
    assert [p.page for p in pages] == [1, 2]
    assert pages[0].text == "Capítulo 1\n\nPrimeiro parágrafo."
    assert pages[0].headings == ((0, 10, 1),)
    assert pages[1].text == "Segundo\nparágrafo.\n\nSeção"
    start, end, level = pages[1].headings[0]
    assert (pages[1].text[start:end], level) == ("Seção", 2)


def test_page_texts_of_nothing_is_nothing() -> None:
    assert page_texts([]) == []
    assert locate([], []) == []


def test_every_chunk_span_holds_its_text_including_cut_and_overlapping_ones() -> None:
    sentences = [f"A frase número {n} fala do assunto {n * 7} em detalhe." for n in range(60)]
    blocks = [
        Block("Título", None, ("Título",), is_heading=True),
        Block("Curto primeiro parágrafo.", None, ("Título",)),
        Block("Outro parágrafo\ncom quebra de linha.", None, ("Título",)),
        Block(" ".join(sentences), None, ("Título",)),
    ]
    config = ChunkerConfig(target_chars=300, max_chars=400, overlap_sentences=1)
    pages = page_texts(blocks)
    drafts = locate(split(blocks, config), pages)
    assert len(drafts) > 5
    text = pages[0].text
    for draft in drafts:
        assert draft.char_start is not None and draft.char_end is not None
        assert _squeeze(text[draft.char_start : draft.char_end]) == _squeeze(draft.text)
    # Overlapping windows: each starts after the previous one, never back at the first.
    starts = [d.char_start or 0 for d in drafts]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_a_repeated_paragraph_is_matched_to_its_own_occurrence() -> None:
    page = PageText(3, "Resumo.\n\nRepete aqui.\n\nMeio do texto.\n\nRepete aqui.")
    drafts = [
        ChunkDraft("Resumo.", 3, (), 0),
        ChunkDraft("Repete aqui.", 3, (), 1),
        ChunkDraft("Meio do texto.", 3, (), 2),
        ChunkDraft("Repete aqui.", 3, (), 3),
    ]
    spans = [(d.char_start, d.char_end) for d in locate(drafts, [page])]
    assert spans[1] == (9, 21) and spans[3] == (39, 51)


def test_a_chunk_not_in_its_page_keeps_no_offsets() -> None:
    page = PageText(1, "Texto da página um.")
    drafts = locate(
        [ChunkDraft("Texto de outra coisa.", 1, (), 0), ChunkDraft("Texto", 2, (), 1)], [page]
    )
    assert [(d.char_start, d.char_end) for d in drafts] == [(None, None), (None, None)]


def test_find_passage_ignores_whitespace_and_takes_the_edges_of_a_changed_middle() -> None:
    text = "Linha um do\ntexto   com espaços.\n\nFim."
    assert find_passage(text, "um do texto com") == (6, 23)
    opening = "O começo deste parágrafo é longo o bastante para ser achado sozinho,"
    closing = "e o final dele também tem letras suficientes para a busca pelas pontas."
    page = f"Antes.\n\n{opening} no meio havia informa¸c˜oes, {closing}\n\nDepois."
    span = find_passage(page, f"{opening} no meio havia informações, {closing}")
    assert span is not None
    assert page[span[0] : span[1]].startswith("O começo") and page[: span[1]].endswith("pontas.")
    assert find_passage(text, "") is None
    assert find_passage("", "algo") is None
    assert find_passage(text, "ausente por completo") is None
