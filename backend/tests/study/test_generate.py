from collections import Counter

from chatgepeto.generation.terms import analyse
from chatgepeto.study.generate import GenerationConfig, generate_items
from chatgepeto.study.items import BLANK, Source
from chatgepeto.study.text import occurs_in
from chatgepeto.study.validate import problems
from study.course import course


def test_every_kind_comes_out_of_a_small_course_and_passes_the_checks():
    items = generate_items(course())
    kinds = Counter(i.kind for i in items)
    assert set(kinds) == {"flashcard", "short_answer", "multiple_choice", "cloze"}, kinds
    for item in items:
        assert problems(item) == []
        assert occurs_in(item.answer, item.source.passage_text)
        assert item.sentence and occurs_in(item.sentence, item.source.passage_text)


def test_items_carry_their_source_page_or_none():
    paged = generate_items(course(page=1))
    assert {i.source.page for i in paged} >= {1, 2}
    unpaged = generate_items(course(page=None))
    assert unpaged and all(i.source.page is None for i in unpaged)
    assert all(i.source.passage_id.startswith(i.source.document_id) for i in unpaged)


def test_the_items_ask_what_the_sentences_say():
    by_question = {i.question: i for i in generate_items(course())}
    bacharelado = by_question["O que é Bacharelado?"]
    assert bacharelado.kind == "flashcard"
    assert bacharelado.answer.startswith("modalidade de curso de graduação")
    (revision,) = [i for i in by_question.values() if "revisão da prova" in i.question]
    assert revision.answer == "cinco"
    assert "quantos dias úteis" in revision.question or revision.kind == "multiple_choice"


def test_clozes_blank_a_content_word_never_a_stop_word():
    items = generate_items(course(), config=GenerationConfig(kinds=frozenset({"cloze"})))
    assert items
    for item in items:
        assert item.kind == "cloze" and item.question.count(BLANK) == 1
        assert analyse(item.answer)  # "de", "a", "em" are never the blank


def test_generation_is_deterministic():
    assert generate_items(course()) == generate_items(course())


def test_no_item_singles_out_one_of_a_list_or_repeats_its_answer_in_brackets():
    listing = Source(
        document_id="d",
        title="Campi",
        page=None,
        passage_id="d:0",
        passage_text="A universidade mantém campi em Aquidauana, Corumbá, Coxim e Naviraí no "
        "estado. Será atribuída nota 0,0 (zero vírgula zero) ao acadêmico que faltar à prova.",
    )
    items = generate_items([listing])
    assert not any(i.answer in {"Corumbá", "Coxim", "0,0"} for i in items)
