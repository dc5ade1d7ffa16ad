"""The study tools through their service, on both databases (issue 18): generation from a
small course, the teacher's review, FSRS across a restart, due counts, deletes, prova."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from api.course import BIOLOGY_MD, HISTORY_MD, index_all
from evaluation.tiny_set import build_pdf

from chatgepeto.errors import AppError, Conflict, NotFound
from chatgepeto.services.container import Services
from chatgepeto.services.study import Study
from chatgepeto.study import schedule
from chatgepeto.study.text import occurs_in

CLIENT = "client-study"
START = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)  # 10:00 in São Paulo


class Clock:
    """A clock the test moves."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def course(services: Services) -> Services:
    services.store.courses.create_collection("biologia", "Biologia", "aberto")
    services.library.upload("biologia.md", BIOLOGY_MD.encode(), "biologia")
    services.library.upload("historia.md", HISTORY_MD.encode(), "biologia")
    assert index_all(services) == 2
    return services


def _study(services: Services, clock: Clock) -> Study:
    return Study(
        services.store.study,
        services.store.study_jobs,
        services.store.passages,
        services.library,
        services.retriever,
        services.tutor,
        clock,
    )


def _document(services: Services, filename: str) -> str:
    return next(d.id for d in services.library.list_documents("biologia") if d.filename == filename)


def test_generation_stores_drafts_with_their_source_and_is_idempotent(course: Services) -> None:
    made = course.study.generate("biologia")
    assert made.created == made.generated == len(made.items) > 0
    for item in made.items:
        assert item.status == "draft" and item.collection_id == "biologia"
        assert occurs_in(item.answer, item.passage) and item.title in {"biologia.md", "historia.md"}
        assert course.store.passages.get_chunk(item.chunk_id) is not None
    again = course.study.generate("biologia")
    assert again.created == 0 and again.generated == made.generated


def test_generation_of_one_document_and_the_errors_of_bad_input(course: Services) -> None:
    history = _document(course, "historia.md")
    made = course.study.generate("biologia", history)
    assert made.items and {i.document_id for i in made.items} == {history}
    with pytest.raises(NotFound) as unknown:
        course.study.generate("biologia", "nope")
    assert unknown.value.code == "not_found:document"
    with pytest.raises(NotFound) as course_unknown:
        course.study.generate("nada")
    assert course_unknown.value.code == "not_found:collection"
    # Markdown has no pages: a page range is refused with a reason.
    with pytest.raises(AppError) as pages:
        course.study.generate("biologia", history, 1, 2)
    assert pages.value.code == "bad_request:page_range" and "páginas" in pages.value.message
    with pytest.raises(AppError) as without:
        course.study.generate("biologia", None, 1, 2)
    assert without.value.code == "bad_request:page_range"
    course.library.upload("novo.md", b"# Novo\n\nTexto ainda na fila.", "biologia")
    with pytest.raises(Conflict) as queued:
        course.study.generate("biologia", _document(course, "novo.md"))
    assert queued.value.code == "conflict:not_ready"
    course.store.courses.create_collection("vazio", "Vazio", "aberto")
    with pytest.raises(Conflict):
        course.study.generate("vazio")


def test_review_edit_keeps_the_source_and_bulk_approve(course: Services) -> None:
    items = course.study.generate("biologia").items
    first, second = items[0], items[1]
    edited = course.study.edit_item(first.id, question="Pergunta reescrita?", answer="nova")
    assert (edited.question, edited.answer) == ("Pergunta reescrita?", "nova")
    assert (edited.chunk_id, edited.passage, edited.page) == (
        first.chunk_id,
        first.passage,
        first.page,
    )
    course.study.edit_item(second.id, status="rejected")
    assert course.study.approve("biologia", [first.id]) == 1
    assert [i.id for i in course.study.list_items("biologia", "approved")] == [first.id]
    assert course.study.approve("biologia") == len(items) - 2
    assert [i.id for i in course.study.list_items("biologia", "rejected")] == [second.id]
    assert course.study.list_items("biologia", "draft") == []
    with pytest.raises(AppError) as bad:
        course.study.list_items("biologia", "aprovado")
    assert bad.value.code == "bad_request:study_status"
    with pytest.raises(NotFound):
        course.study.edit_item("nope", question="x")


def test_fsrs_sequence_stored_and_reloaded_matches_fsrs_in_memory(course: Services) -> None:
    clock = Clock(START)
    study = _study(course, clock)
    item = study.generate("biologia").items[0]
    study.approve("biologia")
    grades = [3, 1, 3, 4, 2]
    memory = schedule.new_card(1, START)  # the card id does not move the schedule
    expected = []
    for step, grade in enumerate(grades):
        at = START + timedelta(days=step * 3, hours=step)
        memory = schedule.review(memory, grade, at)
        expected.append(schedule.due_at(memory))
        clock.at = at
        # A new process each time: its own store (engine, connections) over the same database.
        restarted = Services.from_settings(course.settings)
        restarted.__dict__["embedder"] = course.embedder
        try:
            card = _study(restarted, clock).grade(item.id, CLIENT, grade)
        finally:
            restarted.store.close()
        assert card.due == expected[-1]
    stored = course.store.study.cards(CLIENT, [item.id])[item.id]
    assert stored.due == expected[-1]
    assert stored.state["stability"] == pytest.approx(memory["stability"])


