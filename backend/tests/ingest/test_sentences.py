"""The sentence splitter on course-material text."""

from __future__ import annotations

from chatgepeto.ingest.sentences import split_sentences


def test_abbreviations_numbers_and_initials_do_not_end_sentences():
    text = (
        "Segundo o Prof. Silva, ela dura 1.5 horas (ver art. 5 do regimento). "
        "A Dra. Souza e J. Pereira discordam! Veja a Fig. 3 na p. 45. Está certo? Sim."
    )

    assert split_sentences(text) == [
        "Segundo o Prof. Silva, ela dura 1.5 horas (ver art. 5 do regimento).",
        "A Dra. Souza e J. Pereira discordam!",
        "Veja a Fig. 3 na p. 45.",
        "Está certo?",
        "Sim.",
    ]


def test_wrapped_lines_join_and_headings_stand_alone():
    text = (
        "Mitose\nA mitose é a divisão\ncelular que gera duas células. Ela tem fases.\n\n"
        "## Meiose\nOutra."
    )

    assert split_sentences(text) == [
        "Mitose",
        "A mitose é a divisão celular que gera duas células.",
        "Ela tem fases.",
        "Meiose",
        "Outra.",
    ]


def test_a_short_list_stays_with_its_intro_and_prose_resumes_after():
    text = "As fases são:\n- prófase;\n- metáfase.\nCada fase tem eventos próprios."

    assert split_sentences(text) == [
        "As fases são:\n- prófase;\n- metáfase.",
        "Cada fase tem eventos próprios.",
    ]


def test_list_items_without_intro_are_separate_and_keep_continuations():
    text = "1. Primeiro item que\ncontinua aqui.\n2. Segundo item.\na) alínea."

    assert split_sentences(text) == [
        "1. Primeiro item que continua aqui.",
        "2. Segundo item.",
        "a) alínea.",
    ]


def test_empty_text():
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


def test_sentence_splitter_respects_abbreviations_and_numbers() -> None:
    text = "O Prof. Silva mediu 1.5 litros. A Fig. 2 mostra o resultado! E depois? Fim."
    assert split_sentences(text) == [
        "O Prof. Silva mediu 1.5 litros.",
        "A Fig. 2 mostra o resultado!",
        "E depois?",
        "Fim.",
    ]
    assert split_sentences("") == []


def test_lower_case_text_is_split_into_sentences():
    # Caseless text (OCR output, transcripts, the FaQuAD texts lower-cased) has no capital
    # after a period, which once made every paragraph one "sentence".
    text = (
        "a ufms é uma instituição de ensino superior. ela fica em campo grande, segundo o "
        "prof. silva. o campus tem 500 km de raio! há mais? sim."
    )

    assert split_sentences(text) == [
        "a ufms é uma instituição de ensino superior.",
        "ela fica em campo grande, segundo o prof. silva.",
        "o campus tem 500 km de raio!",
        "há mais?",
        "sim.",
    ]


def test_cased_text_keeps_a_period_before_lower_case_inside_the_sentence():
    text = "Veja o item iv. abaixo e repita. Depois descanse."

    assert split_sentences(text) == ["Veja o item iv. abaixo e repita.", "Depois descanse."]
