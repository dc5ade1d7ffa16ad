"""The tutor's and exam's prompts: today's chat prompt plus the mode's rule."""

from __future__ import annotations

import pytest

from chatgepeto.generation.prompt import build_messages
from chatgepeto.generation.tutor.modes import HintLevel, TutorMode
from chatgepeto.generation.tutor.prompt import tutor_messages

from ..passages import PHOTOSYNTHESIS, passage

PASSAGES = [passage(1, PHOTOSYNTHESIS)]
QUESTION = "Onde ocorre a fotossíntese?"


@pytest.mark.parametrize(
    ("mode", "level", "rule"),
    [
        (TutorMode.TUTOR, HintLevel.GUIDE, "Modo tutor: NÃO dê a resposta"),
        (TutorMode.TUTOR, HintLevel.CLOZE, "segunda dica"),
        (TutorMode.PROVA, HintLevel.ANSWER, "Modo prova"),
    ],
)
def test_the_modes_rule_follows_the_chats_system_rules(
    mode: TutorMode, level: HintLevel, rule: str
) -> None:
    today = build_messages(QUESTION, PASSAGES, "pt")
    messages = tutor_messages(QUESTION, PASSAGES, "pt", mode, level)
    assert messages[0]["content"].startswith(today[0]["content"])
    assert rule in messages[0]["content"]
    assert messages[1:] == today[1:]  # the fenced passages and the question, unchanged


@pytest.mark.parametrize(
    ("mode", "level"), [(TutorMode.DIRETO, HintLevel.GUIDE), (TutorMode.TUTOR, HintLevel.ANSWER)]
)
def test_answering_turns_keep_todays_prompt(mode: TutorMode, level: HintLevel) -> None:
    assert tutor_messages(QUESTION, PASSAGES, "pt", mode, level) == build_messages(
        QUESTION, PASSAGES, "pt"
    )


def test_an_english_question_gets_the_english_rule() -> None:
    messages = tutor_messages("Where does it happen?", PASSAGES, "en", TutorMode.PROVA)
    assert "Exam mode: do NOT answer" in messages[0]["content"]
