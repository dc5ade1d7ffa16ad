"""The Portuguese-first analyzer."""

from __future__ import annotations

import pytest

from chatgepeto.retrieval.analyzer import Analyzer, fold, singular


def test_fold_strips_accents_and_case() -> None:
    assert fold("Educação ÁRVORE ç") == "educacao arvore c"


def test_accented_and_unaccented_questions_match() -> None:
    analyzer = Analyzer()
    assert analyzer.terms("educação") == analyzer.terms("educacao") == analyzer.terms("EDUCAÇÃO")


def test_stemming_joins_inflections() -> None:
    analyzer = Analyzer()
    assert analyzer.terms("universidades")[0] == analyzer.terms("universidade")[0]
    assert analyzer.terms("fundada")[0] == analyzer.terms("fundado")[0]


def test_stop_words_and_question_words_are_dropped() -> None:
    terms = Analyzer().terms("Quais são os cursos que a universidade oferece?")
    assert len(terms) == 3
    assert not {"qua", "quais", "sao", "os", "que", "a"} & set(terms)


def test_numbers_are_kept_and_empty_text_gives_nothing() -> None:
    analyzer = Analyzer()
    assert "1979" in analyzer.terms("fundada em 1979")
    assert analyzer.terms("") == []
    assert analyzer.terms("?! ...") == []


def test_extra_stop_words_are_folded_and_dropped() -> None:
    plain, framed = Analyzer(), Analyzer(extra_stopwords=["Explique", "função"])
    question = "Explique a função da mitocôndria"
    assert len(plain.terms(question)) == 3
    assert framed.terms(question) == plain.terms("mitocôndria")


def test_stems_of_folded_words_match_terms() -> None:
    analyzer = Analyzer()
    assert analyzer.stems(["universidades", "fundada"]) == analyzer.terms("universidades fundada")


def test_an_unknown_language_fails_at_construction() -> None:
    with pytest.raises(KeyError):
        Analyzer("klingon")


def test_plurals_the_stemmer_keeps_whole_meet_their_singular() -> None:
    analyzer = Analyzer()
    # Real cases: tutorialbeamer's "Também podemos usar overlays com imagens" never matched a
    # question about "imagem" and "overlay".
    for plural, single in [
        ("imagens", "imagem"),
        ("mensagens", "mensagem"),
        ("itens", "item"),
        ("jardins", "jardim"),
        ("comuns", "comum"),
        ("overlays", "overlay"),
        ("links", "link"),
        ("bits", "bit"),
    ]:
        assert analyzer.terms(plural) == analyzer.terms(single), plural
    # Native plurals of other shapes, and words that merely end in "s", stay as they were.
    assert singular("lapis") == "lapis"
    assert singular("mais") == "mais"
    assert singular("class") == "class"
    assert singular("90s") == "90s"
    # A LaTeX command is a name: \\cdots stays apart from \\cdot.
    assert analyzer.terms("\\cdots e \\cdot") == ["cdots", "cdot"]
