"""--lower and --subset/--others, derived in memory from the loaded set."""

from __future__ import annotations

import pytest

from chatgepeto.evaluation.dataset import CorpusDocument, EvalQuery
from chatgepeto.evaluation.variants import (
    Variant,
    apply_to_corpus,
    apply_to_queries,
    subset_queries,
)

CORPUS = [
    CorpusDocument("a", "Alfa", "Texto de A com Maiúsculas."),
    CorpusDocument("b", "Beta", "Texto de B."),
    CorpusDocument("c", "Gama", "Texto de C."),
]
QUERIES = [
    EvalQuery("1", "Pergunta sobre B?", ("B",), "b"),
    EvalQuery("2", "Pergunta sobre A?", ("Maiúsculas",), "a"),
    EvalQuery("3", "Outra sobre B?", ("b",), "b"),
    EvalQuery("4", "Sobre nada?", (), None),
    EvalQuery("5", "Sobre C?", ("C",), "c", (2,)),
    EvalQuery("6", "De novo A?", ("A",), "a"),
]


def test_lower_changes_texts_and_questions_not_answers_or_titles() -> None:
    variant = Variant(lower=True)
    corpus = apply_to_corpus(CORPUS, variant)
    queries = apply_to_queries(QUERIES, variant)
    assert corpus[0] == CorpusDocument("a", "Alfa", "texto de a com maiúsculas.")
    assert [q.question for q in queries][:2] == ["pergunta sobre b?", "pergunta sobre a?"]
    assert [q.answers for q in queries] == [q.answers for q in QUERIES]


def test_subset_keeps_its_questions_and_the_first_others_in_file_order() -> None:
    kept = subset_queries(QUERIES, ("a",), others=2)
    assert [q.qid for q in kept] == ["1", "2", "3", "6"]
    assert [bool(q.answers) for q in kept] == [False, True, False, True]
    assert kept[0] == EvalQuery("1", "Pergunta sobre B?", (), None, ())


def test_others_count_questions_without_a_document_and_drop_their_pages() -> None:
    kept = subset_queries(QUERIES, ("b",), others=10)
    assert [q.qid for q in kept] == ["1", "2", "3", "4", "5", "6"]
    assert [q.qid for q in kept if q.answers] == ["1", "3"]
    assert kept[4].pages == ()


def test_subset_with_no_others_and_the_corpus_side() -> None:
    variant = Variant(subset=("c", "a"))
    assert [d.doc_id for d in apply_to_corpus(CORPUS, variant)] == ["a", "c"]
    assert [q.qid for q in apply_to_queries(QUERIES, variant)] == ["2", "5", "6"]


def test_an_unknown_document_lists_the_valid_ids() -> None:
    with pytest.raises(ValueError, match="unknown documents zz; valid: a, b, c"):
        apply_to_corpus(CORPUS, Variant(subset=("a", "zz")))


def test_variant_options_are_validated() -> None:
    assert Variant.parse_subset(" a, b ,,") == ("a", "b")
    assert Variant.parse_subset(None) == ()
    with pytest.raises(ValueError, match="--others needs --subset"):
        Variant(others=3)
    with pytest.raises(ValueError, match="--others must be >= 0, got -1"):
        Variant(subset=("a",), others=-1)


def test_empty_sets() -> None:
    assert subset_queries([], ("a",), 5) == []
    assert apply_to_corpus([], Variant(lower=True)) == []
