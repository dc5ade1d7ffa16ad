"""The hint ladder: each action's next rung, reveal refused too early, a new question restarts."""

from __future__ import annotations

import pytest

from chatgepeto.generation.tutor.modes import (
    HintLevel,
    LadderError,
    TutorAction,
    TutorMode,
    advance,
)

ASK, HINT, ATTEMPT, REVEAL = TutorAction


def climb(*actions: TutorAction) -> HintLevel:
    level = HintLevel.NONE
    for action in actions:
        level = advance(level, action)
    return level


def test_ask_then_hints_climb_to_the_answer_and_stay_there() -> None:
    assert climb(ASK) is HintLevel.GUIDE
    assert climb(ASK, HINT) is HintLevel.CLOZE
    assert climb(ASK, HINT, HINT) is HintLevel.ANSWER
    assert climb(ASK, HINT, HINT, HINT) is HintLevel.ANSWER


def test_reveal_before_an_attempt_or_a_third_request_is_refused() -> None:
    with pytest.raises(LadderError) as refused:
        advance(HintLevel.GUIDE, REVEAL)
    assert refused.value.code == "reveal_too_early"


def test_reveal_is_the_third_request_or_follows_an_attempt() -> None:
    assert climb(ASK, HINT, REVEAL) is HintLevel.ANSWER
    assert climb(ASK, ATTEMPT) is HintLevel.ANSWER
    assert climb(ASK, ATTEMPT, REVEAL) is HintLevel.ANSWER


@pytest.mark.parametrize("level", list(HintLevel))
def test_a_new_question_starts_over_from_any_rung(level: HintLevel) -> None:
    assert advance(level, ASK) is HintLevel.GUIDE


@pytest.mark.parametrize("action", [HINT, ATTEMPT, REVEAL])
def test_nothing_but_a_question_opens_the_ladder(action: TutorAction) -> None:
    with pytest.raises(LadderError) as refused:
        advance(HintLevel.NONE, action)
    assert refused.value.code == "no_question"


def test_a_stored_level_is_read_back_from_its_integer() -> None:
    assert advance(2, HINT) is HintLevel.ANSWER
    with pytest.raises(ValueError):
        advance(7, HINT)


def test_modes_and_actions_parse_and_list_the_valid_values() -> None:
    assert TutorMode.from_str(" Prova ") is TutorMode.PROVA
    assert TutorAction.from_str("reveal") is REVEAL
    with pytest.raises(ValueError, match="direto, tutor, prova"):
        TutorMode.from_str("socratico")
    with pytest.raises(ValueError, match="ask, hint, attempt, reveal"):
        TutorAction.from_str("")
