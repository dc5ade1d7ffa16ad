"""The teacher's tutor mode per course (issue 19): setting it, the prova window, the mode a
question is answered in, and the ladder rung one student action moves to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatgepeto.errors import AppError, Conflict, NotFound
from chatgepeto.generation.tutor.lesson import Location
from chatgepeto.generation.tutor.modes import (
    HintLevel,
    LadderError,
    TutorAction,
    TutorMode,
    advance,
)
from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.storage.roles import Courses
from chatgepeto.storage.types import Collection, Conversation

# The teacher's clock: a prova window written without an offset is Brasília time.
SCHOOL_TIME = ZoneInfo("America/Sao_Paulo")
# Stricter modes withhold more: a question over several courses takes the strictest.
STRICTNESS = {TutorMode.DIRETO: 0, TutorMode.TUTOR: 1, TutorMode.PROVA: 2}


def effective_mode(course: Collection, at: datetime) -> TutorMode:
    """The course's mode at `at`: prova inside its window, else what the teacher set."""
    start, end = course.prova_starts_at, course.prova_ends_at
    if start is not None and end is not None and start <= at < end:
        return TutorMode.PROVA
    return TutorMode.from_str(course.tutor_mode)


def strictest(modes: Sequence[TutorMode]) -> TutorMode:
    """The mode that withholds the most (direto when there is none)."""
    return max(modes, key=STRICTNESS.__getitem__, default=TutorMode.DIRETO)


def school_time(moment: datetime) -> datetime:
    """`moment` in America/Sao_Paulo; a naive one is taken as already written there."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SCHOOL_TIME)
    return moment.astimezone(SCHOOL_TIME)


@dataclass(frozen=True)
class TurnPlan:
    """What one chat turn is: the mode, the action, the rung it reaches and the question
    searched (the message for `ask`, the ladder's open question otherwise)."""

    mode: TutorMode
    action: TutorAction
    level: HintLevel
    query: str | None  # None: rewrite the message into a standalone question first

    @property
    def withholds(self) -> bool:
        """True when the reply may not give the answer (tutor below the answer, prova)."""
        if self.mode is TutorMode.PROVA:
            return True
        return self.mode is TutorMode.TUTOR and self.level < HintLevel.ANSWER


@dataclass(frozen=True)
class TutorOutcome:
    """The tutor's side of an answer outside `direto`: the rung reached, where to read (no
    snippet), what the student may do next, and the verdict on an attempt."""

    mode: TutorMode
    action: TutorAction
    level: HintLevel
    locations: tuple[Location, ...] = ()
    verdict: str | None = None

    @property
    def can_hint(self) -> bool:
        """A `hint` climbs a rung (tutor, between the guide and the answer)."""
        return self.mode is TutorMode.TUTOR and HintLevel.NONE < self.level < HintLevel.ANSWER

    @property
    def can_reveal(self) -> bool:
        """A `reveal` is accepted: tutor, once the stronger hint has been given."""
        return self.mode is TutorMode.TUTOR and self.level == HintLevel.CLOZE

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (api.schemas.TutorState)."""
        return {
            "mode": self.mode.value,
            "action": self.action.value,
            "level": int(self.level),
            "locations": [loc.to_dict() for loc in self.locations],
            "can_hint": self.can_hint,
            "can_reveal": self.can_reveal,
            "verdict": self.verdict,
        }


def plan_turn(mode: TutorMode, action: TutorAction, conversation: Conversation | None) -> TurnPlan:
    """The rung `action` reaches from the conversation's, or a 409 saying why not.

    `direto` answers whatever the action (a `hint` or `reveal` answers the open question);
    `prova` only points, so an `attempt` or `reveal` there is refused; `tutor` climbs the
    ladder of `advance`.
    """
    level = conversation.hint_level if conversation is not None else 0
    open_question = conversation.ladder_question if conversation is not None else None
    if action is TutorAction.ASK:
        reached = HintLevel.GUIDE if mode is not TutorMode.DIRETO else HintLevel.ANSWER
        return TurnPlan(mode, action, reached, None)
    if open_question is None or level == HintLevel.NONE:
        raise Conflict("Faça uma pergunta primeiro.", "conflict:no_question")
    if mode is TutorMode.PROVA:
        if action is not TutorAction.HINT:
            raise Conflict(
                "Em modo prova o assistente só indica onde estudar: a resposta não é mostrada.",
                "conflict:exam_mode",
            )
        return TurnPlan(mode, action, HintLevel.GUIDE, open_question)
    if mode is TutorMode.DIRETO:
        return TurnPlan(mode, action, HintLevel.ANSWER, open_question)
    try:
        reached = advance(min(level, HintLevel.ANSWER), action)
    except LadderError as exc:
        raise Conflict(str(exc), f"conflict:{exc.code}") from None
    return TurnPlan(mode, action, reached, open_question)


@dataclass(frozen=True)
class SearchHits:
    """Ranked passages and the mode they are shown in (prova: places only)."""

    results: list[RetrievedChunk]
    mode: TutorMode


@dataclass(frozen=True)
class TutorSettings:
    """A course's tutor mode as the teacher set it, and its mode now."""

    course: Collection
    effective: TutorMode


class TutorModes:
    """The teacher sets a course's mode; the chat asks which mode a question is in."""

    def __init__(self, courses: Courses, clock: Callable[[], datetime] | None = None) -> None:
        self._courses = courses
        self._clock = clock or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        """The current moment (UTC), from the injectable clock."""
        return self._clock()

    def describe(self, course: Collection) -> TutorSettings:
        """The course with its mode at this moment."""
        return TutorSettings(course, effective_mode(course, self.now()))

    def mode_for(self, collection_id: str | None, scope: frozenset[str] | None = None) -> TutorMode:
        """The mode of the course asked, or, when none is named, the strictest of the courses
        the question searches (`scope`, the asker's; None: every course)."""
        at = self.now()
        if collection_id is not None:
            course = self._courses.get_collection(collection_id)
            return effective_mode(course, at) if course is not None else TutorMode.DIRETO
        searched = [c for c in self._courses.list_collections() if scope is None or c.id in scope]
        return strictest([effective_mode(c, at) for c in searched])

    def set_mode(
        self,
        collection_id: str,
        mode: str,
        prova_starts_at: datetime | None = None,
        prova_ends_at: datetime | None = None,
    ) -> TutorSettings:
        """Set a course's mode and optional prova window (America/Sao_Paulo when written
        without an offset); 400 on a bad mode or window, 404 on an unknown course."""
        try:
            chosen = TutorMode.from_str(mode)
        except ValueError as exc:
            raise AppError(
                "Modo inválido: use direto, tutor ou prova.", "bad_request:tutor_mode"
            ) from exc
        if (prova_starts_at is None) != (prova_ends_at is None):
            raise AppError(
                "Informe o início e o fim da janela de prova, ou nenhum dos dois.",
                "bad_request:prova_window",
            )
        start = end = None
        if prova_starts_at is not None and prova_ends_at is not None:
            start = school_time(prova_starts_at).astimezone(UTC)
            end = school_time(prova_ends_at).astimezone(UTC)
            if end <= start:
                raise AppError(
                    "A janela de prova precisa terminar depois de começar.",
                    "bad_request:prova_window",
                )
        if self._courses.get_collection(collection_id) is None:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        return self.describe(self._courses.set_tutor_mode(collection_id, chosen.value, start, end))
