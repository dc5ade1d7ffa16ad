"""A question in another language than its material, and Portuguese of two varieties."""

from __future__ import annotations

from pathlib import Path

import pytest
from retrieval_courses import indexed_store

from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.dialects import with_variants
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever

ENGLISH = {
    "vectors.md": "# Vectors\n\nA vector is created with the function c(), which concatenates "
    "its arguments. The function length() returns the number of elements of a vector.",
    "groups.md": "# Grouped data\n\nThe function tapply() applies a function to each group of "
    "values defined by a factor, for example the mean income of each state.",
    "session.md": "# Sessions\n\nType q() to end the session; R asks whether to save the "
    "workspace image. Answers are yes, no or cancel.",
    "plots.md": "# Plots\n\nThe function par() sets graphical parameters such as mfrow, which "
    "splits the device into a grid of plots drawn row by row.",
}


def test_brazilian_words_also_search_their_european_portuguese_variants():
    terms = Analyzer().terms("Em que arquivo fica o relatório mostrado na tela?")

    expanded = with_variants(terms)

    assert expanded[: len(terms)] == terms
    assert {"ficheir", "ecra"} <= set(expanded)
    assert with_variants(Analyzer().terms("fotossíntese")) == ["fotossintes"]


@pytest.mark.slow
def test_a_portuguese_question_over_english_material_leans_on_the_embedding(
    tmp_path: Path, embedder: object
) -> None:
    store = indexed_store(tmp_path / "en.db", ENGLISH, embedder)
    question = "Qual função calcula a média da renda para cada estado, agrupando os valores?"
    retriever = Retriever(open_index(store), embedder, cross_lingual_weight=0.3)  # type: ignore[arg-type]
    reference = Retriever(open_index(store), embedder, lexical_weight=0.3)  # type: ignore[arg-type]

    crossed = [p.chunk_id for p in retriever.search(question, None, 3).passages]
    same_language = [p.chunk_id for p in retriever.search("tapply mean income", None, 3).passages]

    assert crossed == [p.chunk_id for p in reference.retrieve(question, None, 3)]
    assert retriever.search(question, None, 1).passages[0].title == "groups.md"
    default = Retriever(open_index(store), embedder, lexical_weight=0.5)  # type: ignore[arg-type]
    assert same_language == [p.chunk_id for p in default.retrieve("tapply mean income", None, 3)]
    store.engine.dispose()