def test_due_cards_and_the_due_count_under_a_fixed_clock(course: Services) -> None:
    clock = Clock(START)
    study = _study(course, clock)
    items = study.generate("biologia").items
    study.approve("biologia")
    due = study.due("biologia", CLIENT, limit=2)
    assert len(due.cards) == 2 and due.due_today == len(items)
    assert all(c.card is None for c in due.cards)
    card = study.grade(items[0].id, CLIENT, 1)  # Again: back in minutes, still today
    assert START < card.due < START + timedelta(hours=1)
    study.grade(items[1].id, CLIENT, 4)  # Easy: days away
    after = study.due("biologia", CLIENT, limit=100)
    assert after.due_today == len(items) - 1
    assert items[0].id not in {c.item.id for c in after.cards}  # not due this minute
    clock.at = START + timedelta(hours=1)
    later = study.due("biologia", CLIENT, limit=100)
    assert later.cards[0].item.id == items[0].id and later.cards[0].card is not None
    assert study.due("biologia", "another-client", 100).due_today == len(items)


def test_quiz_answers_feed_the_teachers_statistics(course: Services) -> None:
    clock = Clock(START)
    study = _study(course, clock)
    items = study.generate("biologia").items
    study.approve("biologia")
    quiz = next(i for i in items if i.kind in {"multiple_choice", "short_answer", "cloze"})
    right = study.answer(quiz.id, CLIENT, quiz.answer.upper() + " ")
    assert right.correct and right.item.passage == quiz.passage and right.card.due > START
    wrong = study.answer(quiz.id, "client-b", "nada disso")
    assert not wrong.correct and wrong.item.page == quiz.page
    stats = study.stats("biologia")
    row = next(r for r in stats.items if r.item.id == quiz.id)
    assert (row.answers, row.students, row.correct, row.share_correct) == (2, 2, 1, 0.5)
    assert stats.items[0].item.id == quiz.id  # the most missed first
    assert stats.missed_pages[0].document_id == quiz.document_id
    assert stats.missed_pages[0].misses == 1
    flashcard = next((i for i in items if i.kind == "flashcard"), None)
    if flashcard is not None:
        with pytest.raises(AppError) as graded:
            study.answer(flashcard.id, CLIENT, "x")
        assert graded.value.code == "bad_request:study_kind"


def test_drafts_are_not_for_students_and_prova_hides_the_course(course: Services) -> None:
    items = course.study.generate("biologia").items
    with pytest.raises(NotFound) as draft:
        course.study.grade(items[0].id, CLIENT, 3)
    assert draft.value.code == "not_found:study_item"
    assert course.study.due("biologia", CLIENT).cards == []
    course.study.approve("biologia")
    course.tutor.set_mode("biologia", "prova")
    for call in (
        lambda: course.study.due("biologia", CLIENT),
        lambda: course.study.grade(items[0].id, CLIENT, 3),
        lambda: course.study.answer(items[0].id, CLIENT, "x"),
    ):
        with pytest.raises(Conflict) as exam:
            call()
        assert exam.value.code == "conflict:study_in_exam"
    assert len(course.study.list_items("biologia", "approved")) == len(items)  # the teacher's
    course.tutor.set_mode("biologia", "direto")
    assert course.study.due("biologia", CLIENT).due_today == len(items)


def test_deletes_cascade_to_items_cards_and_reviews(course: Services) -> None:
    items = course.study.generate("biologia").items
    course.study.approve("biologia")
    history = _document(course, "historia.md")
    for item in items:
        course.study.grade(item.id, CLIENT, 3)
    course.study.forget(CLIENT)
    assert course.store.study.cards(CLIENT, [i.id for i in items]) == {}
    assert course.store.study.tallies("biologia") == []
    course.study.grade(items[0].id, CLIENT, 3)
    course.library.delete_document(history)
    left = course.study.list_items("biologia")
    assert left and all(i.document_id != history for i in left)
    course.library.delete_collection("biologia")
    assert course.store.study.get_item(left[0].id) is None
    assert course.store.study.cards(CLIENT, [left[0].id]) == {}


def test_a_page_range_of_a_pdf(course: Services) -> None:
    pages = [
        ["A fotossíntese ocorre nos cloroplastos das células vegetais."],
        ["A independência do Brasil foi proclamada em 1822 por Dom Pedro I."],
        ["O ciclo de Calvin ocorre no estroma e fixa o carbono atmosférico."],
    ]
    course.library.upload("aulas.pdf", build_pdf(pages), "biologia")
    index_all(course)
    pdf = _document(course, "aulas.pdf")
    made = course.study.generate("biologia", pdf, 2, 3)
    assert made.items and {i.page for i in made.items} <= {2, 3}
    for first, last, reason in ((3, 2, "vazio"), (0, 1, "vazio"), (2, 9, "3 páginas")):
        with pytest.raises(AppError) as bad:
            course.study.generate("biologia", pdf, first, last)
        assert bad.value.code == "bad_request:page_range" and reason in bad.value.message
