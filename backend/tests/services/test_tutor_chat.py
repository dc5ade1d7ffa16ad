"""The tutor modes' state machine through the chat service, on both databases (issue 19)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from api.course import BIOLOGY_MD, HISTORY_MD

from chatgepeto.errors import AppError, Conflict
from chatgepeto.generation.tutor.modes import TutorAction
from chatgepeto.generation.tutor.replies import BLANK
from chatgepeto.services.chat import ChatResult, ChatService
from chatgepeto.services.container import Services
from chatgepeto.services.indexer import Indexer
from chatgepeto.services.tutor import TutorModes
from chatgepeto.worker.loop import run_once

QUESTION = "Onde ocorre a fotossíntese?"
CLIENT = "client-tutor"


@pytest.fixture
def course(services: Services) -> Services:
    services.store.courses.create_collection("bio", "Biologia")
    services.library.upload("biologia.md", BIOLOGY_MD.encode(), "bio")
    services.library.upload("historia.md", HISTORY_MD.encode(), "default")
    indexer = Indexer(services.store.documents, services.store.jobs, services.embedder)
    while run_once(services.store.jobs, indexer, 60):
        pass
    return services


def _ask(
    chat: ChatService,
    message: str,
    action: TutorAction = TutorAction.ASK,
    conversation: str | None = None,
    collection: str | None = "bio",
) -> ChatResult:
    prepared = chat.prepare(message, CLIENT, conversation, collection, None, action)
    return chat.respond(prepared)


def test_direto_answers_at_once_and_carries_no_tutor_state(course: Services) -> None:
    result = _ask(course.chat, QUESTION)
    assert "cloroplastos" in result.answer and result.citations
    assert result.tutor is None and "tutor" not in result.to_dict()


def test_tutor_ladder_guide_then_cloze_then_the_cited_answer(course: Services) -> None:
    course.tutor.set_mode("bio", "tutor")
    first = _ask(course.chat, QUESTION)
    assert first.tutor is not None and first.tutor.level == 1
    assert "cloroplastos" not in first.answer.lower() and first.citations == []
    assert [loc.title for loc in first.tutor.locations] == ["biologia.md"]
    assert first.tutor.can_hint and not first.tutor.can_reveal

    second = _ask(course.chat, "Quero outra dica", TutorAction.HINT, first.conversation_id)
    assert second.tutor is not None and second.tutor.level == 2
    assert BLANK in second.answer and "cloroplastos" not in second.answer.lower()
    assert second.citations == [] and second.tutor.can_reveal

    third = _ask(course.chat, "Mostre a resposta", TutorAction.REVEAL, first.conversation_id)
    assert third.tutor is not None and third.tutor.level == 3
    assert "cloroplastos" in third.answer and third.citations
    assert third.citations[0].title == "biologia.md"
    assert not third.tutor.can_hint and not third.tutor.can_reveal


def test_a_third_request_reveals_and_a_new_ask_starts_over(course: Services) -> None:
    course.tutor.set_mode("bio", "tutor")
    first = _ask(course.chat, QUESTION)
    conversation = first.conversation_id
    _ask(course.chat, "dica", TutorAction.HINT, conversation)
    third = _ask(course.chat, "dica", TutorAction.HINT, conversation)
    assert third.tutor is not None and third.tutor.level == 3 and "cloroplastos" in third.answer
    again = _ask(course.chat, "O que a fase clara produz?", TutorAction.ASK, conversation)
    assert again.tutor is not None and again.tutor.level == 1
    assert "ATP" not in again.answer and "NADPH" not in again.answer


def test_the_ladder_refuses_a_reveal_too_early_and_moves_before_a_question(
    course: Services,
) -> None:
    course.tutor.set_mode("bio", "tutor")
    first = _ask(course.chat, QUESTION)
    with pytest.raises(Conflict) as early:
        _ask(course.chat, "resposta", TutorAction.REVEAL, first.conversation_id)
    assert early.value.code == "conflict:reveal_too_early" and early.value.status == 409
    with pytest.raises(Conflict) as nothing:
        _ask(course.chat, "dica", TutorAction.HINT)
    assert nothing.value.code == "conflict:no_question"
    # The refused reveal stored nothing: the ladder still stands on the guide.
    stored = course.store.conversations.get_conversation(first.conversation_id, CLIENT)
    assert stored is not None and stored.hint_level == 1 and len(stored.messages) == 2


def test_an_attempt_is_judged_then_answered_with_its_citation(course: Services) -> None:
    course.tutor.set_mode("bio", "tutor")
    first = _ask(course.chat, QUESTION)
    right = _ask(
        course.chat, "Acho que nos cloroplastos", TutorAction.ATTEMPT, first.conversation_id
    )
    assert right.tutor is not None and right.tutor.verdict == "correct"
    assert right.answer.startswith("Isso mesmo") and right.citations
    second = _ask(course.chat, QUESTION)
    wrong = _ask(
        course.chat, "No núcleo dos neurônios", TutorAction.ATTEMPT, second.conversation_id
    )
    assert wrong.tutor is not None and wrong.tutor.verdict == "incorrect"
    assert "cloroplastos" in wrong.answer


def test_the_ladder_is_stored_with_the_conversation_and_survives_a_new_service(
    course: Services,
) -> None:
    course.tutor.set_mode("bio", "tutor")
    first = _ask(course.chat, QUESTION)
    _ask(course.chat, "dica", TutorAction.HINT, first.conversation_id)
    fresh = Services(course.settings, course.store)
    fresh.__dict__["embedder"] = course.embedder
    revealed = _ask(fresh.chat, "resposta", TutorAction.REVEAL, first.conversation_id)
    assert revealed.tutor is not None and revealed.tutor.level == 3


def test_prova_only_points_to_the_page_and_refuses_attempts_and_reveals(
    course: Services,
) -> None:
    course.tutor.set_mode("bio", "prova")
    result = _ask(course.chat, QUESTION)
    assert result.tutor is not None and result.tutor.mode.value == "prova"
    assert "cloroplastos" not in result.answer.lower() and result.citations == []
    assert result.tutor.locations and result.tutor.locations[0].title == "biologia.md"
    assert not result.tutor.can_hint and not result.tutor.can_reveal
    for action in (TutorAction.ATTEMPT, TutorAction.REVEAL):
        with pytest.raises(Conflict) as refused:
            _ask(course.chat, "cloroplastos", action, result.conversation_id)
        assert refused.value.code == "conflict:exam_mode"
    hits = course.search(QUESTION, "bio", 3)
    assert hits.mode.value == "prova" and hits.results


def test_a_question_the_material_lacks_is_refused_in_every_mode(course: Services) -> None:
    for mode in ("direto", "tutor", "prova"):
        course.tutor.set_mode("bio", mode)
        result = _ask(course.chat, "Quem ganhou a Copa do Mundo de 2002?")
        assert result.mode == "refused" and result.citations == []
        assert result.tutor is None or (result.tutor.level == 0 and not result.tutor.locations)


def test_without_a_course_the_strictest_mode_applies(course: Services) -> None:
    course.tutor.set_mode("bio", "prova")
    result = _ask(course.chat, "Quando foi proclamada a independência?", collection=None)
    assert result.tutor is not None and result.tutor.mode.value == "prova"
    assert "1822" not in result.answer


def test_a_prova_window_in_brasilia_time_ends_back_in_the_previous_mode(
    course: Services,
) -> None:
    moment = [datetime(2026, 12, 3, 13, 0, tzinfo=UTC)]  # 10:00 in São Paulo
    modes = TutorModes(course.store.courses, clock=lambda: moment[0])
    set_ = modes.set_mode(
        "bio", "tutor", datetime(2026, 12, 3, 9, 30), datetime(2026, 12, 3, 11, 0)
    )
    assert set_.course.prova_starts_at == datetime(2026, 12, 3, 12, 30, tzinfo=UTC)
    assert set_.effective.value == "prova" and modes.mode_for("bio").value == "prova"
    moment[0] += timedelta(hours=1)  # 11:00 in São Paulo: the window has ended
    assert modes.mode_for("bio").value == "tutor"
    stored = course.store.courses.get_collection("bio")
    assert stored is not None and stored.tutor_mode == "tutor"


@pytest.mark.parametrize(
    ("mode", "starts", "ends", "code"),
    [
        ("socratico", None, None, "bad_request:tutor_mode"),
        ("prova", datetime(2026, 12, 3, 10), None, "bad_request:prova_window"),
        ("prova", datetime(2026, 12, 3, 10), datetime(2026, 12, 3, 9), "bad_request:prova_window"),
    ],
)
def test_bad_modes_and_windows_are_clear_400s_and_change_nothing(
    course: Services, mode: str, starts: datetime | None, ends: datetime | None, code: str
) -> None:
    with pytest.raises(AppError) as bad:
        course.tutor.set_mode("bio", mode, starts, ends)
    assert bad.value.code == code and bad.value.status == 400
    stored = course.store.courses.get_collection("bio")
    assert stored is not None and stored.tutor_mode == "direto"


def test_insights_count_questions_per_mode_hints_and_prova_questions(course: Services) -> None:
    _ask(course.chat, QUESTION)
    course.tutor.set_mode("bio", "tutor")
    first = _ask(course.chat, QUESTION)
    _ask(course.chat, "dica", TutorAction.HINT, first.conversation_id)
    _ask(course.chat, "resposta", TutorAction.REVEAL, first.conversation_id)
    course.tutor.set_mode("bio", "prova")
    _ask(course.chat, "O que a fase clara produz?")
    insights = course.store.conversations.insights("bio")
    assert insights["questions_per_mode"] == [
        {"mode": "direto", "questions": 1},
        {"mode": "prova", "questions": 1},
        {"mode": "tutor", "questions": 1},
    ]
    assert insights["hints_before_answer"] == [{"hints": 2, "answers": 1}]
    assert [q["question"] for q in insights["prova_questions"]] == ["O que a fase clara produz?"]
