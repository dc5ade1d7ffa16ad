from chatgepeto.study.questions import (
    cloze,
    definition,
    definition_question,
    wh_question,
)
from chatgepeto.study.spans import spans


def span(sentence: str, text: str):
    return next(s for s in spans(sentence) if s.text == text)


def no_gender(_: str) -> str:
    return ""


def test_a_glossary_line_is_a_definition():
    d = definition("Bacharelado: modalidade de curso de graduação de formação profissional.")
    assert d is not None
    assert definition_question(d) == "O que é Bacharelado?"
    assert d.definition == "modalidade de curso de graduação de formação profissional"


def test_is_a_sentence_is_a_definition_with_its_article_lowered():
    d = definition("A UFMS é uma instituição de ensino superior pública federal.")
    assert d is not None
    assert definition_question(d) == "O que é a UFMS?"
    assert d.definition == "uma instituição de ensino superior pública federal"


def test_a_passive_or_a_prepositional_opening_is_no_definition():
    assert definition("O cargo de Reitor é exercido por um professor nomeado.") is None
    assert definition("Em 1962 a faculdade é uma escola de farmácia.") is None


def test_a_year_that_opens_the_sentence_moves_the_question_words_first():
    sentence = "Em 1970, foram criados os Centros Pedagógicos de Corumbá e Três Lagoas."
    q = wh_question(sentence, span(sentence, "1970"), no_gender)
    assert q == "Em que ano foram criados os Centros Pedagógicos de Corumbá e Três Lagoas?"


def test_a_count_asks_quantos_or_quantas_by_the_counted_noun():
    sentence = "O acadêmico pode pedir revisão no prazo de cinco dias úteis."
    assert wh_question(sentence, span(sentence, "cinco"), lambda w: "m") == (
        "O acadêmico pode pedir revisão no prazo de quantos dias úteis?"
    )
    sentence = "A renovação é composta por três fases consecutivas."
    assert wh_question(sentence, span(sentence, "três"), lambda w: "f") == (
        "A renovação é composta por quantas fases consecutivas?"
    )


def test_no_question_when_nothing_says_what_is_counted_or_words_repeat_it():
    sentence = "As aulas vão das 7 às 18 horas nos dias úteis."
    assert wh_question(sentence, span(sentence, "7"), no_gender) is None
    sentence = "Será atribuída nota 0,0 (zero vírgula zero) ao acadêmico ausente."
    assert wh_question(sentence, span(sentence, "0,0"), no_gender) is None
    sentence = "Até a década de 1930 não havia computadores eletrônicos."
    assert wh_question(sentence, span(sentence, "1930"), no_gender) is None


def test_a_cloze_blanks_the_span_only():
    sentence = "A faculdade surgiu em 1985."
    assert cloze(sentence, span(sentence, "1985")) == "A faculdade surgiu em _____."


def test_a_list_intro_is_no_glossary_line_and_a_plural_head_asks_sao():
    assert definition("Também deve atender as premissas: - que atenda a seus fins.") is None
    d = definition("Instrumentos de Avaliação: provas, trabalhos, relatórios e seminários.")
    assert d is not None and definition_question(d) == "O que são Instrumentos de Avaliação?"


def test_no_in_place_question_inside_a_quotation_brackets_before_a_title_or_after_dia():
    cases = [
        ('Ele escreveu em artigo de 1994, "um sonho de 1994 virou realidade".', "1994", 1),
        ("George Boole publicou a álgebra booleana (em 1854), com um sistema completo.", "1854", 0),
        ("Shannon publicou o artigo de 1948: A Mathematical Theory of Communication.", "1948", 0),
        (
            "O edital saiu no Diário Oficial do dia 28 de dezembro de 1993, com 386 projetos.",
            "28 de dezembro de 1993",
            0,
        ),
    ]
    for sentence, text, nth in cases:
        found = [s for s in spans(sentence) if s.text == text][nth]
        assert wh_question(sentence, found, no_gender) is None, sentence
        assert "_____" in cloze(sentence, found)


def test_an_article_fused_with_its_preposition_gives_way_to_the_question_word():
    sentence = "O candidato poderá matricular-se nas duas disciplinas sem vínculo."
    assert wh_question(sentence, span(sentence, "duas"), lambda w: "f") == (
        "O candidato poderá matricular-se em quantas disciplinas sem vínculo?"
    )
