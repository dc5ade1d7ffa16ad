"""The hybrid's head ranked again by each chunk's best sentence, on a real miss of latex-pt."""

from __future__ import annotations

from pathlib import Path

import pytest
from retrieval_courses import indexed_store

from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.storage.sqlite_store import SqliteStore

# Four chunks the fusion ranked for latex-012 (cursolatex.pdf slides 59, 60 and 115, and
# pt-lshort.pdf page 41): slides about accents share the question's words, but only the
# book's page says how to take the dot off an i, in one sentence among tables of accents.
COURSE = {
    "conversao.md": "# Conversão automática dos acentos\n\nO pacote inputenc faz internamente a "
    "conversão automática dos acentos e o usuário não tem de preocupar-se com os comandos de "
    "acentuação: á −→ \\’a. No entanto, se não existirem recursos no teclado de sua máquina "
    "para acentuar, você ainda poderá acentuar seu texto usando os comandos.",
    "cedilha.md": '# Acentos e cedilha no texto\n\nò ó ô ö õ ç Ç\n\n\\‘{o} \\’{o} \\^{o} \\"{o} '
    "\\~{o} \\c{c} \\c{C}",
    "matematico.md": "# Acentos em modo matemático\n\nAcentos em modo matemático \\hat{a} "
    "\\grave{a} \\bar{a} \\check{a} aˆ a` a¯ aˇ\n\n\\dot{a} \\vec{a} \\breve{a} \\widetilde{abc}",
    "especiais.md": "# Caracteres Especiais e Acentos\n\nO LATEX suporta o uso de acentos e "
    "caracteres especiais de muitas línguas. A tabela 2.2 mostra todos os tipos de acentos "
    "sendo aplicados à letra o. Naturalmente que outras letras também funcionam. Para colocar "
    "um acento no topo de um i ou de um j, o ponto deve ser removido. Isto é conseguido "
    'escrevendo \\i e \\j.\n\nò \\‘o ó \\’o ô \\^o õ \\~o ¯o \\=o ȯ \\.o ö \\"o ç \\c c '
    "ŏ \\u o ǒ \\v o ő \\H o œ \\oe Œ \\OE æ \\ae Æ \\AE å \\aa Å \\AA ø \\o Ø \\O ł \\l Ł",
}
QUESTION = "Como eu tiro o pingo do i ou do j pra poder colocar um acento em cima?"


@pytest.fixture
def store(tmp_path: Path, embedder: object) -> SqliteStore:
    return indexed_store(tmp_path / "latex.db", COURSE, embedder)


@pytest.mark.slow
def test_the_chunk_whose_sentence_answers_rises_over_chunks_that_share_words(
    store: SqliteStore, embedder: object
) -> None:
    fused_only = Retriever(open_index(store), embedder, rerank_weight=0.0)  # type: ignore[arg-type]
    reranked = Retriever(open_index(store), embedder)  # type: ignore[arg-type]

    before = [p.title for p in fused_only.retrieve(QUESTION, None, 4)]
    after = reranked.retrieve(QUESTION, None, 4)

    # Fused: the slide that shares most words first, the answer third behind a bare table.
    assert before.index("especiais.md") == 2
    assert [p.title for p in after].index("especiais.md") == 1
    assert after[0].title == before[0]  # "inputenc converts accents" still leads here
    assert sorted(p.title for p in after) == sorted(before)  # the same head, ordered again
    assert [p.score for p in after] == sorted((p.score for p in after), reverse=True)
    store.engine.dispose()


@pytest.mark.slow
def test_bm25_and_dense_alone_are_not_reranked(store: SqliteStore, embedder: object) -> None:
    fused_only = Retriever(open_index(store), embedder, rerank_weight=0.0)  # type: ignore[arg-type]
    reranked = Retriever(open_index(store), embedder)  # type: ignore[arg-type]

    for mode in (RetrieverMode.BM25, RetrieverMode.DENSE):
        plain = fused_only.retrieve(QUESTION, None, 4, mode)
        assert [(p.chunk_id, p.score) for p in reranked.retrieve(QUESTION, None, 4, mode)] == [
            (p.chunk_id, p.score) for p in plain
        ]
    store.engine.dispose()
