"""The offline attempt judge: the student's terms against the answer's sentences."""

from __future__ import annotations

import pytest

from chatgepeto.generation.tutor.attempt import Verdict, attempt_reply, judge_attempt
from chatgepeto.generation.tutor.lesson import build_lesson
from chatgepeto.generation.tutor.modes import HintLevel

from ..passages import MITOSIS, PHOTOSYNTHESIS, passage

PASSAGES = [passage(1, PHOTOSYNTHESIS), passage(2, MITOSIS)]
LESSON = build_lesson("Onde ocorre a fotossíntese?", PASSAGES)


@pytest.mark.parametrize(
    ("attempt", "verdict"),
    [
        ("Nos cloroplastos.", Verdict.CORRECT),
        ("acho que ocorre no cloroplasto, onde fica a clorofila", Verdict.CORRECT),
        ("Nos cloroplastos das mitocôndrias do núcleo", Verdict.PARTIAL),
        ("Na mitocôndria, durante a respiração.", Verdict.INCORRECT),
        ("Onde ocorre a fotossíntese?", Verdict.EMPTY),  # only the question's words
        ("", Verdict.EMPTY),
    ],
)
def test_attempts_are_judged_by_the_answer_sentence(attempt: str, verdict: Verdict) -> None:
    assert judge_attempt(LESSON, attempt).verdict is verdict


def test_an_attempt_is_answered_with_the_verdict_and_the_cited_answer() -> None:
    judgement, reply = attempt_reply(LESSON, "Nos cloroplastos")
    assert judgement.precision == 1.0 and judgement.key_recall > 0
    assert reply.text.startswith("Isso mesmo") and reply.text.endswith(LESSON.answer.text)
    assert reply.level is HintLevel.ANSWER and reply.citations == LESSON.answer.citations


def test_an_attempt_on_an_uncovered_question_gets_the_refusal() -> None:
    lesson = build_lesson("Quem venceu a Copa do Mundo de 1970?", PASSAGES)
    judgement, reply = attempt_reply(lesson, "O Brasil")
    assert reply.mode == "refused" and reply.citations == []
    assert reply.text == lesson.answer.text and judgement.verdict is Verdict.EMPTY
