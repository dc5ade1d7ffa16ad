"""Offline replies: a guide that points without telling, a cloze that hides the key terms,
the extractive answer on reveal, locations only in `prova`, the refusal in every mode."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from chatgepeto.generation.citations import map_markers
from chatgepeto.generation.extractive import ExtractiveAnswerer
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.lesson import (
    Rarity,
    build_lesson,
    lesson_from_answer,
    location_of,
    locations_for,
)
from chatgepeto.generation.tutor.modes import HintLevel, TutorMode
from chatgepeto.generation.tutor.replies import BLANK, cloze, reply_for
from chatgepeto.generation.types import Answer, Citation
from chatgepeto.retrieval.types import RetrievedChunk

from ..passages import MITOSIS, PHOTOSYNTHESIS, passage

PASSAGES = [passage(1, PHOTOSYNTHESIS), passage(2, MITOSIS)]
QUESTION = "Onde ocorre a fotossíntese?"
UNCOVERED = "Quem venceu a Copa do Mundo de 1970?"


def course_rarity(common: set[str]) -> Rarity:
    """A course of 50 chunks where `common` terms are everywhere and the rest in one chunk."""
    terms = {t for p in PASSAGES for t in analyse(p.text)}
    return Rarity(50, {t: 50 if t in common else 1 for t in terms})


def test_the_lesson_is_the_extractive_answer_split_into_its_sentences() -> None:
    lesson = build_lesson(QUESTION, PASSAGES)
    direto = ExtractiveAnswerer().answer(QUESTION, PASSAGES)
    assert lesson.answer == direto
    texts = [s.text for s in lesson.sentences]
    assert "Esse processo ocorre nos cloroplastos, organelas que contêm clorofila." in texts
    assert all(s.text[:-1] in s.passage.text for s in lesson.sentences)
    assert [loc.chunk_id for loc in lesson.locations] == [c.chunk_id for c in direto.citations]


def test_the_guide_names_the_page_and_section_and_asks_without_answering() -> None:
    reply = reply_for(build_lesson(QUESTION, PASSAGES), TutorMode.TUTOR, HintLevel.GUIDE)
    assert "«Aula 1», p. 1, seção «Biologia»" in reply.text
    assert "?" in reply.text and "«fotossíntese»" in reply.text
    assert "cloroplastos" not in reply.text
    assert reply.citations == [] and reply.level is HintLevel.GUIDE


def test_the_cloze_hides_the_rare_new_term_and_keeps_the_question_and_common_words() -> None:
    lesson = build_lesson(QUESTION, PASSAGES, rarity=course_rarity({"organel", "process"}))
    reply = reply_for(lesson, TutorMode.TUTOR, HintLevel.CLOZE)
    assert "cloroplast" in lesson.hidden
    assert "cloroplastos" not in reply.text and BLANK in reply.text
    assert "organelas" in reply.text  # common in the course: left as a clue
    assert "ocorre" in reply.text and "fotossíntese" in reply.text  # the question's words


def test_cloze_blanks_whole_words_and_every_form_of_a_hidden_term() -> None:
    text = "Os cloroplastos e o cloroplasto guardam clorofila-a."
    assert (
        cloze(text, frozenset({"cloroplast", "clorofil"}))
        == f"Os {BLANK} e o {BLANK} guardam {BLANK}."
    )


def test_numbers_the_question_lacks_are_always_hidden() -> None:
    lesson = build_lesson("Quanto tempo dura a mitose em células humanas?", PASSAGES)
    reply = reply_for(lesson, TutorMode.TUTOR, HintLevel.CLOZE)
    assert "1.5" in lesson.answer.text
    assert "1.5" not in reply.text and not re.search(r"\d\.\d", reply.text)


def test_numbers_written_as_words_the_question_lacks_are_hidden_too() -> None:
    guarana = passage(
        3,
        "O guaraná é uma trepadeira domesticada pelo povo Sateré-Mawé. A semente do guaraná "
        "tem cerca de quatro vezes mais cafeína do que o grão de café, e o dobro do mate.",
    )
    question = "Quanta cafeína tem a semente do guaraná?"
    # Every term but the number is common in the course: only the quantity can give it away.
    terms = {t for t in analyse(guarana.text)}
    lesson = build_lesson(question, [guarana], rarity=Rarity(50, dict.fromkeys(terms, 50)))
    reply = reply_for(lesson, TutorMode.TUTOR, HintLevel.CLOZE)
    assert "quatro vezes" in lesson.answer.text
    assert BLANK in reply.text
    assert "quatro" not in reply.text and "dobro" not in reply.text


def test_reveal_and_direto_give_todays_answer_with_its_citations() -> None:
    lesson = build_lesson(QUESTION, PASSAGES)
    for reply in (
        reply_for(lesson, TutorMode.TUTOR, HintLevel.ANSWER),
        reply_for(lesson, TutorMode.DIRETO, HintLevel.GUIDE),
    ):
        assert reply.text == lesson.answer.text
        assert reply.citations == lesson.answer.citations and reply.citations[0].snippet


def test_prova_gives_only_where_to_look() -> None:
    lesson = build_lesson(QUESTION, PASSAGES)
    reply = reply_for(lesson, TutorMode.PROVA, HintLevel.ANSWER)
    assert "«Aula 1», p. 1, seção «Biologia»" in reply.text
    assert not {"cloroplast", "clorofil"} & set(analyse(reply.text))
    assert reply.citations == []
    body = reply.to_dict()
    assert body["locations"] == [
        {"document_id": "d1", "title": "Aula 1", "page": 1, "section": "Biologia", "chunk_id": "c1"}
    ]


@pytest.mark.parametrize("mode", list(TutorMode))
@pytest.mark.parametrize("passages", [PASSAGES, []])
def test_what_the_material_does_not_cover_is_refused_in_every_mode(
    mode: TutorMode, passages: list[RetrievedChunk]
) -> None:
    lesson = build_lesson(UNCOVERED, passages)
    reply = reply_for(lesson, mode, HintLevel.CLOZE)
    assert lesson.refused
    assert reply.mode == "refused" and reply.text.startswith("Não encontrei isso no material")
    assert reply.locations == [] and reply.citations == []


def test_a_location_has_no_snippet_and_no_section_without_headings() -> None:
    loc = location_of(replace(passage(4, MITOSIS), heading_path=(), page=None))
    assert loc.section is None and loc.page is None
    assert "snippet" not in loc.to_dict()


def test_an_english_question_gets_english_hints() -> None:
    passages = [passage(1, "Photosynthesis takes place in the chloroplasts of plant cells.")]
    lesson = build_lesson("Where does photosynthesis take place?", passages)
    reply = reply_for(lesson, TutorMode.TUTOR, HintLevel.GUIDE)
    assert reply.text.startswith("Let's take it step by step. Reread “Aula 1”, p. 1")
    assert "chloroplasts" not in reply.text


def test_a_models_citations_become_locations_without_snippets() -> None:
    _, citations = map_markers("Veja o trecho [2] e depois [1], de novo [2].", PASSAGES)
    locations = locations_for(citations, PASSAGES)
    assert [loc.chunk_id for loc in locations] == ["c2", "c1"]
    assert all("snippet" not in loc.to_dict() for loc in locations)
    assert locations_for(citations, []) == []


ABACUS = (
    "A primeira ferramenta conhecida para a computação foi o ábaco, cuja invenção é atribuída "
    "a habitantes da Mesopotâmia, em torno de 2700–2300 a.C."
)


def _abacus_answer(text: str) -> tuple[list[RetrievedChunk], Answer]:
    found = [passage(1, ABACUS)]
    p = found[0]
    citation = Citation(p.document_id, p.title, p.page, ABACUS[:40], p.chunk_id)
    return found, Answer(text, [citation], "extractive")


def test_a_sentence_whose_stops_follow_its_marker_is_still_read_and_hidden() -> None:
    # The extractive answer of a FaQuAD question, as the product wrote it ("a.C [1]..").
    question = "Qual foi a primeira ferramenta conhecida para a computação?"
    found, answer = _abacus_answer(f"Segundo o material: {ABACUS[:-1]} [1]..")
    lesson = lesson_from_answer(question, found, answer)
    assert len(lesson.sentences) == 1 and not lesson.refused
    guide = reply_for(lesson, TutorMode.TUTOR, HintLevel.GUIDE)
    assert "ábaco" not in guide.text and guide.locations
    assert "ábaco" not in reply_for(lesson, TutorMode.TUTOR, HintLevel.CLOZE).text


def test_an_answer_the_lesson_cannot_read_is_never_shown_in_place_of_a_hint() -> None:
    question = "Qual foi a primeira ferramenta conhecida para a computação?"
    found, answer = _abacus_answer("Segundo o material, sem marcador: o ábaco.")
    lesson = lesson_from_answer(question, found, answer)
    for mode in (TutorMode.TUTOR, TutorMode.PROVA):
        reply = reply_for(lesson, mode, HintLevel.GUIDE)
        assert "ábaco" not in reply.text and reply.mode == "refused"
