"""Extractive answers: whole, relevant, deduplicated sentences with valid markers."""

from __future__ import annotations

import re

import pytest

from chatgepeto.errors import AppError
from chatgepeto.generation.evidence import Evidence
from chatgepeto.generation.extractive import ExtractiveAnswerer
from chatgepeto.ingest.sentences import split_sentences, statements

from .passages import MITOSIS, PHOTOSYNTHESIS, PHOTOSYNTHESIS_COPY, passage

PASSAGES = [passage(1, PHOTOSYNTHESIS), passage(2, PHOTOSYNTHESIS_COPY), passage(3, MITOSIS)]
SOURCE_SENTENCES = {s for p in PASSAGES for s in split_sentences(p.text)}


def answered_sentences(text: str) -> list[str]:
    """The answer's sentences with the prefix and markers taken back out."""
    body = re.sub(r"^(Segundo o material|According to the material): ", "", text)
    return [re.sub(r" \[\d+\]", "", s) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", body)]


def markers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", text)]


@pytest.fixture
def answerer() -> ExtractiveAnswerer:
    return ExtractiveAnswerer()


def test_answers_with_whole_sentences_of_the_material(answerer):
    answer = answerer.answer("O que é fotossíntese?", PASSAGES)

    assert answer.mode == "extractive"
    assert answer.text.startswith("Segundo o material: A fotossíntese é o processo")
    for sentence in answered_sentences(answer.text):
        assert sentence in SOURCE_SENTENCES
    assert len(answer.text) <= 650


def test_near_identical_sentences_appear_once(answerer):
    answer = answerer.answer("O que é fotossíntese?", PASSAGES)

    assert answer.text.count("convertem a energia luminosa") == 1


def test_an_unrelated_sentence_of_the_same_chunk_is_left_out(answerer):
    answer = answerer.answer("O que é fotossíntese?", PASSAGES)

    assert "prova bimestral" not in answer.text


def test_a_sentence_sharing_only_a_framing_word_is_left_out(answerer):
    answer = answerer.answer("Onde ocorre a fotossíntese?", PASSAGES)

    assert "ocorre nos cloroplastos" in answer.text
    assert "mitocôndrias" not in answer.text


def test_markers_point_at_the_citations_in_order(answerer):
    answer = answerer.answer("Em que fase as cromátides-irmãs se separam?", PASSAGES)

    numbers = markers(answer.text)
    assert numbers and set(numbers) == set(range(1, len(answer.citations) + 1))
    assert numbers == sorted(numbers)
    assert answer.citations[0].chunk_id == "c3"
    assert "anáfase" in answer.text and "Moodle" not in answer.text
    assert "cromátides-irmãs" in answer.citations[0].snippet


def test_confidence_reflects_how_much_of_the_question_is_supported(answerer):
    full = answerer.answer("Quando as cromátides-irmãs se separam?", PASSAGES)
    partial = answerer.answer("Quanto tempo dura a mitose?", PASSAGES)  # "tempo" is absent
    mostly_absent = answerer.answer(
        "A mitose ocorre em bactérias marinhas abissais do Pacífico profundo?", PASSAGES
    )

    assert full.confidence == pytest.approx(1.0)
    assert partial.confidence is not None and 0 < partial.confidence < 0.6
    assert "1.5 horas" in partial.text
    assert mostly_absent.mode == "refused" and mostly_absent.confidence == 0.0


def test_english_question_gets_an_english_prefix(answerer):
    answer = answerer.answer("What is the Calvin cycle?", PASSAGES)

    assert answer.text.startswith("According to the material:")
    assert "ciclo de Calvin" in answer.text


def test_unsupported_question_is_refused(answerer):
    answer = answerer.answer("Qual é a capital da França?", PASSAGES)

    assert answer.mode == "refused" and answer.citations == []
    assert answer.text.startswith("Não encontrei isso no material do curso.")
    assert answer.confidence == 0.0


def test_no_passages_is_refused(answerer):
    answer = answerer.answer("O que é fotossíntese?", [])

    assert answer.mode == "refused"
    assert answer.text == "Não encontrei isso no material do curso."


def test_empty_question_is_rejected(answerer):
    with pytest.raises(AppError) as caught:
        answerer.answer("  ", PASSAGES)
    assert caught.value.code == "bad_request:question"


def test_budget_is_respected():
    answer = ExtractiveAnswerer(max_sentences=1).answer("O que é fotossíntese?", PASSAGES)

    assert len(answered_sentences(answer.text)) == 1
    assert markers(answer.text) == [1]


def test_constructor_validates():
    with pytest.raises(ValueError, match="max_sentences must be >= 1"):
        ExtractiveAnswerer(max_sentences=0)


def test_a_sentence_longer_than_the_budget_is_cut_at_its_clauses_not_dropped(answerer):
    run_on = (
        "A matrícula em disciplinas optativas, que depende da oferta do semestre, do número de "
        "vagas e da aprovação do coordenador, é feita pelo sistema acadêmico, "
        + ", ".join(f"item {n} do regulamento interno" for n in range(40))
        + "."
    )
    assert len(run_on) > answerer.max_chars

    answer = answerer.answer(
        "Como é feita a matrícula em disciplinas optativas?", [passage(1, run_on)]
    )

    assert answer.mode == "extractive"
    assert "matrícula em disciplinas optativas" in answer.text
    assert len(answer.text) <= answerer.max_chars + 60


def test_lower_case_material_is_answered_sentence_by_sentence(answerer):
    text = PHOTOSYNTHESIS.lower()

    answer = answerer.answer("onde ocorre a fotossíntese?", [passage(1, text)])

    assert "ocorre nos cloroplastos" in answer.text
    assert "prova bimestral" not in answer.text


def test_a_heading_is_context_not_the_start_of_the_answer(answerer):
    text = (
        "Ciclo de Calvin nas plantas verdes\n\nO ciclo de Calvin fixa o carbono do CO2 em glicose."
    )

    answer = answerer.answer("O que o ciclo de Calvin fixa?", [passage(1, text)])

    assert answer.text.startswith("Segundo o material: O ciclo de Calvin fixa")


def test_a_portuguese_question_over_english_material_cites_the_closest_english_sentence():
    english = (
        "The function tapply applies a function to each group of values. "
        "Vectors are the simplest data structure. "
        "Use q() to end the session."
    )
    cosines = {
        "The function tapply applies a function to each group of values.": 0.86,
        "Vectors are the simplest data structure.": 0.81,
        "Use q() to end the session.": 0.80,
    }
    crossed = Evidence(0.85, 0.01, 0.0, 1.0, True, "pt", 0.86, cosines)

    answer = ExtractiveAnswerer().answer(
        "Qual função aplica uma função a cada grupo?", [passage(1, english)], crossed
    )

    assert answer.mode == "extractive"
    assert "tapply applies a function" in answer.text and "q()" not in answer.text
    assert answer.text.startswith("Segundo o material:")
    assert [c.chunk_id for c in answer.citations] == [passage(1, english).chunk_id]


def test_a_near_tie_across_passages_quotes_both_the_higher_ranked_passage_too():
    # r-intro-pt en-028 (An Introduction to R, pages 30 and 32): the nearest sentence is a
    # hint of an exercise; the answer, 0.005 below it, is on the page ranked first.
    page_30 = (
        "The meaning of diag() depends on its argument. diag(v), where v is a vector, gives a "
        "diagonal matrix with elements of the vector as the diagonal entries. Also, somewhat "
        "confusingly, if k is a single numeric value then diag(k) is the k by k identity matrix!"
    )
    page_32 = (
        "As a further trivial but potentially useful example, you might like to consider "
        "writing a function, say tr(), to calculate the trace of a square matrix. [Hint: You "
        "will not need to use an explicit loop. Look again at the diag() function.]"
    )
    page_9 = "The function diag() is described with the other matrix facilities later on."
    cosines = dict(
        zip(
            [*split_sentences(page_30), *split_sentences(page_32), page_9],
            (0.8347, 0.8522, 0.7774, 0.7538, 0.8575, 0.8400),
            strict=True,
        )
    )
    crossed = Evidence(0.85, 0.01, 0.0, 1.0, True, "pt", 0.8575, cosines)
    passages = [passage(30, page_30), passage(32, page_32), passage(9, page_9)]
    question = "O que a função diag() devolve quando eu passo só um número?"

    answer = ExtractiveAnswerer().answer(question, passages, crossed)

    assert [c.page for c in answer.citations] == [32, 30]
    assert "diag(k) is the k by k identity matrix [2]" in answer.text
    assert "described with the other matrix" not in answer.text  # a tie, but ranked lower
    answer_sentence = split_sentences(page_30)[-1]
    apart = cosines | {answer_sentence: 0.8300, page_9: 0.70}  # 0.0275 below: no tie
    alone = ExtractiveAnswerer().answer(
        question, passages, Evidence(0.85, 0.01, 0.0, 1.0, True, "pt", 0.8575, apart)
    )
    assert [c.page for c in alone.citations] == [32]


def test_when_words_barely_meet_the_question_the_closest_sentence_answers_not_a_refusal():
    # The refusal gate found support (the cosines); a question in other words than the
    # material's ("pingo do i" for "o ponto deve ser removido") shares too few terms.
    text = (
        "O LaTeX suporta acentos de muitas línguas. "
        "Para colocar um acento no topo de um i ou de um j, o ponto deve ser removido. "
        "Isto é conseguido escrevendo \\i e \\j."
    )
    sentences = split_sentences(text)
    cosines = dict(zip(sentences, (0.84, 0.90, 0.86), strict=True))
    supported = Evidence(0.89, 0.03, 0.1, 0.0, False, "pt", 0.90, cosines)
    question = "Como eu tiro o pingo do i pra poder colocar um acento em cima?"

    assert ExtractiveAnswerer(min_coverage=0.9).answer(question, [passage(1, text)]).mode == (
        "refused"
    )
    answer = ExtractiveAnswerer(min_coverage=0.9).answer(question, [passage(1, text)], supported)
    assert answer.mode == "extractive"
    assert "o ponto deve ser removido" in answer.text
    assert "Isto é conseguido escrevendo" in answer.text  # it refers back: it joins


def test_the_sentence_after_the_best_one_joins_when_it_goes_on_with_the_explanation(answerer):
    text = (
        "De modo a escrever uma barra entre duas palavras, pode usar simplesmente ler/escrever, "
        "mas isto faz com que o LaTeX considere toda a sequência uma única palavra, desactivando "
        "a hifenização. Para resolver este problema, use \\slash. As margens do documento são "
        "definidas pelo pacote geometry."
    )

    answer = answerer.answer(
        "Como escrevo uma barra entre duas palavras sem atrapalhar a hifenização?",
        [passage(1, text)],
    )

    assert "use \\slash [1]." in answer.text
    assert "geometry" not in answer.text


# Page 109 of "An Introduction to R" (eval/r-intro-pt): its index, as PDFium reads it.
R_INDEX = (
    "NaN . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 11\n"
    "NA . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 11\n"
    "ncol . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 23"
)
R_PROSE = (
    "The function is.na(x) gives a logical vector of the same size as x with value TRUE if "
    "and only if the corresponding element in x is NA. Note that there is a second kind of "
    "missing values which are produced by numerical computation, the so-called Not a Number, "
    "NaN, values."
)


def test_index_entries_with_dot_leaders_are_not_statements():
    assert statements(R_INDEX) == []
    assert statements("-> . . <- . . :") == []
    assert statements(R_PROSE) == split_sentences(R_PROSE)


def test_an_index_page_is_never_quoted_as_the_answer(answerer):
    passages = [passage(1, R_INDEX), passage(2, R_PROSE)]

    answer = answerer.answer("What is the difference between NA and NaN?", passages)

    assert answer.mode == "extractive"
    assert [c.chunk_id for c in answer.citations] == ["c2"]
    assert ". . ." not in answer.text
