"""The course's tutor mode, the student's action, and the hint ladder they move along."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TypeVar

_E = TypeVar("_E", bound=StrEnum)


class TutorMode(StrEnum):
    """How a course answers content questions, set by the teacher."""

    DIRETO = "direto"  # a cited answer at once (the product before issue 19)
    TUTOR = "tutor"  # a guiding question, a stronger hint, then the answer
    PROVA = "prova"  # exam: only where in the material to look

    @classmethod
    def from_str(cls, value: str) -> TutorMode:
        """The mode named `value`; the error lists the valid ones."""
        return _parse(cls, value)


class TutorAction(StrEnum):
    """What the student asks of the tutor in one turn."""

    ASK = "ask"  # a new question: the ladder starts over
    HINT = "hint"  # one rung up
    ATTEMPT = "attempt"  # the student's own answer: judged, then the answer is shown
    REVEAL = "reveal"  # the answer, once the student has tried or asked three times

    @classmethod
    def from_str(cls, value: str) -> TutorAction:
        """The action named `value`; the error lists the valid ones."""
        return _parse(cls, value)


class HintLevel(IntEnum):
    """The rung a conversation's current question stands on."""

    NONE = 0  # no question asked yet
    GUIDE = 1  # the section and page, and a guiding question
    CLOZE = 2  # the answer sentence with its key terms hidden
    ANSWER = 3  # the sentence itself, cited: today's extractive answer


class LadderError(ValueError):
    """An action the ladder does not allow now; `code` says which rule (the API's 409)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def advance(level: int, action: TutorAction) -> HintLevel:
    """The level after `action` from `level`, or LadderError (reveal too early, nothing asked).

    A third request reveals: `ask` gives the guide, a `hint` the cloze, the next `hint` or a
    `reveal` the answer. An `attempt` is judged and answered at any rung once a question is
    open; a new `ask` starts over from the guide.
    """
    current = HintLevel(level)
    if action is TutorAction.ASK:
        return HintLevel.GUIDE
    if current is HintLevel.NONE:
        raise LadderError("Faça uma pergunta primeiro.", "no_question")
    if action is TutorAction.HINT:
        return HintLevel(min(current + 1, HintLevel.ANSWER))
    if action is TutorAction.ATTEMPT:
        return HintLevel.ANSWER
    if current < HintLevel.CLOZE:
        raise LadderError(
            "Tente responder ou peça mais uma dica antes de ver a resposta.", "reveal_too_early"
        )
    return HintLevel.ANSWER


def _parse(kind: type[_E], value: str) -> _E:
    try:
        return kind(value.strip().lower())
    except ValueError:
        valid = ", ".join(m.value for m in kind)
        raise ValueError(f"{kind.__name__} must be one of {valid}, got {value!r}") from None
